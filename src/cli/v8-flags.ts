// V8 tuning for runbook-site's processes, set before any other module of the CLI is evaluated (bin.ts
// imports this first) so that every function is optimised under it, in the build's thread and in its
// render workers (V8's flags are the process's).
//
// TurboFan inlining off. A build is short: most of the functions TurboFan optimises run for a few
// seconds at most, and inlining makes its graphs of micromark's and mdast-util-from-markdown's large
// state machines expensive to compile (optimising compilation was ~23% of a cold corpus build's CPU
// samples under `perf`, one function alone 0.55 s, and each worker compiles for itself). Measured on
// the corpus, cold, 2 cores, output on tmpfs, 5 interleaved pairs: median 7.25 s and 12.6 s of user CPU
// without inlining against 8.18 s and 14.4 s with it; every pair was faster without.

import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-turbo-inlining');
