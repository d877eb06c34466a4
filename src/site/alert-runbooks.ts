// Which runbook pages document which alert rules. A page references an alert when its body calls the
// `rule` shortcode for that rule file and alert name (`{{% rule "x/y.yml" "HostDown" %}}`, positional or
// `file=`/`alert=`). Calls are found with the shortcode lexer and parser, as expansion finds them, so
// escaped (`{{</* rule */>}}`) and commented-out calls do not count. Built once per build; it does not
// render pages or report missing rules (the `rule` shortcode does).

import type { Page } from '../content/discover.js';
import { memoised } from '../util/memoise.js';
import { lexShortcodes, mayContainShortcodes } from '../shortcodes/lexer.js';
import { parseShortcodes, shortcodeKindsKey, type ContentNode, type ShortcodeKinds } from '../shortcodes/parser.js';
import { deriveAlways, type DerivedValues } from '../util/derived-values.js';
import type { AlertRule, RuleIndex } from '../rules/types.js';
import type { SiteModel } from './site.js';

/** One `rule` shortcode call of a page. */
export interface RuleReference {
  /** The rule file as resolved in the rules folder (`haproxy/haproxy.yml`), or as written when not found. */
  readonly file: string;
  readonly alert: string;
  /** The rules it shows: every rule of that name in that file, in file order (none when not found). */
  readonly rules: readonly AlertRule[];
}

export interface AlertRunbooks {
  /** Pages that reference `alert` of the rule file `file` (a path relative to the rules folder), by source path. */
  runbooksOf(file: string, alert: string): readonly Page[];
  /** The `rule` shortcode calls of a page, in source order. */
  referencesOf(page: Page): readonly RuleReference[];
}

export interface AlertRunbooksSource {
  readonly pages: readonly Page[];
  readonly rules: RuleIndex;
  /** Every shortcode the site knows (the parser rejects unknown ones, and pairs them, as expansion does). */
  readonly shortcodes: ShortcodeKinds;
  /** Each page's `rule` calls as found by earlier builds (the build cache's). */
  readonly derived?: DerivedValues;
}

/**
 * Each page's references by rule index and shortcodes: the site model `serve` makes after an edit keeps
 * both and every unchanged page, so only the edited pages are parsed again.
 */
const knownReferences = memoised((_rules: RuleIndex) => memoised((_shortcodes: SiteModel['shortcodes']) => new WeakMap<Page, RuleReference[]>()));

/** The site's index, built on first use and kept for the build (theme, alerts index, redirects, check share it). */
export const alertRunbooksOf: (model: SiteModel) => AlertRunbooks = memoised((model) =>
  indexAlertRunbooks(
    { pages: model.site.pages, rules: model.rules, shortcodes: model.shortcodes, derived: model.derived },
    knownReferences(model.rules)(model.shortcodes),
  ));

/**
 * A page's references alone, kept with the ones the site's index finds: page data needs no more, so a
 * render worker parses only the rule files its own pages show and lexes no other page.
 */
export const pageReferencesOf: (model: SiteModel) => (page: Page) => readonly RuleReference[] = memoised((model) =>
  knownReferencesOf({ rules: model.rules, shortcodes: model.shortcodes, derived: model.derived }, knownReferences(model.rules)(model.shortcodes)));

export function indexAlertRunbooks(source: AlertRunbooksSource, known = new WeakMap<Page, RuleReference[]>()): AlertRunbooks {
  const referencesByPage = new Map<Page, RuleReference[]>();
  const pagesByAlert = new Map<string, Page[]>();
  const referencesOf = knownReferencesOf(source, known);
  for (const page of source.pages) {
    const references = referencesOf(page);
    if (references.length === 0) continue;
    referencesByPage.set(page, references);
    for (const reference of references) {
      const key = alertKey(reference.file, reference.alert);
      const runbooks = pagesByAlert.get(key) ?? [];
      if (!runbooks.includes(page)) runbooks.push(page);
      pagesByAlert.set(key, runbooks);
    }
  }
  return {
    runbooksOf: (file, alert) => pagesByAlert.get(alertKey(normaliseRulePath(file, source.rules), alert)) ?? [],
    referencesOf: (page) => referencesByPage.get(page) ?? [],
  };
}

/** A page's references from `known`, found and kept there when it has none yet. */
function knownReferencesOf(source: Omit<AlertRunbooksSource, 'pages'>, known: WeakMap<Page, RuleReference[]>): (page: Page) => RuleReference[] {
  return (page) => {
    let references = known.get(page);
    if (!references) known.set(page, (references = ruleReferences(page, source)));
    return references;
  };
}

/** The `rule` shortcode calls in a page's body (nested calls included). Throws the parser's SiteError on bad syntax. */
function ruleReferences(page: Page, { shortcodes, rules, derived = deriveAlways }: Omit<AlertRunbooksSource, 'pages'>): RuleReference[] {
  const calls = derived.value('rule-calls', [page.body, shortcodeKindsKey(shortcodes)], () => ruleCalls(page, shortcodes));
  return calls.map(([file, alert]) => resolveReference(file, alert, rules));
}

/** The rule file and alert name of each `rule` call, as written. */
function ruleCalls(page: Page, shortcodes: ShortcodeKinds): [string, string][] {
  if (!mayContainShortcodes(page.body)) return [];
  const origin = { source: page.body, file: page.file, lineOffset: page.bodyLineOffset };
  const nodes = parseShortcodes(origin, lexShortcodes(page.body), shortcodes);
  const calls: [string, string][] = [];
  const visit = (list: readonly ContentNode[]) => {
    for (const node of list) {
      if (node.kind !== 'call') continue;
      if (node.name === 'rule') {
        const file = node.args.named.file ?? node.args.positional[0];
        const alert = node.args.named.alert ?? node.args.positional[1];
        if (file && alert) calls.push([file, alert]);
      }
      // A rule shown only inside a comment is a commented-out reference, not a runbook of that alert.
      if (node.inner && node.name !== 'comment') visit(node.inner.nodes);
    }
  };
  visit(nodes);
  return calls;
}

function resolveReference(file: string, alert: string, rules: RuleIndex): RuleReference {
  const ruleFile = loadQuietly(file, rules);
  if (!ruleFile) return { file, alert, rules: [] };
  return { file: ruleFile.path, alert, rules: ruleFile.rules.filter((rule) => rule.alert === alert) };
}

/** A path the rule index cannot load (missing, outside the folder, broken) is the `rule` shortcode's to report. */
function loadQuietly(file: string, rules: RuleIndex) {
  try {
    return rules.load(file);
  } catch {
    return undefined;
  }
}

function normaliseRulePath(file: string, rules: RuleIndex): string {
  return loadQuietly(file, rules)?.path ?? file;
}

function alertKey(file: string, alert: string): string {
  return `${file}\u0000${alert}`;
}
