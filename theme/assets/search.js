// The header's search box: results as you type (the alert name, its section and the heading the result
// opens at, a snippet with the matches marked), `/` to focus it, arrow keys and Enter to open a result,
// Esc to close. The query is kept in the page's URL (`?q=`, replaced as you type), so a search can be
// shared and the back button comes back to it: a page opened with `?q=` shows its results. The engine
// and the index are fetched on first use only, from URLs the page gives (data-search-engine) or derives
// from its base path (data-base-path), so the box works under a sub-path and offline; the body shards
// only when a query needs them (search-engine.js). Without scripts the box is a form that submits to
// the search page. Searching itself is search-engine.js's job.

const box = document.querySelector('.site-search');
const input = box?.querySelector('input');
const list = box?.querySelector('.site-search-results');

if (box instanceof HTMLFormElement && input instanceof HTMLInputElement && list instanceof HTMLElement) {
  const basePath = box.dataset.basePath ?? '/';
  let loading;
  let active = -1;
  let drawn = 0;

  const fetchJson = (name) => fetch(`${basePath}search/${name}`).then((response) => {
    if (!response.ok) throw new Error(`search/${name}: HTTP ${response.status}`);
    return response.json();
  });

  const load = () => {
    loading ??= Promise.all([import(box.dataset.searchEngine ?? ''), fetchJson('index.json')])
      .then(([engine, file]) => engine.createSiteSearch(file, fetchJson));
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

  const span = (className, textContent) => Object.assign(document.createElement('span'), { className, textContent });

  /** An alert name with line-break opportunities at its CamelCase humps and after `_ - . /`, never mid-word. */
  const breakable = (name) => name.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=[_./-])/u)
    .flatMap((piece, index) => (index === 0 ? [piece] : [document.createElement('wbr'), piece]));

  /** Results with the same title say which section they are in beside the title itself. */
  const resultItem = (result, position, results) => {
    const { document: found, heading, href, snippet } = result;
    const link = Object.assign(document.createElement('a'), { href: basePath + href });
    const title = span('site-search-title', '');
    title.append(...breakable(found.title));
    const twin = results.some((other) => other !== result && other.document.title === found.title);
    if (twin) title.append(' ', span('site-search-where', found.section));
    // The section once: beside the title of a twin, else on the line that names the heading.
    const place = span('site-search-section', twin ? '' : found.section);
    if (heading) place.append(twin ? '' : ' › ', span('site-search-heading', heading));
    const text = span('site-search-snippet', '');
    for (const part of snippet) text.append(part.match ? Object.assign(document.createElement('mark'), { textContent: part.text }) : part.text);
    link.append(title, ...(place.textContent ? [place] : []), text);
    const item = Object.assign(document.createElement('li'), { id: `site-search-result-${position}` });
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', 'false');
    item.append(link);
    return item;
  };

  /** Keeps the query in the address (replacing the entry, so typing adds no history). */
  const remember = (query) => {
    const url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    if (url.href !== window.location.href) history.replaceState(history.state, '', url);
  };

  const show = async () => {
    const query = input.value.trim();
    remember(query);
    const turn = (drawn += 1);
    if (query === '') {
      list.removeAttribute('aria-busy');
      return close();
    }
    list.setAttribute('aria-busy', 'true');
    const search = await load();
    const results = await search.search(input.value, 10);
    if (turn !== drawn) return; // a newer keystroke draws its own results
    list.removeAttribute('aria-busy');
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

  /** A page opened (or come back to) with `?q=` shows that search. */
  const restore = () => {
    const query = new URL(window.location.href).searchParams.get('q') ?? '';
    if (!query) return;
    input.value = query;
    show().catch(report);
  };

  input.addEventListener('focus', () => load().catch(report), { once: true });
  input.addEventListener('input', () => show().catch(report));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) show().catch(report);
      else select(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Escape') {
      // The first Esc closes the results and keeps the text (a search field would clear it), the next leaves.
      event.preventDefault();
      if (list.hidden) input.blur();
      close();
    }
  });
  // Enter opens the chosen result (the first if none is); with no results the form goes to the search page.
  box.addEventListener('submit', (event) => {
    const link = options()[Math.max(active, 0)]?.querySelector('a');
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
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
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) restore();
  });
  document.documentElement.classList.add('search-ready');
  restore();
}
