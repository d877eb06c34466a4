// The search index file (`search/index.json`) the browser downloads on the first search: the search
// documents in a compact form. Values that repeat across pages (section titles, severities, tags,
// headings, the folders of page paths) are written once in a shared table and referred to by number, and
// a path's last segment or an alert name that only repeats the page's title is written as 0. It holds no inverted index: the browser builds one with MiniSearch from
// these few fields in milliseconds, which downloads less than a serialised index would.
// theme/assets/search-engine.js reads it; the two must change together (`version`).

import type { SearchDocument } from './documents.js';

export const SEARCH_INDEX_VERSION = 1;

/** What a value that repeats the page's title is written as. */
export const SAME_AS_TITLE = 0;

/**
 * A document: [folder of its path (shared), last segment of its path with its trailing `/`, title,
 * section (shared), alerts, metrics, severities (shared), tags (shared), headings (shared), description].
 * The site path is `/` + folder + last segment; the last segment is SAME_AS_TITLE when it is the
 * lowercased title and `/`; an alert is SAME_AS_TITLE when it is the title.
 */
export type EncodedDocument = [number, string | typeof SAME_AS_TITLE, string, number, (string | typeof SAME_AS_TITLE)[], string[], number[], number[], number[], string];

export interface SearchIndexFile {
  readonly version: typeof SEARCH_INDEX_VERSION;
  /** Repeated values, referred to by their position. */
  readonly shared: readonly string[];
  readonly documents: readonly EncodedDocument[];
}

export function encodeSearchIndex(documents: readonly SearchDocument[]): SearchIndexFile {
  const shared: string[] = [];
  const positions = new Map<string, number>();
  const ref = (value: string) => {
    let position = positions.get(value);
    if (position === undefined) {
      position = shared.push(value) - 1;
      positions.set(value, position);
    }
    return position;
  };
  return {
    version: SEARCH_INDEX_VERSION,
    shared,
    documents: documents.map((document) => {
      const [, folder = '', leaf = ''] = /^\/(.*?)([^/]*\/?)$/.exec(document.path) ?? [];
      return [
      ref(folder),
      leaf === `${document.title.toLowerCase()}/` ? SAME_AS_TITLE : leaf,
      document.title,
      ref(document.section),
      document.alerts.map((alert) => (alert === document.title ? SAME_AS_TITLE : alert)),
      [...document.metrics],
      document.severities.map(ref),
      document.tags.map(ref),
      document.headings.map(ref),
      document.description,
      ];
    }),
  };
}
