// Values another thread derived already, handed over: a render worker, idle until the build has read
// the site, parses every rule file meanwhile (rule-prefetch.ts) and sends the build its parsed files,
// which the build would otherwise parse itself (the alert index and redirects read them all), and
// keeps them for its own pages. A seed is keyed as kept values are (textsHashOf of table and input),
// so it is the value computing it would give, for the very same input; each is taken once, as each
// use of a derived value gets its own copy. Seeds that have not arrived yet are computed as usual.

import type { DerivedValues } from '../util/derived-values.js';
import { textsHashOf } from './fingerprints.js';

/** Derived values keyed by textsHashOf(table, input), filled as they arrive. */
export type DerivedSeeds = Map<string, unknown>;

/** `inner`, whose values of `table` come from `seeds` when one is there (then taken out of them). */
export function seededValues(inner: DerivedValues, table: string, seeds: DerivedSeeds): DerivedValues {
  return {
    value: (name, input, compute) => inner.value(name, input, () => {
      if (name !== table || seeds.size === 0) return compute();
      const key = textsHashOf(name, input);
      if (!seeds.has(key)) return compute();
      const seed = seeds.get(key);
      seeds.delete(key);
      return seed as ReturnType<typeof compute>;
    }),
  };
}

/** Derives every value anew and keeps those of `table`, by their key, for `recorded`. */
export function recordingValues(table: string): DerivedValues & { recorded(): DerivedSeeds } {
  const recorded: DerivedSeeds = new Map();
  return {
    value: (name, input, compute) => {
      const value = compute();
      if (name === table) recorded.set(textsHashOf(name, input), value);
      return value;
    },
    recorded: () => recorded,
  };
}
