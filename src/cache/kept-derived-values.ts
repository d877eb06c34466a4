// Values derived from one input each, kept between builds (`<site>/.runbook-site-cache/derived.bin`): a
// page's front matter from its source, the rule copies and search sections of its body, a parsed rule
// file from its text. Every build derives them for every page and file, though an edit changes one, so a
// value whose input is unchanged is taken as derived last time. An entry is keyed by a hash of its table
// and input; the file is keyed by runbook-site's own code, so a change of how a value is derived drops
// them all. Only plain JSON values are kept (a Date or a Map would come back as something else), and a
// computation that throws keeps nothing: errors are reported again each build. Every use gets its own
// copy, as it would computing the value itself (a shortcode may change a page's params). Saved only after a
// successful build, with just the entries this build used; a missing or damaged file is a miss.

import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CACHE_FOLDER } from './cache-folder.js';
import { codeFingerprint, textsHashOf } from './fingerprints.js';
import { readVerifiedValue, writeVerifiedValue } from './verified-file.js';
import type { DerivedValues } from '../util/derived-values.js';

export interface KeptDerivedValues extends DerivedValues {
  /** Keeps the values this run used, and only those, for the next one. */
  save(): void;
}

interface StoredValues {
  readonly code: string;
  /** Each value as JSON text: parsed again for every use, so no caller shares or changes another's copy. */
  readonly entries: Readonly<Record<string, string>>;
}

export function openDerivedValues(siteDir: string): KeptDerivedValues {
  // V8's format, not JSON: the corpus's 7 MB of values read in ~17 ms instead of ~57, written in ~15 instead of ~63.
  const file = path.join(siteDir, CACHE_FOLDER, 'derived.bin');
  const code = codeFingerprint();
  const stored = readVerifiedValue(file);
  const previous = new Map(isStoredValues(stored) && stored.code === code ? Object.entries(stored.entries) : []);
  /** The values this run used, as JSON text taken when each was computed (a caller may change its copy). */
  const used = new Map<string, string>();
  return {
    value<T>(table: string, input: unknown, compute: () => T): T {
      const key = textsHashOf(table, input);
      const known = used.get(key) ?? previous.get(key);
      const kept = typeof known === 'string' ? parsedOrMissing(known) : MISSING;
      if (kept !== MISSING) {
        used.set(key, known!);
        return kept as T;
      }
      const value = compute();
      if (isPlainJson(value)) used.set(key, JSON.stringify(value));
      return value;
    },
    save() {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeVerifiedValue(file, { code, entries: Object.fromEntries(used) } satisfies StoredValues);
        // What earlier versions kept (parsed rule files, then these values as JSON): never read again.
        for (const name of ['rules.json', 'derived.json']) rmSync(path.join(path.dirname(file), name), { force: true });
      } catch {
        // Derived again next time.
      }
    },
  };
}

const MISSING = Symbol('missing');

/**
 * A kept value's JSON text parsed, or MISSING when it is no JSON (a forged file: its hash is its own).
 * A value of JSON but of the wrong shape for its table is not caught here: whoever can write the cache
 * folder can write the site's content too, and a build reading such a value fails with one error line.
 */
function parsedOrMissing(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return MISSING;
  }
}

/** A file that passed verification may still hold any value of V8's format: only this shape is read. */
function isStoredValues(value: unknown): value is StoredValues {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const { code, entries } = value as Partial<StoredValues>;
  return typeof code === 'string' && typeof entries === 'object' && entries !== null && Object.getPrototypeOf(entries) === Object.prototype;
}

/**
 * True when JSON keeps the value as it is: strings, finite numbers, booleans, null, arrays and plain
 * objects of them. An object's undefined property is allowed (JSON drops it, reading it still gives
 * undefined); -0, NaN, undefined array items, objects without a prototype (smol-toml's tables: JSON
 * gives them Object's) and any other object are not.
 */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainJson(item));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype) return false;
  return Object.values(value).every((item) => item === undefined || isPlainJson(item));
}
