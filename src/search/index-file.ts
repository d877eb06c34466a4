// The search index file (`search/index.json`) the browser downloads on the first search: the search
// documents' name fields in a compact form, each page's `##` sections (heading and anchor) and the names
// of the body files (body-index.ts): the shards of the body's inverted index with their first terms, and
// the files of the pages' section texts. Values that repeat across pages (section titles, severities, tags,
// headings, the folders of page paths) are written once in a shared table and referred to by number; a
// path's last segment, an alert name or an anchor that only repeats what the browser can derive is
// written as 0. The name fields carry no inverted index: the browser builds it in milliseconds, which
// downloads less than a serialised one would. theme/assets/search-engine.js reads it; the two change
// together (`version`).

import type { SearchDocument } from './documents.js';

export const SEARCH_INDEX_VERSION = 3;

/** What a value that repeats the page's title is written as. */
export const SAME_AS_TITLE = 0;

/**
 * A document: [folder of its path (shared), last segment of its path with its trailing `/`, title,
 * section (shared), alerts, metrics, severities (shared), tags (shared), headings (shared), description,
 * `##` sections (each heading, shared, followed by its anchor when that is not `slugOf(heading)`),
 * hash of the file holding its section texts, their position in that file].
 * The site path is `/` + folder + last segment; the last segment is SAME_AS_TITLE when it is the
 * lowercased title and `/`; an alert is SAME_AS_TITLE when it is the title.
 */
export type EncodedDocument = [
  number, string | typeof SAME_AS_TITLE, string, number, (string | typeof SAME_AS_TITLE)[], string[], number[], number[], number[], string,
  (number | string)[], string, number,
];

export interface SearchIndexFile {
  readonly version: typeof SEARCH_INDEX_VERSION;
  /** Repeated values, referred to by their position. */
  readonly shared: readonly string[];
  readonly documents: readonly EncodedDocument[];
  /** The body shards as [first term, file name under search/body/], sorted; the first one's term is ''. */
  readonly body: readonly (readonly [string, string])[];
}

export interface BodyFiles {
  readonly shards: readonly (readonly [string, string])[];
  /**
   * Per document, in order, the hash naming the file that holds its section texts
   * (`search/text/<hash>.json`) and their position in it.
   */
  readonly texts: readonly (readonly [string, number])[];
}

export function encodeSearchIndex(documents: readonly SearchDocument[], body: BodyFiles, slugOf: (heading: string) => string): SearchIndexFile {
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
    documents: documents.map((document, index) => {
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
        document.sections.slice(1).flatMap((section) => (section.anchor === slugOf(section.heading) ? [ref(section.heading)] : [ref(section.heading), section.anchor])),
        ...(body.texts[index] ?? ['', 0]),
      ];
    }),
    body: body.shards,
  };
}
