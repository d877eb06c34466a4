// Reproducible output: the same input gives byte-identical files, whichever folder it is built from or
// into, whether pages are rendered in worker threads or in one thread, and whether they come from the
// build cache. The site is the seed fixture plus enough generated runbooks for the worker pool to be used,
// with ties everywhere a sort could be unstable (equal weights and titles, shared tags, one alert name
// in two rule files).

import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { snapshotFiles, temporaryFolder, writeSite } from './helpers/site.js';

const seedSite = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'build', 'seed-page', 'site');

const sections = ['databases', 'network', 'storage', 'Queues & Streams', 'kubernetes'];
const tags = ['critical', 'on-call', 'disk', 'Ünïcode', 'latency'];

function generatedPages(): string {
  const files: string[] = [];
  for (const [sectionIndex, section] of sections.entries()) {
    files.push(`-- content/runbooks/${section}/_index.md --\n---\ntitle: ${JSON.stringify(section)}\nweight: 1\n---\n`);
    files.push(`-- rules/${section}.yml --\ngroups:\n  - name: ${JSON.stringify(section)}\n    rules:\n${
      Array.from({ length: 30 }, (_, index) => `      - alert: Alert${index}\n        expr: up == ${index}\n        labels:\n          severity: ${index % 2 ? 'warning' : 'critical'}\n`).join('')
    }`);
    for (let index = 0; index < 30; index += 1) {
      files.push(
        `-- content/runbooks/${section}/Alert${index}.md --\n---\ntitle: Alert ${index % 10}\nweight: ${index % 3}\n` +
          `description: Runbook ${index} of ${section}\ntags: [${tags[index % tags.length]}, ${tags[(index + sectionIndex) % tags.length]}]\n` +
          `aliases: [/old/${sectionIndex}/${index}/]\n---\n\n# Alert${index}\n\n{{% rule "${section}.yml" "Alert${index}" %}}\n\n## Steps\n\n1. Check \`{{ $labels.instance }}\`.\n`,
      );
    }
  }
  return files.join('');
}

/** A fresh copy of the site, so no build reads another's cache. */
function copyOfSite(generated: string): string {
  const site = writeSite(generated);
  cpSync(seedSite, site, { recursive: true });
  writeFileSync(path.join(site, 'content', '_index.md'), '# Home\n');
  return site;
}

test('two builds of the same input give byte-identical files', { timeout: 300_000 }, async () => {
  const generated = generatedPages();
  const outputs = (name: string) => path.join(temporaryFolder(`reproducible-${name}`), 'public');
  const siteA = copyOfSite(generated);
  const siteB = copyOfSite(generated);

  const inWorkers = await build({ source: siteA, destination: outputs('workers'), workers: 2 });
  const inOneThread = await build({ source: siteB, destination: outputs('one-thread'), workers: 0, cache: false });
  const fromCache = await build({ source: siteA, destination: outputs('cache'), workers: 2 });

  const expected = snapshotFiles(inWorkers.destination);
  expect(Object.keys(expected).length).toBeGreaterThan(300);
  expect(Object.keys(expected)).toContain('runbooks/queues-streams/alert7/index.html');
  expect(snapshotFiles(inOneThread.destination)).toEqual(expected);
  expect(snapshotFiles(fromCache.destination)).toEqual(expected);
});
