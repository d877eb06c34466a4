// The body index: the sections of every page (their intro and `##` sections, numbered in document order
// across the site) as an inverted index, split by term range into shards, and the pages' section texts
// for the browser's snippets and phrase checks, a few pages to a file (text files, below). Terms come
// from the browser's own tokeniser (theme/assets/search-engine.js, loaded from the built-in theme), so a
// query's terms are the index's. Every file is named by a hash of its content, so a host can cache it forever.
//
// A shard is `{ "terms": { term: postings } }`, postings a list of numbers, one per section holding the
// term: (section number minus the previous one) * 8 + the term's count there (at most 7).
// Shards are cut at a size rather than at a first letter: the corpus's `s` terms are ten times its
// `q` terms, and a query needs one shard per term whatever the cut.
//
// A text file is `[sections of page, ...]` for a run of consecutive pages (site order, so a section's
// pages, which a query tends to find together, share files). One file per page was a quarter of the
// output's files, and creating a file is most of what writing a small one costs (on the bench machine
// ~0.5 ms of system CPU). A run ends after a page whose path hashes to 0 modulo PAGES_PER_TEXT_FILE, so
// where runs end depends on paths alone: an edit rewrites its own page's file, adding or removing a page
// its run's (and the next run's when the page ended its run).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentHash } from '../util/content-hash.js';
import { packageRoot } from '../util/package-root.js';
import type { SearchDocument } from './documents.js';
import type { BodyFiles } from './index-file.js';
import { type BodySection, bodySections } from './sections.js';

interface SearchEngineModule {
  tokenize(text: string): string[];
  slugOf(heading: string): string;
}

export const searchEngine = (await import(pathToFileURL(path.join(packageRoot, 'theme', 'assets', 'search-engine.js')).href)) as SearchEngineModule;

/** A shard is cut once its JSON passes this many bytes (about a quarter of it gzipped). */
export const SHARD_BYTES = 30_000;

const MAX_COUNT = 7;

/** Pages a text file holds on average; a run of pages none of which ends one is cut at MAX_PAGES_PER_TEXT_FILE. */
const PAGES_PER_TEXT_FILE = 8;
const MAX_PAGES_PER_TEXT_FILE = 32;

export interface BodyIndex extends BodyFiles {
  /** Files to write under search/: `body/<hash>.json` and `text/<hash>.json`. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/**
 * A body section with its terms, each once, in order of first occurrence, and how often each occurs.
 * The terms are one string, joined by spaces (a term never holds white space: the tokeniser splits at
 * it): a build keeps every page's sections between runs as JSON (kept-derived-values.ts), and the
 * corpus's read in 24 ms so against 55 ms as a list of [term, count] pairs.
 */
export interface IndexedSection extends BodySection {
  readonly terms: string;
  readonly counts: readonly number[];
}

/** A body's sections (sections.ts), each with its terms counted: what the body index is built from. */
export function indexedSections(markdown: string): IndexedSection[] {
  return bodySections(markdown).map((section) => {
    const counts = termCounts(section);
    return { ...section, terms: [...counts.keys()].join(' '), counts: [...counts.values()] };
  });
}

export function bodyIndex(documents: readonly SearchDocument[]): BodyIndex {
  /** Per term: its postings, the last section holding it, and the postings' JSON size (to cut shards at a size). */
  const postings = new Map<string, { list: number[]; last: number; bytes: number }>();
  let section = 0;
  const files: { path: string; content: string }[] = [];
  const texts: (readonly [string, number])[] = [];
  const written = new Set<string>();
  let run: (readonly string[])[] = [];
  const endRun = () => {
    const content = JSON.stringify(run);
    const hash = hashOf(content);
    // Runs that read the same (stub pages) share one file.
    if (!written.has(hash)) files.push({ path: `text/${hash}.json`, content });
    written.add(hash);
    run.forEach((_, position) => texts.push([hash, position]));
    run = [];
  };
  for (const document of documents) {
    for (const { terms, counts } of document.sections) {
      const termList = terms === '' ? [] : terms.split(' ');
      for (let position = 0; position < termList.length; position += 1) {
        const term = termList[position]!;
        const count = counts[position] ?? 1;
        let entry = postings.get(term);
        if (!entry) postings.set(term, (entry = { list: [], last: 0, bytes: 0 }));
        const value = (section - entry.last) * 8 + Math.min(count, MAX_COUNT);
        entry.list.push(value);
        entry.last = section;
        entry.bytes += String(value).length + 1;
      }
      section += 1;
    }
    run.push(document.sections.map((part) => part.text));
    if (endsTextRun(document.path) || run.length === MAX_PAGES_PER_TEXT_FILE) endRun();
  }
  if (run.length > 0) endRun();

  const shards: [string, string][] = [];
  let terms: [string, number[]][] = [];
  let size = 0;
  const cut = () => {
    const content = JSON.stringify({ terms: Object.fromEntries(terms) });
    const name = `${hashOf(content)}.json`;
    files.push({ path: `body/${name}`, content });
    shards.push([shards.length === 0 ? '' : terms[0]![0], name]);
    terms = [];
    size = 0;
  };
  for (const term of [...postings.keys()].sort()) {
    const { list, bytes } = postings.get(term)!;
    terms.push([term, list]);
    size += term.length + bytes + 5;
    if (size >= SHARD_BYTES) cut();
  }
  if (terms.length > 0 || shards.length === 0) cut();
  return { shards, texts, files };
}

function termCounts({ heading, headings, text }: BodySection): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of searchEngine.tokenize([...headings, text].join(' '))) counts.set(term, (counts.get(term) ?? 0) + 1);
  // The `##` heading is in the name index; here it only tells its section from the others.
  for (const term of searchEngine.tokenize(heading)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function endsTextRun(pagePath: string): boolean {
  return Number.parseInt(hashOf(pagePath).slice(0, 8), 16) % PAGES_PER_TEXT_FILE === 0;
}

function hashOf(content: string): string {
  return contentHash(content).slice(0, 10);
}
