// What is derived from one input each (a page's front matter from its source, a body's rule copies, a
// rule file parsed from its text): the interface the pipeline steps ask through, and the one that
// derives every value anew. The build's kept values (cache/kept-derived-values.ts) take a value derived
// before from an equal input instead. Here, below every step, so each can ask without importing the cache.

export interface DerivedValues {
  /** What `compute` derives from `input` (any JSON value that determines it), or what it derived before from an equal input. */
  value<T>(table: string, input: unknown, compute: () => T): T;
}

/** Derives every value anew: for runs that keep no cache. */
export const deriveAlways: DerivedValues = { value: (_table, _input, compute) => compute() };
