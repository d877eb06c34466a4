// Site search in the browser: the tokeniser, the MiniSearch index built from `search/index.json`
// (written by src/outputs/search-index.ts), ranking and snippets. No DOM here (search.js draws the
// box), so the tests run it in Node. MiniSearch is passed in rather than imported: the page loads it
// from the site's own `search/minisearch.js`, the tests from node_modules.
//
// Why MiniSearch over a small JSON of documents (measured on a 1,109-page corpus, numbers in
// src/outputs/search-index.ts): Pagefind only sees the rendered HTML (no metric names or tags unless the
// theme marks them up), needs a platform binary run over the output folder, and downloads more for a
// first query; a serialised MiniSearch index is several times larger than the documents it is built from.

/** Version of `search/index.json` this engine reads (src/search/index-file.ts). */
export const SEARCH_INDEX_VERSION = 1;

/** What the index file writes for a value that only repeats the page's title. */
const SAME_AS_TITLE = 0;

const FIELDS = ['alerts', 'title', 'metrics', 'description', 'tags', 'severities', 'section', 'headings'];

/** Where a result's snippet comes from: the first of these fields that matched. */
const SNIPPET_FIELDS = ['description', 'metrics', 'alerts', 'tags', 'severities', 'headings', 'section'];

const BOOST = { alerts: 4, title: 3, metrics: 3, tags: 2, severities: 2, section: 1.5, description: 1, headings: 0.5 };

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'this', 'that', 'to', 'with']);

/**
 * The terms of a text, for the index and for queries alike. A word (letters, digits, `_` and `:`) gives
 * its lowercased self, so an exact alert or metric name matches as a whole, and its parts: split at `_`
 * and `:` (metric names: `haproxy_backend_connection_errors_total`) and at CamelCase humps, acronyms and
 * digits (`HaproxyHighHttp5xxErrorRate` → haproxy, high, http, 5xx, error, rate), so any fragment of a
 * name finds it. One-letter parts and a few English stop words are dropped.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  const terms = [];
  for (const word of text.match(/[\p{L}\p{N}_:]+/gu) ?? []) {
    const whole = word.toLowerCase();
    const parts = word
      .split(/[_:]+/)
      .flatMap((part) => part
        .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
        .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
        .replace(/(\p{L}{2,})(\p{N})/gu, '$1 $2')
        .split(' '))
      .map((part) => part.toLowerCase());
    for (const term of new Set([whole, ...parts])) {
      if (term.length > 1 && !STOP_WORDS.has(term)) terms.push(term);
    }
  }
  return terms;
}

/**
 * @typedef {object} SearchDocument
 * @property {string} path Site path without its leading `/` (join it to the base path).
 * @property {string} title
 * @property {string} section
 * @property {string[]} alerts
 * @property {string[]} metrics
 * @property {string[]} severities
 * @property {string[]} tags
 * @property {string[]} headings
 * @property {string} description
 */

/**
 * The documents of an index file.
 * @param {{ version: number, shared: string[], documents: any[][] }} file
 * @returns {SearchDocument[]}
 */
export function decodeSearchIndex(file) {
  if (file.version !== SEARCH_INDEX_VERSION) throw new Error(`search index version ${file.version}, expected ${SEARCH_INDEX_VERSION}: rebuild the site`);
  const { shared } = file;
  /** @param {number[]} refs */
  const values = (refs) => refs.map((ref) => shared[ref] ?? '');
  return file.documents.map(([folder, leaf, title, section, alerts, metrics, severities, tags, headings, description]) => ({
    path: shared[folder] + (leaf === SAME_AS_TITLE ? `${title.toLowerCase()}/` : leaf),
    title,
    section: shared[section] ?? '',
    alerts: alerts.map((/** @type {string | 0} */ alert) => (alert === SAME_AS_TITLE ? title : alert)),
    metrics,
    severities: values(severities),
    tags: values(tags),
    headings: values(headings),
    description,
  }));
}

/**
 * @typedef {object} SnippetPart
 * @property {string} text
 * @property {boolean} match True for a part to highlight.
 */

/**
 * @typedef {object} SearchResult
 * @property {SearchDocument} document
 * @property {SnippetPart[]} snippet The text around the best match, with the matches marked.
 */

/**
 * A search over the documents of an index file.
 * @param {any} MiniSearch The MiniSearch class (minisearch's ES module default export).
 * @param {{ version: number, shared: string[], documents: any[][] }} file
 * @returns {{ documents: SearchDocument[], search: (query: string, limit?: number) => SearchResult[] }}
 */
export function createSiteSearch(MiniSearch, file) {
  const documents = decodeSearchIndex(file);
  const index = new MiniSearch({
    idField: 'id',
    fields: FIELDS,
    tokenize,
    processTerm: (/** @type {string} */ term) => term,
    extractField: (/** @type {any} */ document, /** @type {string} */ field) => (field === 'id' ? document.id : [document[field]].flat().join(' ')),
    searchOptions: {
      boost: BOOST,
      combineWith: 'AND',
      prefix: true,
      fuzzy: (/** @type {string} */ term) => (term.length > 5 ? 0.2 : false),
    },
  });
  index.addAll(documents.map((document, id) => ({ ...document, id })));

  return {
    documents,
    search(query, limit = 10) {
      const exact = query.trim().toLowerCase();
      const hits = index.search(query);
      // An alert, metric or page named exactly as typed is what the reader is after, whatever the scores.
      const named = (/** @type {SearchDocument} */ document) =>
        [document.title, ...document.alerts, ...document.metrics].some((name) => name.toLowerCase() === exact);
      const ranked = [...hits.filter((hit) => named(documents[hit.id])), ...hits.filter((hit) => !named(documents[hit.id]))];
      return ranked.slice(0, limit).map((hit) => ({ document: documents[hit.id], snippet: snippetOf(documents[hit.id], hit.match) }));
    },
  };
}

/**
 * The text of the most telling matched field, cut around its first match, with every matched term marked.
 * @param {SearchDocument} document
 * @param {Record<string, string[]>} match Matched index terms and the fields they matched in.
 * @returns {SnippetPart[]}
 */
function snippetOf(document, match) {
  // The field that matched the most terms shows most of what was typed. The title is shown above the
  // snippet already, so are alert names that only repeat it.
  const terms = Object.keys(match).sort((a, b) => b.length - a.length);
  const telling = SNIPPET_FIELDS.filter((name) => name !== 'alerts' || document.alerts.some((alert) => alert !== document.title));
  const matchesIn = (/** @type {string} */ name) => terms.filter((term) => match[term]?.includes(name)).length;
  const field = telling.reduce((best, name) => (matchesIn(name) > matchesIn(best) ? name : best), 'description');
  const text = [document[/** @type {keyof SearchDocument} */ (field)]].flat().join(' · ');
  const pattern = terms.length > 0 ? new RegExp(terms.map(escapeRegExp).join('|'), 'gi') : undefined;
  const first = pattern ? text.search(pattern) : -1;
  const start = first > 60 ? text.lastIndexOf(' ', first - 40) + 1 : 0;
  const end = Math.min(text.length, Math.max(start + 160, first + 80));
  const window = `${start > 0 ? '… ' : ''}${text.slice(start, end)}${end < text.length ? ' …' : ''}`;
  /** @type {SnippetPart[]} */
  const parts = [];
  let last = 0;
  for (const found of pattern ? window.matchAll(pattern) : []) {
    if (found.index > last) parts.push({ text: window.slice(last, found.index), match: false });
    parts.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  return parts;
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
