// `serve` answers pages before its output is written (src/serve/pages-ahead.ts): while a complete build
// runs (the first, or after a title edit, which every page's menu shows), a page is rendered on request
// from the newest site model, styled by the theme's assets, and is the page the build then writes; the
// generated files wait for the build. The site's slow shortcode makes the build take seconds while the
// page asked for renders at once (the build yields between pages, so the request is answered meanwhile).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/serve/dev-server.js';
import { writeSite } from './helpers/site.js';

const slowPages = Array.from({ length: 6 }, (_, index) => `
-- content/runbooks/Slow${index}.md --
---
title: Slow ${index}
---
{{< slow >}}
`).join('');

const site = `
-- config.yaml --
baseURL: https://example.org/team/
title: Ahead test
-- shortcodes/slow.mjs --
export default () => {
  const until = Date.now() + 400;
  while (Date.now() < until);
  return 'slow';
};
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/runbooks/DiskFull.md --
---
title: DiskFull
---
Free some space.
${slowPages}`;

let server: DevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The page's HTML as served, and whether the output folder had it when the answer came. */
async function fetchPage(running: DevServer, file: string) {
  const response = await fetch(`${running.url}${file.replace(/index\.html$/, '')}`);
  const writtenThen = existsSync(path.join(running.outputDir, file));
  return { status: response.status, html: await response.text(), writtenThen };
}

describe('serve ahead of its output', () => {
  test('answers a page during the first build and after a title edit, as the build then writes it', async () => {
    const siteDir = writeSite(site);
    let builds = 0;
    server = await startDevServer({ source: siteDir, port: 0, workers: 0, cache: false, onBuild: () => (builds += 1) });
    const running = server;
    const page = 'runbooks/diskfull/index.html';

    const first = await fetchPage(running, page);
    expect(first).toMatchObject({ status: 200, writtenThen: false });
    expect(builds).toBe(0);
    expect(first.html).toContain('Free some space.');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(first.html)![1]!;
    const css = await fetch(new URL(stylesheet, running.url));
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('{');
    await running.settled();
    expect(builds).toBe(1);
    const written = readFileSync(path.join(running.outputDir, page), 'utf8');
    expect(first.html.replace(/<script>[^]*?<\/script>(?=<\/body>)/, '')).toBe(written);

    writeFileSync(path.join(siteDir, 'content/runbooks/DiskFull.md'), '---\ntitle: Disk almost full\n---\nFree some space.\n');
    let retitled = await fetchPage(running, page);
    while (!retitled.html.includes('Disk almost full')) retitled = await fetchPage(running, page);
    expect(readFileSync(path.join(running.outputDir, page), 'utf8')).not.toContain('Disk almost full');
    expect(builds).toBe(1);
    await running.settled();
    expect(readFileSync(path.join(running.outputDir, page), 'utf8')).toBe(retitled.html.replace(/<script>[^]*?<\/script>(?=<\/body>)/, ''));
  }, 60_000);

  test('generated files wait for the build: the alerts index is answered once written', async () => {
    const siteDir = writeSite(site);
    server = await startDevServer({ source: siteDir, port: 0, workers: 0, cache: false });
    const answer = await fetch(`${server.url}alerts.json`);
    expect(existsSync(path.join(server.outputDir, 'alerts.json'))).toBe(true);
    expect(answer.status).toBe(200);
  }, 60_000);
});
