// Fills in a runbook's alert placeholders from its link. The build marks each `{{ $labels.NAME }}`,
// `{{ $value }}`... as <span class="rb-label" data-label="NAME">; a firing alert's annotation can link
// here with `?NAME=value` (Prometheus fills the values in). Each placeholder with a value shows it, a
// notice at the top of the page says which values came from the link, and its button shows the page
// without them (and back). The code blocks' Copy buttons copy what is shown, values included.
// The values are the link's, so anyone's: they are only ever put in as text (textContent, never HTML,
// never an attribute). A value holding control or invisible characters (a newline, a right-to-left
// override) is not filled in at all: it could make a command read other than it runs. One holding
// characters a shell treats specially is filled in and called out in the notice.
// The Alert Rule block's "Silence in Alertmanager" link gets the filled-in labels as matchers beside
// `alertname` (each value quoted and escaped as a matcher, the whole filter percent-encoded).
// Without scripts, or without parameters, the page reads as built: placeholders as written.
(function () {
  'use strict';
  var placeholders = Array.prototype.slice.call(document.querySelectorAll('.rb-label[data-label]'));
  if (placeholders.length === 0 || !window.location.search) return;
  var params = new URLSearchParams(window.location.search);
  var HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
  var SHELL_CHARACTERS = /[\s;&|$`\\'"<>(){}[\]*?!#~]/;

  // Names in page order, each once; only the page's own placeholder names are looked up in the URL.
  var refused = [];
  var values = new Map();
  placeholders.forEach(function (placeholder) {
    var name = placeholder.getAttribute('data-label');
    if (values.has(name) || refused.indexOf(name) !== -1 || !params.has(name)) return;
    var value = params.get(name);
    if (value === '') return;
    if (HIDDEN_CHARACTERS.test(value)) {
      refused.push(name);
      return;
    }
    values.set(name, value);
  });
  var filled = Array.from(values.keys());
  if (filled.length === 0 && refused.length === 0) return;

  // Each placeholder's nodes as built (the highlighter's spans included), to put back.
  var originals = new Map();
  function show(withValues) {
    placeholders.forEach(function (placeholder) {
      var name = placeholder.getAttribute('data-label');
      if (!values.has(name)) return;
      if (!originals.has(placeholder)) originals.set(placeholder, Array.prototype.slice.call(placeholder.childNodes));
      if (withValues) {
        var written = placeholder.textContent;
        placeholder.textContent = values.get(name);
        placeholder.title = 'From the link; the runbook says ' + written;
      } else {
        placeholder.replaceChildren.apply(placeholder, originals.get(placeholder));
        placeholder.removeAttribute('title');
      }
      placeholder.classList.toggle('rb-label-filled', withValues);
    });
  }

  // `{{ $value }}` is the alert's value, not one of its labels: it is no matcher.
  var silenceLinks = Array.prototype.slice.call(document.querySelectorAll('a.rule-action-silence'));
  var builtHrefs = silenceLinks.map(function (link) { return link.getAttribute('href'); });
  function matcherValue(value) {
    return '"' + value.replace(/[\\"]/g, '\\$&') + '"';
  }
  function updateSilenceLinks(withValues) {
    silenceLinks.forEach(function (link, index) {
      var built = builtHrefs[index];
      var at = built.indexOf('?filter=');
      if (at === -1) return;
      var filter = decodeURIComponent(built.slice(at + '?filter='.length));
      var matchers = withValues ? filled.filter(function (name) { return name !== 'value'; })
        .map(function (name) { return name + '=' + matcherValue(values.get(name)); }) : [];
      var withMatchers = matchers.length > 0 ? filter.replace(/\}$/, ',' + matchers.join(',') + '}') : filter;
      link.setAttribute('href', built.slice(0, at) + '?filter=' + encodeURIComponent(withMatchers));
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function valueList(names) {
    var list = element('ul', 'rb-labels-values');
    names.forEach(function (name) {
      var item = element('li');
      item.appendChild(element('code', 'rb-labels-name', name));
      item.appendChild(document.createTextNode(' = '));
      item.appendChild(element('code', 'rb-labels-value', values.get(name)));
      list.appendChild(item);
    });
    return list;
  }

  var notice = element('section', 'rb-labels-notice');
  notice.setAttribute('aria-label', 'Values from the link');
  var status = element('p', 'rb-labels-status');
  status.setAttribute('aria-live', 'polite');
  notice.appendChild(status);
  if (filled.length > 0) notice.appendChild(valueList(filled));
  var special = filled.filter(function (name) { return SHELL_CHARACTERS.test(values.get(name)); });
  if (special.length > 0) {
    notice.appendChild(element('p', 'rb-labels-warning', 'Check commands before you run them: ' + special.join(', ')
      + (special.length === 1 ? ' holds' : ' hold') + ' spaces or characters a shell treats specially.'));
  }
  if (refused.length > 0) {
    notice.appendChild(element('p', 'rb-labels-warning', 'Not filled in: ' + refused.join(', ')
      + (refused.length === 1 ? ' holds' : ' hold') + ' control or invisible characters.'));
  }
  var button = element('button', 'rb-labels-toggle');
  button.type = 'button';
  var withValues = filled.length > 0;
  button.hidden = !withValues;
  function update() {
    show(withValues);
    updateSilenceLinks(withValues);
    if (filled.length === 0) status.textContent = 'The link that opened this page carried values this page does not fill in.';
    else status.textContent = withValues ? 'Filled in from the link that opened this page:' : 'Shown as written, without the values of the link that opened this page:';
    button.textContent = withValues ? 'Show without them' : 'Fill them in';
  }
  button.addEventListener('click', function () {
    withValues = !withValues;
    update();
  });
  notice.appendChild(button);
  update();

  var main = document.querySelector('main') || document.body;
  main.insertBefore(notice, main.firstChild);
})();
