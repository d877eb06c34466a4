// Site search in the browser: the tokeniser (the build indexes runbook bodies with this same function,
// src/search/body-index.ts), the name index built here from `search/index.json` (written by
// src/outputs/search-index.ts), the body shards fetched on demand, ranking and snippets. No DOM here
// (search.js draws the box), so the tests run it in Node with a loader reading the built files.
//
// Two indexes, so that the first query loads little:
// - the name index: one document per page (title, alert names, metric names, headings, tags, severities,
//   section, the rules' annotations), sent as plain documents (a serialised inverted index is several
//   times larger) and indexed here in a few milliseconds;
// - the body index: each `##` section of every page a document, as an inverted index built at build
//   time and split by term range into shards of similar size (`body` in the index file lists each
//   shard's first term). A query term needs the one shard whose range holds it (a prefix the few that
//   cover it), so a body query fetches one to three shards whatever the size of the site; then the text
//   of the pages it shows, for their snippets. Cut by first letter instead, `s` or `c` would be ten
//   times the size of `q`. The body is only consulted for a quoted phrase, or when the name index
//   neither fills the results nor finds an alert or metric named exactly as typed: pages found by name
//   outrank body matches anyway.
//
// Ranking: a page's tier is that of the weakest field its query words reach (exact name, then alert-name
// words, metric names, title and headings, the rest of its fields, its body); in a tier, by tf-idf.

/** Version of `search/index.json` this engine reads (src/search/index-file.ts). */
export const SEARCH_INDEX_VERSION = 3;

/** What the index file writes for a value that only repeats the page's title. */
const SAME_AS_TITLE = 0;

/** Tiers of the name index's fields; the body is tier 1, an exact name tier 6. */
const FIELD_TIERS = { alerts: 5, metrics: 4, title: 3, headings: 3, tags: 2, severities: 2, section: 2, description: 2 };
const BODY_TIER = 1;
const EXACT_TIER = 6;
/** A quoted phrase is looked for in at most this many of the pages holding its words. */
const MAX_PHRASE_CANDIDATES = 60;
/** In a tier, where a word matched weighs this much (an alert name over its description). */
const FIELD_BOOSTS = { alerts: 4, title: 3, metrics: 3, tags: 2, severities: 2, section: 1.5, headings: 1, description: 1 };

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'this', 'that', 'to', 'with']);

/** A word: starts with a letter, digit, `_` or `$` (or a command flag's `-`/`--`), then also `.:/-`. */
const WORD = /(?<![\p{L}\p{N}_$-])(?:--?(?=[\p{L}]))?[\p{L}\p{N}_$](?:[\p{L}\p{N}_$.:/-]*[\p{L}\p{N}_$])?/gu;
/** Longer whole words (URLs, long paths) are indexed by their parts only. */
const MAX_WHOLE = 64;

/**
 * The words of a text, each as its lowercased whole (punctuation inside kept: `pg_stat_activity`,
 * `haproxy.cfg`, `kube-state-metrics`, `-s`, `--since`, `job:node_cpu:rate5m`) and its parts: split at
 * `_ . : / - $` and at CamelCase humps, acronyms and digits (`HaproxyHighHttp5xxErrorRate` → haproxy,
 * high, http, 5xx, error, rate), so an exact name matches as a whole and any fragment finds it.
 * One-letter parts and a few English stop words are dropped.
 * @param {string} text
 * @returns {{ whole: string, parts: string[] }[]}
 */
export function words(text) {
  const found = [];
  // Words never span white space, and a site's text repeats a few thousand chunks between spaces: each
  // is split once (this is most of the build's indexing time).
  for (const chunk of text.split(/\s+/)) {
    let split = chunkWords.get(chunk);
    if (!split) chunkWords.set(chunk, (split = [...chunk.matchAll(WORD)].flatMap(([word]) => wordOf(word))));
    found.push(...split);
  }
  return found;
}

/**
 * The words of each chunk of text between spaces seen so far. The values are shared: callers do not
 * change them.
 * @type {Map<string, { whole: string, parts: string[] }[]>}
 */
const chunkWords = new Map();

/**
 * A word's whole and parts, or nothing for a stop word or a single character.
 * @param {string} word
 * @returns {{ whole: string, parts: string[] }[]}
 */
function wordOf(word) {
  const whole = word.toLowerCase();
  const parts = word
    .split(/[_.:/$-]+/)
    .flatMap((part) => part
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
      .replace(/(\p{L}{2,})(\p{N})/gu, '$1 $2')
      .split(' '))
    .map((part) => part.toLowerCase())
    .filter((part) => part.length > 1 && !STOP_WORDS.has(part));
  const distinctParts = [...new Set(parts)].filter((part) => part !== whole);
  if (STOP_WORDS.has(whole) || whole.length < 2 || (whole.length > MAX_WHOLE && distinctParts.length === 0)) return [];
  return [{ whole: whole.length > MAX_WHOLE ? '' : whole, parts: distinctParts }];
}

/**
 * The index terms of a text: every word's whole and parts, in order, once per word.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  return words(text).flatMap(({ whole, parts }) => (whole ? [whole, ...parts] : parts));
}

/**
 * @typedef {object} QueryWord
 * @property {string} whole
 * @property {string[]} parts
 */

/**
 * @typedef {object} Query
 * @property {QueryWord[]} words Every word of the query, phrases' words included.
 * @property {string[]} phrases The quoted phrases, lowercased, spaces collapsed.
 * @property {string} text The query without quotes, lowercased and trimmed (an exact name).
 */

/**
 * @param {string} query
 * @returns {Query}
 */
export function parseQuery(query) {
  const phrases = [...query.matchAll(/"([^"]+)"/g)].map((match) => normalised(match[1] ?? '')).filter(Boolean);
  return { words: words(query.replace(/"/g, ' ')), phrases, text: normalised(query.replace(/"/g, ' ')) };
}

/** @param {string} text */
function normalised(text) {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
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
 * @property {{ heading: string, anchor: string }[]} sections The `##` sections after the intro.
 * @property {string} text Hash naming the file holding the page's section texts (`search/text/<hash>.json`, a list of pages' texts).
 * @property {number} textPosition Where the page's section texts are in that file's list.
 */

/**
 * The documents of an index file.
 * @param {any} file
 * @returns {SearchDocument[]}
 */
export function decodeSearchIndex(file) {
  if (file.version !== SEARCH_INDEX_VERSION) throw new Error(`search index version ${file.version}, expected ${SEARCH_INDEX_VERSION}: rebuild the site`);
  const { shared } = file;
  /** @param {number[]} refs */
  const values = (refs) => refs.map((ref) => shared[ref] ?? '');
  return file.documents.map((/** @type {any[]} */ [folder, leaf, title, section, alerts, metrics, severities, tags, headings, description, sections, text, textPosition]) => ({
    path: shared[folder] + (leaf === SAME_AS_TITLE ? `${title.toLowerCase()}/` : leaf),
    title,
    section: shared[section] ?? '',
    alerts: alerts.map((/** @type {string | 0} */ alert) => (alert === SAME_AS_TITLE ? title : alert)),
    metrics,
    severities: values(severities),
    tags: values(tags),
    headings: values(headings),
    description,
    sections: decodeSections(sections, shared),
    text,
    textPosition,
  }));
}

/**
 * `##` sections from their headings (shared), each followed by its anchor when that is not its slug.
 * @param {(number | string)[]} encoded @param {string[]} shared
 */
function decodeSections(encoded, shared) {
  /** @type {{ heading: string, anchor: string }[]} */
  const sections = [];
  for (const value of encoded) {
    const last = sections[sections.length - 1];
    if (typeof value === 'string' && last) last.anchor = value;
    else sections.push({ heading: shared[Number(value)] ?? '', anchor: slugOf(shared[Number(value)] ?? '') });
  }
  return sections;
}

/** The anchor a heading gets when it is the first of its text (as rehype-slug's github-slugger makes it). @param {string} heading */
export function slugOf(heading) {
  return heading.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/**
 * @typedef {object} SnippetPart
 * @property {string} text
 * @property {boolean} match True for a part to highlight.
 */

/**
 * @typedef {object} SearchResult
 * @property {SearchDocument} document
 * @property {string} heading The section the result opens at ('' for the page's top).
 * @property {string} href The page's path with the section's anchor.
 * @property {SnippetPart[]} snippet The text around the best match, with the matches marked.
 */

/**
 * A postings list: per unit (document, or body section) the summed weight of one term.
 * @typedef {Map<number, number>} Postings
 */

/**
 * A search over an index file. `load` fetches a JSON file of the search folder by its name
 * (`body/1a2b3c.json`, `text/4d5e6f.json`); each is fetched once.
 * @param {any} file
 * @param {(name: string) => Promise<any>} load
 */
export function createSiteSearch(file, load) {
  const documents = decodeSearchIndex(file);
  /** @type {[string, string][]} */
  const shards = file.body;
  /** First body section number of each document: its intro, then its `##` sections. */
  const firstSection = [];
  /** @type {number[]} */
  const documentOfSection = [];
  documents.forEach((document, id) => {
    firstSection.push(documentOfSection.length);
    for (let count = 0; count <= document.sections.length; count += 1) documentOfSection.push(id);
  });
  const names = nameIndex(documents);
  /** @type {Map<string, Promise<any>>} */
  const fetched = new Map();
  /** @param {string} name */
  const once = (name) => {
    let loading = fetched.get(name);
    if (!loading) fetched.set(name, (loading = load(name)));
    return loading;
  };

  /**
   * The body postings of a word: its whole's (with longer terms it begins when `prefix`), else the
   * sections holding all its parts.
   * @param {QueryWord} word
   * @param {boolean} prefix
   */
  const bodyPostings = async (word, prefix) => {
    /** @param {string} term @param {boolean} asPrefix @returns {Promise<Postings>} */
    const termPostings = async (term, asPrefix) => {
      const files = shardsOf(shards, term, asPrefix && term.length >= 3);
      const loaded = await Promise.all(files.map((name) => once(`body/${name}`)));
      /** @type {Postings} */
      const postings = new Map();
      for (const shard of loaded) {
        for (const [candidate, encoded] of Object.entries(shard.terms)) {
          if (candidate !== term && !(asPrefix && term.length >= 3 && candidate.startsWith(term))) continue;
          const weight = termWeight(term, candidate) * Math.log(1 + documentOfSection.length / (encoded.length + 1));
          let unit = 0;
          for (const value of /** @type {number[]} */ (encoded)) {
            unit += Math.floor(value / 8);
            const frequency = value % 8;
            postings.set(unit, (postings.get(unit) ?? 0) + weight * ((frequency * 2.2) / (frequency + 1.2)));
          }
        }
      }
      return postings;
    };
    const whole = word.whole ? await termPostings(word.whole, prefix) : new Map();
    if (word.parts.length === 0) return whole;
    const parts = await Promise.all(word.parts.map((part, position) => termPostings(part, prefix && position === word.parts.length - 1)));
    return union(whole, intersect(parts));
  };

  /** @param {SearchDocument} document */
  const textOf = async (document) => (await once(`text/${document.text}.json`))[document.textPosition] ?? [];

  return {
    documents,
    /**
     * @param {string} query
     * @param {number} [limit]
     * @returns {Promise<SearchResult[]>}
     */
    async search(query, limit = 10) {
      const parsed = parseQuery(query);
      if (parsed.words.length === 0) return [];
      // A word also matches the longer terms it begins (`conn err` finds connection errors), for less.
      const prefix = () => true;
      let byName = parsed.words.map((word, position) => names.match(word, prefix(position), false));
      /** @type {Map<number, Candidate>} */
      let candidates = combine(byName, []);
      let fuzzy = false;
      const named = (/** @type {number} */ id) => {
        const document = documents[id];
        return document !== undefined && [document.title, ...document.alerts, ...document.metrics].some((name) => name.toLowerCase() === parsed.text);
      };
      // An alert or metric named exactly, or a full page of name matches: the body could only add lower tiers.
      if (parsed.phrases.length > 0 || (candidates.size < limit && ![...candidates.keys()].some(named))) {
        const body = await Promise.all(parsed.words.map((word, position) => bodyPostings(word, prefix(position))));
        candidates = combine(byName, body.map((postings) => perDocument(postings, documentOfSection)));
      }
      if (candidates.size === 0) {
        byName = parsed.words.map((word, position) => names.match(word, prefix(position), true));
        candidates = combine(byName, []);
        fuzzy = true;
      }
      for (const [id, candidate] of candidates) if (named(id)) candidate.tier = EXACT_TIER;
      const ranked = [...candidates].sort(([, a], [, b]) => b.tier - a.tier || b.score - a.score);
      const extraTerms = fuzzy ? names.fuzzyTerms(parsed.words) : [];
      /** @type {{ result: SearchResult, tier: number, adjacent: boolean }[]} */
      const found = [];
      // In batches, fetched together: a phrase drops the candidates that do not hold it, so look further.
      const examine = parsed.phrases.length > 0 ? MAX_PHRASE_CANDIDATES : limit;
      for (let next = 0; found.length < limit && next < Math.min(ranked.length, examine);) {
        const batch = ranked.slice(next, next + limit - found.length);
        next += batch.length;
        const resolved = await Promise.all(batch.map(([id, candidate]) => {
          const document = /** @type {SearchDocument} */ (documents[id]);
          return resultOf(document, candidate, parsed, extraTerms, () => textOf(document), firstSection[id] ?? 0);
        }));
        for (const result of resolved) if (result) found.push(result);
      }
      // Among body matches, a section holding the words in a row (as typed) before one holding them apart.
      return found
        .sort((a, b) => b.tier - a.tier || Number(b.tier === BODY_TIER && b.adjacent) - Number(a.tier === BODY_TIER && a.adjacent))
        .map(({ result }) => result);
    },
  };
}

/**
 * @typedef {object} Candidate
 * @property {number} tier
 * @property {number} score
 * @property {Map<number, number>} sections Body sections (numbered in the page) by the words they matched.
 * @property {Set<string>} fields The name fields that matched.
 */

/**
 * Pages that every word reaches, in a name field or in the body; a page's tier is its weakest word's.
 * @param {Map<number, { tier: number, score: number, fields: Set<string> }>[]} byName per word
 * @param {Map<number, Map<number, number>>[]} byBody per word: per document, its sections' scores
 * @returns {Map<number, Candidate>}
 */
function combine(byName, byBody) {
  /** @type {Map<number, Candidate>} */
  const candidates = new Map();
  const ids = new Set([...(byName[0]?.keys() ?? []), ...(byBody[0]?.keys() ?? [])]);
  for (const id of ids) {
    let tier = EXACT_TIER;
    let score = 0;
    /** @type {Map<number, number>} */
    const sections = new Map();
    const fields = new Set();
    let all = true;
    byName.forEach((perDocument, word) => {
      const name = perDocument.get(id);
      const body = byBody[word]?.get(id);
      if (!name && !body) all = false;
      else {
        tier = Math.min(tier, name?.tier ?? BODY_TIER);
        let best = 0;
        for (const [section, value] of body ?? []) {
          sections.set(section, (sections.get(section) ?? 0) + 1 + value / 100);
          best = Math.max(best, value);
        }
        score += (name?.score ?? 0) + best / 4;
        for (const field of name?.fields ?? []) fields.add(field);
      }
    });
    if (all) candidates.set(id, { tier, score, sections, fields });
  }
  return candidates;
}

/**
 * A result for a candidate, or undefined when it does not hold every quoted phrase. The section it
 * opens at: the body section that matched the most words (when the body decided its tier, or a phrase
 * is only there), else the `##` heading that matched, else the page's top.
 * @param {SearchDocument} document
 * @param {Candidate} candidate
 * @param {Query} query
 * @param {string[]} extraTerms Terms matched by spelling correction.
 * @param {() => Promise<string[]>} text The page's section texts.
 * @param {number} first The page's first body section number.
 * @returns {Promise<{ result: SearchResult, tier: number, adjacent: boolean } | undefined>}
 */
async function resultOf(document, candidate, query, extraTerms, text, first) {
  const terms = [...new Set([...query.words.flatMap((word) => [word.whole, ...word.parts]), ...extraTerms])].filter(Boolean);
  const bySection = [...candidate.sections].sort(([a, x], [b, y]) => y - x || a - b).map(([section]) => section - first);
  const nameText = [document.title, ...document.alerts, ...document.metrics, ...document.headings, document.description].join(' · ');
  const fromName = candidate.tier > BODY_TIER && query.phrases.every((phrase) => hasPhrase(nameText, phrase));
  if (fromName) {
    const headingAt = candidate.fields.has('headings') ? document.sections.findIndex((section) => terms.some((term) => section.heading.toLowerCase().includes(term))) : -1;
    const section = document.sections[headingAt];
    const result = {
      document,
      heading: section?.heading ?? '',
      href: document.path + (section ? `#${section.anchor}` : ''),
      snippet: nameSnippet(document, candidate.fields, terms),
    };
    return { result, tier: candidate.tier, adjacent: false };
  }
  const texts = await text();
  const section = query.phrases.length > 0
    ? [...bySection, ...texts.keys()].find((index) => query.phrases.every((phrase) => hasPhrase(texts[index] ?? '', phrase)))
    : bySection[0];
  if (section === undefined) return undefined;
  const heading = section > 0 ? document.sections[section - 1] : undefined;
  const result = {
    document,
    heading: heading?.heading ?? '',
    href: document.path + (heading ? `#${heading.anchor}` : ''),
    snippet: snippet(texts[section] ?? '', [...query.phrases, ...terms]),
  };
  return { result, tier: candidate.tier, adjacent: query.words.length > 1 && hasPhrase(texts[section] ?? '', query.text) };
}

/** Whether a text holds a phrase's words in a row (not as the start of longer words). @param {string} text @param {string} phrase */
function hasPhrase(text, phrase) {
  return new RegExp(`${phrasePattern([phrase]).source}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** Matches of any of the terms or phrases at the start of a word (longest first). @param {string[]} terms */
function phrasePattern(terms) {
  const sorted = [...terms].filter(Boolean).sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sorted.map((term) => escapeRegExp(term).replace(/ /g, '\\s+')).join('|')})`, 'giu');
}

/**
 * The name index: every term of the documents' fields, with per document the fields it is in.
 * @param {SearchDocument[]} documents
 */
function nameIndex(documents) {
  /** @type {Map<string, Map<number, Map<string, number>>>} term → document → field → count */
  const terms = new Map();
  documents.forEach((document, id) => {
    for (const field of Object.keys(FIELD_TIERS)) {
      const value = /** @type {string | string[]} */ (document[/** @type {keyof SearchDocument} */ (field)]);
      for (const term of tokenize([value].flat().join(' · '))) {
        let perDocument = terms.get(term);
        if (!perDocument) terms.set(term, (perDocument = new Map()));
        let fields = perDocument.get(id);
        if (!fields) perDocument.set(id, (fields = new Map()));
        fields.set(field, (fields.get(field) ?? 0) + 1);
      }
    }
  });
  const vocabulary = [...terms.keys()].sort();
  const count = documents.length;

  /**
   * Index terms for a query term: itself, the longer ones it begins (`prefix`), or those one or two
   * edits away (`fuzzy`, for words of five letters or more).
   * @param {string} term @param {boolean} prefix @param {boolean} fuzzy
   */
  const expand = (term, prefix, fuzzy) => {
    if (fuzzy) return term.length < 5 ? [] : vocabulary.filter((candidate) => withinEdits(term, candidate, term.length > 8 ? 2 : 1));
    if (!prefix) return terms.has(term) ? [term] : [];
    const found = [];
    for (let position = lowerBound(vocabulary, term); position < vocabulary.length && vocabulary[position]?.startsWith(term); position += 1) found.push(/** @type {string} */ (vocabulary[position]));
    return found;
  };

  /** @param {string} term @param {boolean} prefix @param {boolean} fuzzy */
  const termMatches = (term, prefix, fuzzy) => {
    /** @type {Map<number, { tier: number, score: number, fields: Set<string> }>} */
    const matches = new Map();
    for (const candidate of expand(term, prefix, fuzzy)) {
      const perDocument = /** @type {Map<number, Map<string, number>>} */ (terms.get(candidate));
      const idf = Math.log(1 + count / perDocument.size);
      const weight = fuzzy ? 0.3 : termWeight(term, candidate);
      for (const [id, fields] of perDocument) {
        const match = matches.get(id) ?? { tier: 0, score: 0, fields: new Set() };
        for (const [field, frequency] of fields) {
          match.tier = Math.max(match.tier, FIELD_TIERS[/** @type {keyof FIELD_TIERS} */ (field)]);
          match.score = Math.max(match.score, weight * idf * FIELD_BOOSTS[/** @type {keyof FIELD_BOOSTS} */ (field)] * ((frequency * 2.2) / (frequency + 1.2)));
          match.fields.add(field);
        }
        matches.set(id, match);
      }
    }
    return matches;
  };

  return {
    /**
     * Documents a query word reaches: by its whole, or by all its parts (each in its best field).
     * @param {QueryWord} word @param {boolean} prefix @param {boolean} fuzzy
     */
    match(word, prefix, fuzzy) {
      const whole = word.whole ? termMatches(word.whole, prefix, fuzzy) : new Map();
      if (word.parts.length === 0) return whole;
      const parts = word.parts.map((part, position) => termMatches(part, prefix && position === word.parts.length - 1, fuzzy));
      for (const [id] of parts[0] ?? []) {
        const each = parts.map((matches) => matches.get(id));
        if (whole.has(id) || each.some((match) => !match)) continue;
        const found = /** @type {{ tier: number, score: number, fields: Set<string> }[]} */ (each);
        whole.set(id, { tier: Math.min(...found.map((match) => match.tier)), score: found.reduce((sum, match) => sum + match.score, 0) / 2, fields: new Set(found.flatMap((match) => [...match.fields])) });
      }
      return whole;
    },
    /** The index terms spelling correction matched, to mark them. @param {QueryWord[]} queryWords */
    fuzzyTerms(queryWords) {
      return queryWords.flatMap((word) => [word.whole, ...word.parts]).filter(Boolean).flatMap((term) => expand(term, false, true));
    },
  };
}

/** An exact term weighs 1; a longer term it begins less, the more so the more it adds. @param {string} term @param {string} candidate */
function termWeight(term, candidate) {
  return candidate === term ? 1 : 0.3 + (0.4 * term.length) / candidate.length;
}

/** Per document, its matching sections (numbered in the site) and their scores. @param {Postings} postings @param {number[]} documentOfSection */
function perDocument(postings, documentOfSection) {
  /** @type {Map<number, Map<number, number>>} */
  const documents = new Map();
  for (const [section, score] of postings) {
    const id = /** @type {number} */ (documentOfSection[section]);
    let sections = documents.get(id);
    if (!sections) documents.set(id, (sections = new Map()));
    sections.set(section, score);
  }
  return documents;
}

/** @param {Postings[]} lists */
function intersect(lists) {
  /** @type {Postings} */
  const result = new Map();
  const [first, ...rest] = lists;
  for (const [unit, score] of first ?? []) {
    if (rest.every((list) => list.has(unit))) result.set(unit, rest.reduce((sum, list) => sum + (list.get(unit) ?? 0), score) / lists.length);
  }
  return result;
}

/** @param {Postings} a @param {Postings} b */
function union(a, b) {
  const result = new Map(a);
  for (const [unit, score] of b) result.set(unit, Math.max(result.get(unit) ?? 0, score));
  return result;
}

/**
 * The shard files to fetch for a term: the one whose range holds it, and with `prefix` every later one
 * that may hold a term it begins. `shards` is sorted by first term; the first one's is ''.
 * @param {[string, string][]} shards @param {string} term @param {boolean} prefix
 */
export function shardsOf(shards, term, prefix) {
  let position = 0;
  while (position + 1 < shards.length && /** @type {[string, string]} */ (shards[position + 1])[0] <= term) position += 1;
  const files = [];
  for (let next = position; next < shards.length; next += 1) {
    const [first, name] = /** @type {[string, string]} */ (shards[next]);
    if (next > position && !(prefix && first.startsWith(term))) break;
    files.push(name);
  }
  return files;
}

/** @param {string[]} sorted @param {string} value */
function lowerBound(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (/** @type {string} */ (sorted[middle]) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether `b` is at most `limit` insertions, deletions or substitutions away from `a`. @param {string} a @param {string} b @param {number} limit */
function withinEdits(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let row = 1; row <= a.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= b.length; column += 1) {
      current[column] = Math.min(
        /** @type {number} */ (previous[column]) + 1,
        /** @type {number} */ (current[column - 1]) + 1,
        /** @type {number} */ (previous[column - 1]) + (a[row - 1] === b[column - 1] ? 0 : 1),
      );
    }
    if (Math.min(...current) > limit) return false;
    previous = current;
  }
  return /** @type {number} */ (previous[b.length]) <= limit;
}

/** Where a name result's snippet comes from: the first of these fields that matched the most terms. */
const SNIPPET_FIELDS = ['description', 'metrics', 'alerts', 'tags', 'severities', 'headings', 'section'];

/**
 * The snippet of a result found by name: the field that matched the most terms (the title is shown
 * above it, so are alert names that only repeat it).
 * @param {SearchDocument} document @param {Set<string>} fields @param {string[]} terms
 */
function nameSnippet(document, fields, terms) {
  const telling = SNIPPET_FIELDS.filter((name) => fields.has(name) && (name !== 'alerts' || document.alerts.some((alert) => alert !== document.title)));
  const textOf = (/** @type {string} */ name) => [document[/** @type {keyof SearchDocument} */ (name)]].flat().join(' · ');
  const matchesIn = (/** @type {string} */ name) => terms.filter((term) => textOf(name).toLowerCase().includes(term)).length;
  const field = telling.reduce((best, name) => (matchesIn(name) > matchesIn(best) ? name : best), 'description');
  return snippet(textOf(field), terms);
}

/**
 * A text cut around its first match (of its longest term: a phrase is shown where it is), with every
 * match of the terms (or phrases) at the start of a word marked.
 * @param {string} text @param {string[]} terms
 * @returns {SnippetPart[]}
 */
export function snippet(text, terms) {
  const pattern = terms.some(Boolean) ? phrasePattern(terms) : undefined;
  const longest = [...terms].sort((a, b) => b.length - a.length)[0];
  const atLongest = longest ? text.search(phrasePattern([longest])) : -1;
  const first = atLongest >= 0 || !pattern ? atLongest : text.search(pattern);
  const start = first > 60 ? text.lastIndexOf(' ', first - 40) + 1 : 0;
  const end = Math.min(text.length, Math.max(start + 160, first + 80));
  const cut = end < text.length ? Math.max(text.lastIndexOf(' ', end), first + 1) : end;
  const window = `${start > 0 ? '… ' : ''}${text.slice(start, cut)}${cut < text.length ? ' …' : ''}`;
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
