import { describe, expect, test } from 'vitest';
import { generatedAhead } from '../src/build/generated-ahead.js';
import { clearOf } from '../src/write/output-paths.js';
import type { OutputFile } from '../src/outputs/types.js';

const file = (name: string, size = 1): OutputFile => ({ path: name, content: 'x'.repeat(size) });

function* files(names: readonly string[], { failAt, size }: { failAt?: number; size?: number } = {}): Generator<OutputFile> {
  for (const [index, name] of names.entries()) {
    if (index === failAt) throw new Error(`generator failed at ${name}`);
    yield file(name, size);
  }
}

/** True while `aside` runs a draw. */
let inAside = false;
const aside = <T>(draw: () => T): T => {
  inAside = true;
  try {
    return draw();
  } finally {
    inAside = false;
  }
};

describe('generated outputs drawn ahead', () => {
  test('files drawn ahead and the rest come out in the generators\' order', () => {
    const ahead = generatedAhead(files(['a', 'b', 'c', 'd']), aside);
    expect(ahead.step()).toBe(true);
    expect(ahead.step()).toBe(true);
    expect([...ahead.rest()].map((each) => each.path)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('every draw ahead, and every write of one drawn ahead, runs aside from page rule recording', () => {
    const seen: string[] = [];
    const noting = function* () {
      for (const each of files(['a', 'b'])) {
        seen.push(`draw ${each.path} ${inAside}`);
        yield each;
      }
    };
    const ahead = generatedAhead(noting(), aside, (each) => {
      seen.push(`write ${each.path} ${inAside}`);
      return each.path === 'a';
    });
    while (ahead.step());
    expect(seen).toEqual(['draw a true', 'write a true', 'draw b true', 'write b true']);
    expect([...ahead.rest()].map((each) => each.path)).toEqual(['b']);
  });

  test('a generator\'s error drawn ahead comes after the files before it, when rest() reaches it', () => {
    const ahead = generatedAhead(files(['a', 'b', 'c'], { failAt: 2 }), aside);
    expect(ahead.step()).toBe(true);
    expect(ahead.step()).toBe(true);
    expect(ahead.step()).toBe(false);
    expect(ahead.step()).toBe(false);
    const written: string[] = [];
    expect(() => {
      for (const each of ahead.rest()) written.push(each.path);
    }).toThrow('generator failed at c');
    expect(written).toEqual(['a', 'b']);
  });

  test('files written early are not held; from the first one refused, every file is held, in order', () => {
    const early: string[] = [];
    const ahead = generatedAhead(files(['a', 'b', 'pages/c', 'd', 'e']), aside, (each) => {
      if (each.path.startsWith('pages/')) return false;
      early.push(each.path);
      return true;
    });
    while (ahead.step());
    expect(early).toEqual(['a', 'b']);
    expect([...ahead.rest()].map((each) => each.path)).toEqual(['pages/c', 'd', 'e']);
  });

  test('drawing ahead stops at the size limit; the rest is drawn in its turn', () => {
    const big = 20 * 1024 * 1024;
    let drawn = 0;
    const counting = function* () {
      for (const each of files(['a', 'b', 'c', 'd'], { size: big })) {
        drawn += 1;
        yield each;
      }
    };
    const ahead = generatedAhead(counting(), aside);
    while (ahead.step());
    expect(drawn).toBe(2);
    expect([...ahead.rest()].map((each) => each.path)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('paths clear of the pages\' outputs', () => {
  const clear = clearOf(['runbooks/db/index.html', 'Tags/index.html', 'robots.txt']);
  test.each([
    ['alerts/DbDown/index.html', true],
    ['runbooks/index.html', true],
    ['robots.txt.bak', true],
    ['runbooks/db/index.html', false],
    ['tags/INDEX.html', false],
    ['runbooks/db', false],
    ['TAGS', false],
    ['robots.txt/index.html', false],
  ])('%s: %s', (file, expected) => {
    expect(clear(file)).toBe(expected);
  });
});
