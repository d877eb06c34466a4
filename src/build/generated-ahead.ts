// Generated outputs drawn ahead of their turn: while render workers take the pages, the build's thread
// draws the generated files (metric pages, tags, search index, redirects) instead of leaving a worker's
// core idle at the end of the build while it draws them alone. The output, the collision checks and the
// first error reported are those of a build that draws and writes them after the pages: a file is
// written as soon as it is drawn only while `writeEarly` takes it (a path no page's output touches, and
// no collision), and from the first file it does not take on, every file is held and written after the
// pages, in the generators' order. A generator's error, or an early write's (a collision with a static
// file), is kept until then: a page's error comes first.
// What is held is bounded (AHEAD_LIMIT); the rest is drawn when their turn comes. Writing early spreads
// the corpus's 2,700 generated writes over the build instead of leaving them all to its end.

import type { OutputFile } from '../outputs/types.js';

export interface GeneratedAhead {
  /** Draws one more file, unless the generator is done, failed or the limit is reached; true when it drew one. */
  step(): boolean;
  /** Every file in write order: those drawn ahead, then the rest; a generator's error when it comes. */
  rest(): Iterable<OutputFile>;
}

/** Characters of content held ahead, at most (~64 MB of text): a large site's generated files are not all kept. */
const AHEAD_LIMIT = 32 * 1024 * 1024;

/**
 * `aside` runs a draw outside any page's rule recording (rule-recording.ts): drawn ahead, no page reads
 * it. `writeEarly` writes a file drawn ahead now, or answers false to have it held.
 */
export function generatedAhead(files: Iterator<OutputFile>, aside: <T>(draw: () => T) => T, writeEarly: (file: OutputFile) => boolean = () => false): GeneratedAhead {
  const held: OutputFile[] = [];
  let heldSize = 0;
  let done = false;
  let failure: { readonly error: unknown } | undefined;
  return {
    step() {
      if (done || failure || heldSize >= AHEAD_LIMIT) return false;
      try {
        const next = aside(() => files.next());
        if (next.done) {
          done = true;
          return false;
        }
        // Writing may draw (a kept file that fails verification): aside too.
        if (held.length === 0 && aside(() => writeEarly(next.value))) return true;
        held.push(next.value);
        // A kept file holds no content until it is read.
        heldSize += next.value.kept ? 0 : next.value.content.length;
        return true;
      } catch (error) {
        failure = { error };
        return false;
      }
    },
    *rest() {
      yield* held.splice(0);
      if (failure) throw failure.error;
      for (let next = files.next(); !next.done; next = files.next()) yield next.value;
    },
  };
}
