// The files the theme adds to a build besides content pages (404.html, sitemap.xml, robots.txt,
// .nojekyll, tag pages) and the git dates behind "last modified", on the theme's fixture site.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { parseNameOnlyLog } from '../src/content/git-lastmod.js';
import { temporaryFolder } from './helpers/site.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'theme');
let output: string;
const read = (file: string) => readFileSync(path.join(output, file), 'utf8');

beforeAll(async () => {
  output = path.join(temporaryFolder('theme-output'), 'public');
  await build({ source: fixtureSite, destination: output, baseURL: 'https://ops.example.org/runbooks-site/' });
});

test('404.html, robots.txt, sitemap.xml and .nojekyll are written', () => {
  expect(read('404.html')).toContain('<h1>Page not found</h1>');
  expect(read('404.html')).toContain('href="/runbooks-site/assets/style.');
  expect(read('robots.txt')).toBe('User-agent: *\nAllow: /\nSitemap: https://ops.example.org/runbooks-site/sitemap.xml\n');
  expect(existsSync(path.join(output, '.nojekyll'))).toBe(true);
  const sitemap = read('sitemap.xml');
  expect(sitemap).toContain('<loc>https://ops.example.org/runbooks-site/runbooks/host/hostdown/</loc><lastmod>2024-03-01T10:00:00Z</lastmod>');
  expect(sitemap).toContain('<loc>https://ops.example.org/runbooks-site/alerts/</loc>');
});

test('tag pages list the tags and each tag\'s pages, grouped by section, with severity and rule summary', () => {
  expect(read('tags/index.html')).toMatch(/<a href="\/runbooks-site\/tags\/host\/">host<\/a> \(2\)/);
  const paging = read('tags/paging/index.html');
  expect(paging).toContain('<h2 id="section-host">Host</h2>');
  expect(paging).toContain('<a href="/runbooks-site/runbooks/host/hostdown/">Host<wbr>Down</a> <span class="severity severity-critical">critical</span><p>Host down (instance {{ $labels.instance }})</p>');
  expect(paging).toContain('<a href="/runbooks-site/runbooks/haproxy/haproxydown/">Haproxy<wbr>Down</a>');
});

test('every page links only to local assets: no URL of another host in any src or stylesheet href', () => {
  for (const file of ['index.html', 'runbooks/host/hostdown/index.html', 'alerts/index.html', '404.html', 'tags/index.html']) {
    const html = read(file);
    expect(html.match(/(?:src|href)="https?:\/\/[^"]+\.(?:js|css|woff2?)"/g) ?? []).toEqual([]);
  }
});

test('git log output: a file\'s first appearance (the newest commit) is its last change', () => {
  const log = '\u001e2024-05-02T10:00:00+02:00\n\ncontent/a.md\ncontent/b.md\n\u001e2024-01-01T00:00:00+00:00\n\ncontent/a.md\ncontent/c.md\n';
  expect(parseNameOnlyLog(log)).toEqual(new Map([
    ['content/a.md', '2024-05-02T10:00:00+02:00'],
    ['content/b.md', '2024-05-02T10:00:00+02:00'],
    ['content/c.md', '2024-01-01T00:00:00+00:00'],
  ]));
});
