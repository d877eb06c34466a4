// The derived-values cache keeps a value only when its next build can take it as is: plain JSON, from a
// computation that succeeded, saved by a run of the same code; anything else is computed again.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { afterEach, describe, expect, test } from 'vitest';
import { openDerivedValues } from '../src/cache/kept-derived-values.js';
import { writeVerifiedValue } from '../src/cache/verified-file.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function siteDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runbook-site-derived-'));
  made.push(dir);
  return dir;
}

/** Runs `compute` through a fresh cache of `dir` and reports whether it was called. */
function derive(dir: string, table: string, input: unknown, compute: () => unknown): { value: unknown; computed: boolean } {
  let computed = false;
  const value = openDerivedValues(dir).value(table, input, () => {
    computed = true;
    return compute();
  });
  return { value, computed };
}

function saveOne(dir: string, table: string, input: unknown, compute: () => unknown): void {
  const derived = openDerivedValues(dir);
  try {
    derived.value(table, input, compute);
  } catch {
    // What a failing computation leaves is the point of the test.
  }
  derived.save();
}

describe('derived values', () => {
  test('a plain value is taken from the last run for an equal input, and only for it', () => {
    const dir = siteDir();
    saveOne(dir, 'sections', ['body', 3], () => ({ heading: 'Meaning', counts: [['cpu', 2]], note: undefined }));
    expect(derive(dir, 'sections', ['body', 3], () => 'new')).toEqual({ value: { heading: 'Meaning', counts: [['cpu', 2]] }, computed: false });
    expect(derive(dir, 'sections', ['body', 4], () => 'new')).toEqual({ value: 'new', computed: true });
    expect(derive(dir, 'other-table', ['body', 3], () => 'new')).toEqual({ value: 'new', computed: true });
  });

  test('long texts in an input key by their content: an equal text finds the value, a text one character apart or spelling out a hash does not', () => {
    const dir = siteDir();
    const body = `${'Check the disk. '.repeat(40)}\n`;
    saveOne(dir, 'sections', [body, 3], () => 'kept');
    expect(derive(dir, 'sections', [`${body}`.slice(0), 3], () => 'new')).toEqual({ value: 'kept', computed: false });
    expect(derive(dir, 'sections', [`${body.slice(0, -2)}!\n`, 3], () => 'new').computed).toBe(true);
    const hash = createHash('sha256').update(body).digest('hex');
    for (const spelled of [hash, `h${hash}`]) expect(derive(dir, 'sections', [spelled, 3], () => 'new').computed).toBe(true);
  });

  test.each([
    ['a Date', () => ({ date: new Date(0) })],
    ['a Map', () => new Map([['a', 1]])],
    ['NaN', () => [Number.NaN]],
    ['-0', () => ({ weight: -0 })],
    ['an undefined list item', () => [undefined]],
    ['an object without a prototype (a TOML table)', () => ({ team: Object.assign(Object.create(null), { name: 'sre' }) })],
  ])('a value JSON would change (%s) is computed again', (_what, compute) => {
    const dir = siteDir();
    saveOne(dir, 'table', 'input', compute);
    expect(derive(dir, 'table', 'input', () => 'again').computed).toBe(true);
  });

  test('a computation that throws keeps nothing: its error is raised again next run', () => {
    const dir = siteDir();
    saveOne(dir, 'table', 'input', () => {
      throw new Error('bad front matter');
    });
    expect(() => derive(dir, 'table', 'input', () => {
      throw new Error('bad front matter');
    })).toThrow('bad front matter');
  });

  test('values saved by other code, a damaged file or an unsaved run are computed again', () => {
    const dir = siteDir();
    saveOne(dir, 'table', 'input', () => 'kept');
    const file = path.join(dir, '.runbook-site-cache', 'derived.bin');
    const saved = readFileSync(file);
    writeFileSync(file, Buffer.from(saved.toString('latin1').replace('kept', 'kapt'), 'latin1'));
    expect(derive(dir, 'table', 'input', () => 'again').computed).toBe(true);
    const { entries } = deserialize(saved.subarray(saved.indexOf(0x0a) + 1)) as { entries: unknown };
    writeVerifiedValue(file, { code: 'an older runbook-site', entries });
    expect(derive(dir, 'table', 'input', () => 'again').computed).toBe(true);
    // A verified entry that is no JSON is computed again.
    writeVerifiedValue(file, { code: (deserialize(saved.subarray(saved.indexOf(0x0a) + 1)) as { code: string }).code, entries: Object.fromEntries(Object.keys(entries as object).map((key) => [key, '{'])) });
    expect(derive(dir, 'table', 'input', () => 'again').computed).toBe(true);
    // A verified file of another shape (V8's format holds any value) is no table.
    const code = (deserialize(saved.subarray(saved.indexOf(0x0a) + 1)) as { code: string }).code;
    for (const other of [['kept'], { code, entries: new Map([['key', 'kept']]) }, { code, entries: null }, 'kept']) {
      writeVerifiedValue(file, other);
      expect(derive(dir, 'table', 'input', () => 'again').computed).toBe(true);
    }
    // Opened and used, not saved (a failed build): the file stays as it was.
    writeFileSync(file, saved);
    openDerivedValues(dir).value('table', 'another input', () => 'unsaved');
    expect(readFileSync(file)).toEqual(saved);
    expect(derive(dir, 'table', 'input', () => 'again')).toEqual({ value: 'kept', computed: false });
  });

  test('every use gets its own copy, as computed: a caller changing its copy changes no other use and not what is kept', () => {
    const dir = siteDir();
    const derived = openDerivedValues(dir);
    const first = derived.value('front-matter', 'source', () => ({ title: 'A', params: {} as Record<string, number> }));
    first.params.hits = 1;
    const second = derived.value('front-matter', 'source', () => ({ title: 'new', params: {} }));
    expect(second).toEqual({ title: 'A', params: {} });
    second.title = 'changed';
    derived.save();
    const next = openDerivedValues(dir);
    const again = () => ({ title: 'again', params: {} });
    const taken = next.value('front-matter', 'source', again);
    expect(taken).toEqual({ title: 'A', params: {} });
    taken.title = 'changed too';
    expect(next.value('front-matter', 'source', again)).toEqual({ title: 'A', params: {} });
  });

  test('a save keeps only the values that run used', () => {
    const dir = siteDir();
    saveOne(dir, 'table', 'first', () => 1);
    saveOne(dir, 'table', 'second', () => 2);
    expect(derive(dir, 'table', 'first', () => 'again').computed).toBe(true);
    expect(derive(dir, 'table', 'second', () => 'again').computed).toBe(false);
  });
});
