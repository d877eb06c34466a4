// The source layout's rules (README, Repository layout): imports between src/ folders flow one way (no
// folder imports one that imports it back), no pipeline step imports the CLI or the dev server, and every
// module starts with a comment saying its job. Read from the source files themselves.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../src/util/list-files.js';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
const modules = listFiles(src).filter((file) => file.endsWith('.ts'));
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

/** Folder -> the other src/ folders its modules import. */
function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of modules) {
    const text = readFileSync(path.join(src, file), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier!));
      if (target.startsWith('..')) continue; // the root shortcodes/ and theme/
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

function cycles(edges: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, trail: string[]) => {
    state.set(folder, 'open');
    for (const next of edges.get(folder) ?? []) {
      if (state.get(next) === 'open') found.push([...trail.slice(trail.indexOf(next)), folder, next].join(' -> '));
      else if (!state.has(next)) visit(next, [...trail, folder]);
    }
    state.set(folder, 'done');
  };
  for (const folder of edges.keys()) if (!state.has(folder)) visit(folder, []);
  return found;
}

describe('src/ layout', () => {
  test('no folder imports a folder that imports it back', () => {
    expect(cycles(folderImports())).toEqual([]);
  });

  test('only the CLI and the API entry import the CLI or the dev server', () => {
    const offenders = [...folderImports()]
      .filter(([from, to]) => !['cli', '.'].includes(from) && (to.has('cli') || (from !== 'serve' && to.has('serve'))))
      .map(([from]) => from);
    expect(offenders).toEqual([]);
  });

  test('every module starts with a comment saying its job', () => {
    const bare = modules.filter((file) => !/^(#!.*\n)?\/\/ \S/.test(readFileSync(path.join(src, file), 'utf8')));
    expect(bare).toEqual([]);
  });
});
