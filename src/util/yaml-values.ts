// A parsed YAML document's plain value with the yaml package's guard against alias bombs ("billion
// laughs": aliases of aliases, exponential when expanded) turned into a positioned SiteError: its
// ReferenceError names no place, so the first alias of the document is blamed. Used for front matter,
// the config and rule files alike.

import { type Document, isAlias, visit } from 'yaml';
import { type Diagnostic, SiteError } from './diagnostics.js';

/** The yaml package's default: expanded aliases may reach 100 times the nodes they stand for. */
const MAX_ALIAS_COUNT = 100;

export function yamlValueOf(
  document: Document,
  placeOf: (offset: number) => Pick<Diagnostic, 'file' | 'line' | 'column'>,
): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    throw aliasError(document, placeOf, error);
  }
}

/** Throws when expanding the document's aliases would exceed the limit; documents without aliases cost one walk. */
export function assertAliasesBounded(document: Document, placeOf: (offset: number) => Pick<Diagnostic, 'file' | 'line' | 'column'>): void {
  if (firstAliasOffset(document) !== undefined) yamlValueOf(document, placeOf);
}

function aliasError(document: Document, placeOf: (offset: number) => Pick<Diagnostic, 'file' | 'line' | 'column'>, cause: Error): SiteError {
  return new SiteError({
    ...placeOf(firstAliasOffset(document) ?? 0),
    reason: `Unexpected YAML aliases that expand past ${MAX_ALIAS_COUNT} times the nodes they stand for (a "billion laughs"): ${cause.message}`,
    hint: 'write the values out instead of nesting `*alias` references',
    ruleId: 'yaml/alias-bomb',
  }, { cause });
}

function firstAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, (_key, node) => {
    if (!isAlias(node)) return undefined;
    offset = node.range?.[0] ?? 0;
    return visit.BREAK;
  });
  return offset;
}
