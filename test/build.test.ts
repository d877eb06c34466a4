// End-to-end builds of the fixture sites in test/fixtures/build/<case>/: each holds a site (site/), the
// HTML fragments its output must contain (expected.yaml) and optionally files that must not exist
// (absent.yaml). Adding a case needs no new test code.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { build } from '../src/build/build.js';
import { temporaryFolder } from './helpers/site.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'build');
const cases = readdirSync(fixturesDir).sort();

/** White space between tags and runs of white space do not matter to a reader. */
function normalise(html: string): string {
  return html.replace(/>\s+</g, '><').replace(/\s+/g, ' ');
}

describe.each(cases)('build fixture %s', (name) => {
  const caseDir = path.join(fixturesDir, name);
  const destination = path.join(temporaryFolder(name), 'public');
  const built = build({ source: path.join(caseDir, 'site'), destination });
  const expected = parse(readFileSync(path.join(caseDir, 'expected.yaml'), 'utf8')) as Record<string, string[]>;
  const absentFile = path.join(caseDir, 'absent.yaml');
  const absent = existsSync(absentFile) ? (parse(readFileSync(absentFile, 'utf8')) as string[]) : [];

  test.each(Object.entries(expected))('%s has its fragments', async (outputFile, fragments) => {
    await built;
    const html = normalise(readFileSync(path.join(destination, outputFile), 'utf8'));
    for (const fragment of fragments) expect(html).toContain(normalise(fragment));
  });

  if (absent.length > 0) {
    test('writes no page for drafts and moved pages', async () => {
      await built;
      for (const file of absent) expect(existsSync(path.join(destination, file)), file).toBe(false);
    });
  }
});
