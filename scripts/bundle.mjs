// Bundles the compiled CLI (dist/src) into dist/src/bundle/: the CLI's entry and the render worker's, with
// runbook-site's modules and its dependencies in shared chunks. Node then loads a few dozen files instead
// of ~600 modules, which was a quarter of a one-page rebuild on the corpus (0.5 of 2.2 s). The chunks sit
// two folders below dist/ like every compiled module, so the paths the code derives from its own location
// (package root, code fingerprint, the worker beside the pool) hold. Site modules (theme/, shortcodes/)
// are still imported at run time; the package's exports stay the unbundled modules of dist/src.
// Run by `npm run build` after tsc. It then writes the fingerprint of the code folder beside the bundle
// (src/cache/fingerprints.ts, BUNDLED_CODE_FINGERPRINT), which the bundled CLI reads instead of hashing it.

import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/src/bundle`;

rmSync(outDir, { recursive: true, force: true });
await build({
  cwd: root,
  input: { bin: 'dist/src/cli/bin.js', 'render-worker': 'dist/src/build/render-worker.js' },
  platform: 'node',
  resolve: { alias: { 'js-yaml': `${root}scripts/unused-js-yaml.cjs` } },
  logLevel: 'warn',
  // gray-matter's `---js` front matter engine evals; runbook-site gives gray-matter its own engines.
  onLog(level, log, report) {
    if (log.code !== 'EVAL' || !log.id?.includes('gray-matter')) report(level, log);
  },
  output: { dir: outDir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});

const { BUNDLED_CODE_FINGERPRINT, folderFingerprint } = await import(`${root}dist/src/cache/fingerprints.js`);
writeFileSync(`${outDir}/${BUNDLED_CODE_FINGERPRINT}`, folderFingerprint(`${root}dist`, 'src'));
