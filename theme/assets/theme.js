// The theme's progressive enhancements; every page works without them.
// - the colour-scheme toggle (the choice is remembered; scheme.js applies it on the next page)
// - the Menu button of narrow screens
// - the menu scrolled to the current page (a long menu would hide it below the fold)
// - a Copy button on each code block
// - the alerts index's filter (text, severity) and sortable columns
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
    var setOpen = function (open) {
      root.classList.toggle('menu-open', open);
      button.setAttribute('aria-expanded', String(open));
    };
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

  function setUpCopyButtons() {
    document.querySelectorAll('.markdown pre > code').forEach(function (code) {
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
      code.parentElement.appendChild(button);
    });
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
  setUpCopyButtons();
  setUpAlertsIndex();
})();
