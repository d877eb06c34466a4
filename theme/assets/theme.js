// The theme's progressive enhancements; every page works without them.
// - the colour-scheme toggle (the choice is remembered; scheme.js applies it on the next page)
// - the Menu button of narrow screens (the menu a drawer under the header; Escape or a click outside closes it)
// - the menu scrolled to the current page (a long menu would hide it below the fold)
// - a bar above each code block with its Copy button; for a rule block laid out over lines, a toggle to
//   the text as in the rule file (Copy always copies that text)
// - the alerts index's filter (text, severity; `?q=` fills the text) and sortable columns
// - the 404 page's search box filled with the last part of the address (often an alert name)
// - Alert Rule blocks opened for printing
(function () {
  'use strict';
  var root = document.documentElement;
  var STORAGE_KEY = 'runbook-site-scheme';

  function currentScheme() {
    var chosen = root.getAttribute('data-scheme');
    if (chosen) return chosen;
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function setUpSchemeToggle() {
    var button = document.querySelector('.scheme-toggle');
    if (!button) return;
    var show = function () {
      var dark = currentScheme() === 'dark';
      button.setAttribute('aria-pressed', String(dark));
    };
    button.addEventListener('click', function () {
      var next = currentScheme() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-scheme', next);
      try { localStorage.setItem(STORAGE_KEY, next); } catch (error) { /* not remembered, still applied */ }
      show();
    });
    show();
  }

  function showCurrentMenuEntry() {
    var menu = document.querySelector('.site-menu');
    var current = menu && menu.querySelector('[aria-current="page"]');
    if (!current || menu.scrollHeight <= menu.clientHeight) return;
    // The sticky menu is the entry's offset parent, so offsetTop is its place inside the menu.
    menu.scrollTop = current.offsetTop - menu.clientHeight / 3;
  }

  function setUpMenuButton() {
    var button = document.querySelector('.menu-button');
    var menu = document.getElementById(button ? button.getAttribute('aria-controls') : '');
    if (!button || !menu) return;
    var header = document.querySelector('.site-header');
    var setOpen = function (open) {
      // The drawer starts under the header, whose height depends on how its rows wrapped.
      if (header) root.style.setProperty('--menu-top', header.getBoundingClientRect().bottom + 'px');
      root.classList.toggle('menu-open', open);
      button.setAttribute('aria-expanded', String(open));
    };
    document.addEventListener('click', function (event) {
      if (root.classList.contains('menu-open') && !menu.contains(event.target) && !button.contains(event.target)) setOpen(false);
    });
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      setOpen(open);
      if (open) {
        var first = menu.querySelector('a[aria-current="page"]') || menu.querySelector('a');
        if (first) first.focus();
      }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && root.classList.contains('menu-open')) {
        setOpen(false);
        button.focus();
      }
    });
  }

  function setUpCodeToolbars() {
    document.querySelectorAll('.markdown pre').forEach(function (pre) {
      var code = pre.querySelector('code[data-view="source"]') || pre.querySelector(':scope > code');
      if (!code) return;
      var toolbar = document.createElement('div');
      toolbar.className = 'code-toolbar';
      var formatted = pre.querySelector('code[data-view="formatted"]');
      if (formatted) toolbar.appendChild(layoutToggle(formatted, code));
      toolbar.appendChild(copyButton(code));
      pre.parentElement.insertBefore(toolbar, pre);
    });
  }

  // Shows the expression as in the rule file (pressed) or laid out over lines.
  function layoutToggle(formatted, source) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'As in the rule file';
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', function () {
      var asWritten = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(asWritten));
      formatted.hidden = asWritten;
      source.hidden = !asWritten;
    });
    return button;
  }

  function copyButton(code) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code');
      button.addEventListener('click', function () {
        copyText(codeText(code)).then(function () {
          button.textContent = 'Copied';
        }, function () {
          button.textContent = 'Press Ctrl+C';
          var range = document.createRange();
          range.selectNodeContents(code);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        });
        setTimeout(function () { button.textContent = 'Copy'; }, 2000);
      });
      return button;
  }

  // The code as written: without the line numbers of the `highlight` shortcode's numbered lines.
  function codeText(code) {
    var copy = code.cloneNode(true);
    copy.querySelectorAll('.ln').forEach(function (number) { number.remove(); });
    return copy.textContent || '';
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return Promise.reject(new Error('clipboard unavailable'));
  }

  function setUpAlertsIndex() {
    var table = document.querySelector('.alerts-table');
    var form = document.querySelector('.alerts-filter');
    if (!table || !form) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var empty = document.querySelector('.alerts-empty');
    var text = form.elements.namedItem('q');
    var severity = form.elements.namedItem('severity');
    form.hidden = false;
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    var filter = function () {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = severity.value;
      var shown = 0;
      rows.forEach(function (row) {
        var haystack = row.textContent.toLowerCase();
        var match = (!wanted || row.getAttribute('data-severity') === wanted)
          && words.every(function (word) { return haystack.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (empty) empty.hidden = shown > 0;
    };
    text.addEventListener('input', filter);
    severity.addEventListener('change', filter);
    var asked = new URLSearchParams(window.location.search).get('q');
    if (asked) {
      text.value = asked;
      filter();
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = header.textContent;
      header.textContent = '';
      header.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        rows.sort(function (a, b) {
          var order = a.cells[column].textContent.localeCompare(b.cells[column].textContent, undefined, { numeric: true, sensitivity: 'base' });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('.markdown details').forEach(function (details) { details.open = true; });
  });

  setUpSchemeToggle();
  setUpMenuButton();
  showCurrentMenuEntry();
  function fillNotFoundSearch() {
    var input = document.getElementById('not-found-q');
    if (!input) return;
    var parts = window.location.pathname.split('/').filter(Boolean);
    var last = parts.length > 0 ? decodeURIComponent(parts[parts.length - 1]).replace(/\.html?$/, '') : '';
    if (last && last !== '404') input.value = last;
  }

  setUpCodeToolbars();
  setUpAlertsIndex();
  fillNotFoundSearch();
})();
