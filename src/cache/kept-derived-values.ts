// Values derived from one input each, kept between builds (`<site>/.runbook-site-cache/derived.json`): a
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
import { codeFingerprint, hashOf } from './fingerprints.js';
import { readVerifiedJson, writeVerifiedJson } from './verified-file.js';
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
  const file = path.join(siteDir, CACHE_FOLDER, 'derived.json');
  const code = codeFingerprint();
  const stored = readVerifiedJson<StoredValues>(file);
  const previous = new Map(stored?.code === code ? Object.entries(stored.entries) : []);
  /** The values this run used, as JSON text taken when each was computed (a caller may change its copy). */
  const used = new Map<string, string>();
  return {
    value<T>(table: string, input: unknown, compute: () => T): T {
      const key = hashOf(table, input);
      const known = used.get(key) ?? previous.get(key);
      if (typeof known === 'string') {
        used.set(key, known);
        return JSON.parse(known) as T;
      }
      const value = compute();
      if (isPlainJson(value)) used.set(key, JSON.stringify(value));
      return value;
    },
    save() {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeVerifiedJson(file, { code, entries: Object.fromEntries(used) } satisfies StoredValues);
        // Where earlier versions kept parsed rule files, now a table of this file: never read again.
        rmSync(path.join(path.dirname(file), 'rules.json'), { force: true });
      } catch {
        // Derived again next time.
      }
    },
  };
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
