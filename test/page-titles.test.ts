// Page <title>s as hugo-book's docs/html-head-title partial writes them: the page's title, ` | `, the site's
// title, for every kind of page, the home page included (hugo-book does not leave the home page's out).

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { writeSite } from './helpers/site.js';

const site = writeSite(`
-- config.yaml --
title: Prometheus Alerts
-- content/_index.md --
---
title: Introduction
---
Welcome.
-- content/runbooks/db/_index.md --
---
title: Databases
---
-- content/runbooks/db/DbDown.md --
---
title: DbDown
tags: [db]
---
# The database is down
`);
const untitled = writeSite('-- content/_index.md --\nWelcome, no title and no heading.\n');

beforeAll(async () => {
  await build({ source: site, cache: false });
  await build({ source: untitled, cache: false });
});

afterAll(() => [site, untitled].forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const titleOf = (folder: string, file: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(folder, 'public', file), 'utf8'))?.[1];

test.each([
  ['index.html', 'Introduction | Prometheus Alerts'],
  ['runbooks/db/index.html', 'Databases | Prometheus Alerts'],
  ['runbooks/db/dbdown/index.html', 'DbDown | Prometheus Alerts'],
  ['tags/index.html', 'Tags | Prometheus Alerts'],
  ['tags/db/index.html', 'db | Prometheus Alerts'],
  ['404.html', 'Page not found | Prometheus Alerts'],
])('%s: %s', (file, title) => {
  expect(titleOf(site, file)).toBe(title);
});

test('a home page without a title or heading is "Home"', () => {
  expect(titleOf(untitled, 'index.html')).toBe('Home | Runbooks');
});
