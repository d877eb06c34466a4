import { describe, expect, test } from 'vitest';
import { generatedAhead } from '../src/build/generated-ahead.js';
import type { OutputFile } from '../src/outputs/types.js';

const file = (name: string, size = 1): OutputFile => ({ path: name, content: 'x'.repeat(size) });

function* files(names: readonly string[], { failAt, size }: { failAt?: number; size?: number } = {}): Generator<OutputFile> {
  for (const [index, name] of names.entries()) {
    if (index === failAt) throw new Error(`generator failed at ${name}`);
    yield file(name, size);
  }
}

const noted: string[] = [];
const aside = <T>(draw: () => T): T => {
  noted.push('aside');
  return draw();
};

describe('generated outputs drawn ahead', () => {
  test('files drawn ahead and the rest come out in the generators\' order', () => {
    const ahead = generatedAhead(files(['a', 'b', 'c', 'd']), aside);
    expect(ahead.step()).toBe(true);
    expect(ahead.step()).toBe(true);
    expect([...ahead.rest()].map((each) => each.path)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('every draw ahead runs aside from page rule recording', () => {
    noted.length = 0;
    const ahead = generatedAhead(files(['a', 'b']), aside);
    while (ahead.step());
    expect(noted).toEqual(['aside', 'aside', 'aside']); // two files and the generator's end
    expect([...ahead.rest()]).toHaveLength(2);
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
