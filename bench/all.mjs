// `npm run bench`: the build bench (run.mjs), then the search bench (search.mjs), the hostile-input
// bench (hardening.mjs) and serve's edit-to-browser latency (serve-latency.mjs), each in its own process
// so one's memory does not skew another's peak RSS.
// Environment: BENCH_SKIP=build,search,hardening,serve leaves parts out; each script's own variables
// (BENCH_RUNS, BENCH_SIZES, BENCH_NO_CORPUS) pass through.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const skipped = new Set((process.env.BENCH_SKIP ?? '').split(',').map((part) => part.trim()).filter(Boolean));
const parts = [['build', 'run.mjs'], ['search', 'search.mjs'], ['hardening', 'hardening.mjs'], ['serve', 'serve-latency.mjs']];
let failed = false;
for (const [name, script] of parts) {
  if (skipped.has(name)) continue;
  console.log(`\n== ${name} (bench/${script}) ==\n`);
  const child = spawnSync(process.execPath, [path.join(here, script)], { stdio: 'inherit' });
  failed ||= child.status !== 0;
}
process.exitCode = failed ? 1 : 0;
