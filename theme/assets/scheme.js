// Runs in <head>, before the first paint: applies the colour scheme the reader chose with the toggle
// (remembered in localStorage), so a dark page never flashes light; and marks that scripts run (html.js),
// which shows the buttons that need them.
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  try {
    var scheme = localStorage.getItem('runbook-site-scheme');
    if (scheme === 'light' || scheme === 'dark') root.setAttribute('data-scheme', scheme);
  } catch (error) {
    // Storage can be blocked (private mode, policies): the system's scheme applies.
  }
})();
