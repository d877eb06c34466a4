// The header's search box: results as you type (title, section, a snippet with the match marked),
// `/` to focus it, arrow keys and Enter to open a result, Esc to close. The engine, MiniSearch and the
// index are fetched on first use only, from URLs the page gives (data-search-engine) or derives from its
// base path (data-base-path), so the box works under a sub-path and offline. Without scripts the box
// stays hidden. Searching itself is search-engine.js's job.

const box = document.querySelector('.site-search');
const input = box?.querySelector('input');
const list = box?.querySelector('.site-search-results');

if (box instanceof HTMLElement && input instanceof HTMLInputElement && list instanceof HTMLElement) {
  const basePath = box.dataset.basePath ?? '/';
  let loading;
  let active = -1;

  const load = () => {
    loading ??= Promise.all([
      import(box.dataset.searchEngine ?? ''),
      import(`${basePath}search/minisearch.js`),
      fetch(`${basePath}search/index.json`).then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json();
      }),
    ]).then(([engine, miniSearch, file]) => engine.createSiteSearch(miniSearch.default, file));
    return loading;
  };

  const options = () => [...list.querySelectorAll('[role="option"]')];

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const select = (index) => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, position) => option.setAttribute('aria-selected', String(position === active)));
    input.setAttribute('aria-activedescendant', all[active].id);
    all[active].scrollIntoView({ block: 'nearest' });
  };

  const resultItem = ({ document, snippet }, position) => {
    const link = Object.assign(window.document.createElement('a'), { href: basePath + document.path });
    const title = Object.assign(window.document.createElement('span'), { className: 'site-search-title', textContent: document.title });
    const section = Object.assign(window.document.createElement('span'), { className: 'site-search-section', textContent: document.section });
    const text = Object.assign(window.document.createElement('span'), { className: 'site-search-snippet' });
    for (const part of snippet) text.append(part.match ? Object.assign(window.document.createElement('mark'), { textContent: part.text }) : part.text);
    link.append(title, section, text);
    const item = Object.assign(window.document.createElement('li'), { id: `site-search-result-${position}` });
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', 'false');
    item.append(link);
    return item;
  };

  const show = async () => {
    const query = input.value.trim();
    if (query === '') return close();
    const search = await load();
    if (input.value.trim() !== query) return; // a newer keystroke draws its own results
    const results = search.search(query, 10);
    list.replaceChildren(...results.map(resultItem));
    if (results.length === 0) {
      list.append(Object.assign(document.createElement('li'), { className: 'site-search-empty', textContent: `No runbook matches “${query}”` }));
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    input.removeAttribute('aria-activedescendant');
  };

  const report = (error) => {
    list.replaceChildren(Object.assign(document.createElement('li'), { className: 'site-search-empty', textContent: 'Search is unavailable' }));
    list.hidden = false;
    console.error(error);
  };

  box.hidden = false;
  input.addEventListener('focus', () => load().catch(report), { once: true });
  input.addEventListener('input', () => show().catch(report));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) show().catch(report);
      else select(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      const link = options()[Math.max(active, 0)]?.querySelector('a');
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    } else if (event.key === 'Escape') {
      if (list.hidden) input.blur();
      close();
    }
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!box.contains(event.target)) close();
  });
}
