// Edits annotations of alert rules in a rule file's text in place, through the `yaml` library's concrete
// syntax tree: the file is parsed to CST tokens, composed to documents that keep their source tokens, the
// tokens of the annotation values are changed (CST.setScalarValue keeps a value's quoting style) or new
// `key: value` items added to the block maps, and the tokens are written back. Everything not edited is
// the original text, so key order, quoting, comments, indentation and blank lines stay and only the
// changed lines differ. A file using anchors or aliases, or holding an edited rule in flow style, is
// refused: an edit there could change other rules. Every edit is verified by parsing the result again:
// each rule must be equal to the original in everything but the edited annotations.

import { Composer, CST, isAlias, isMap, isScalar, isSeq, Parser, visit, type Document, type YAMLMap } from 'yaml';
import { parseRuleFile } from '../rules/rule-index.js';
import type { AlertRule } from '../rules/types.js';

export interface AnnotationEdit {
  /** Index of the rule among the file's alert rules, in file order (as the rule index lists them). */
  readonly rule: number;
  readonly key: string;
  readonly value: string;
}

export type EditResult = { readonly text: string } | { readonly refused: string };

export function editRuleAnnotations(text: string, edits: readonly AnnotationEdit[]): EditResult {
  if (edits.length === 0) return { text };
  const tokens = [...new Parser().parse(text)];
  const documents = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
  if (documents.some((document) => document.errors.length > 0)) return { refused: 'it is not valid YAML' };
  if (documents.some(usesAnchors)) return { refused: 'it uses YAML anchors or aliases, so one edit could change several rules' };
  const rules = documents.flatMap(alertRuleMaps);
  for (const edit of edits) {
    const rule = rules[edit.rule];
    if (!rule) return { refused: `it has no alert rule number ${edit.rule + 1}` };
    const refused = setAnnotation(rule, edit.key, edit.value);
    if (refused) return { refused };
  }
  const written = tokens.map((token) => CST.stringify(token)).join('');
  // New lines end as the file's lines do.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  const edited = crlf ? written.replace(/(?<!\r)\n/g, '\r\n') : written;
  const unexpected = unexpectedChange(text, edited, edits);
  return unexpected ? { refused: unexpected } : { text: edited };
}

function usesAnchors(document: Document.Parsed): boolean {
  let found = false;
  visit(document, {
    Node(_key, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The mappings of the document's alert rules, in the rule index's order (`groups` or `spec.groups`). */
function alertRuleMaps(document: Document.Parsed): YAMLMap[] {
  const root = document.contents;
  if (!isMap(root)) return [];
  const spec = root.get('spec', true);
  const groups = root.has('groups') ? root.get('groups', true) : isMap(spec) ? spec.get('groups', true) : undefined;
  if (!isSeq(groups)) return [];
  return groups.items.flatMap((group) => {
    const rules = isMap(group) ? group.get('rules', true) : undefined;
    if (!isSeq(rules)) return [];
    return rules.items.filter((rule): rule is YAMLMap => isMap(rule) && rule.has('alert'));
  });
}

/** Sets `annotations.<key>` of a rule; a reason when it cannot be done safely. */
function setAnnotation(rule: YAMLMap, key: string, value: string): string | undefined {
  const ruleToken = blockMapToken(rule);
  if (!ruleToken) return 'an alert rule to edit is written in flow style';
  const annotations = rule.get('annotations', true);
  if (annotations === undefined) {
    const childIndent = ruleToken.indent + childIndentOf(rule, ruleToken.indent);
    appendItem(ruleToken, {
      start: [],
      key: plainScalar('annotations', ruleToken),
      sep: [
        { type: 'map-value-ind', offset: ruleToken.offset, indent: ruleToken.indent, source: ':' },
        newline(ruleToken),
        { type: 'space', offset: ruleToken.offset, indent: 0, source: ' '.repeat(childIndent) },
      ],
      value: { type: 'block-map', offset: ruleToken.offset, indent: childIndent, items: [newItem(key, value, childIndent, ruleToken.offset)] },
    });
    return undefined;
  }
  if (!isMap(annotations)) return 'the annotations of an alert rule to edit are not a mapping';
  const annotationsToken = blockMapToken(annotations);
  if (!annotationsToken) return 'the annotations of an alert rule to edit are written in flow style';
  const pair = annotations.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (!pair) {
    appendItem(annotationsToken, newItem(key, value, annotationsToken.indent, annotationsToken.offset));
    return undefined;
  }
  const token = isScalar(pair.value) ? pair.value.srcToken : undefined;
  if (!token || !CST.isScalar(token)) return `annotation \`${key}\` of an alert rule to edit has no value to replace`;
  CST.setScalarValue(token, value);
  return undefined;
}

function blockMapToken(map: YAMLMap): CST.BlockMap | undefined {
  const token = map.srcToken;
  return token?.type === 'block-map' ? token : undefined;
}

/** How much deeper a rule's nested maps are indented (its `labels`'), 2 when it has none. */
function childIndentOf(rule: YAMLMap, indent: number): number {
  for (const pair of rule.items) {
    const token = isMap(pair.value) ? blockMapToken(pair.value) : undefined;
    if (token && token.indent > indent) return token.indent - indent;
  }
  return 2;
}

type BlockMapItem = CST.BlockMap['items'][number];

/** Adds an item after the map's last key (comments and blank lines after it stay after the new item). */
function appendItem(map: CST.BlockMap, item: BlockMapItem): void {
  let last = map.items.length - 1;
  while (last > 0 && !map.items[last]!.key) last -= 1;
  // The last line of a file may have no line break.
  if (!CST.stringify(map.items[last]!).endsWith('\n')) item.start.unshift(newline(map));
  if (item.start.length === 0 || item.start.at(-1)!.type !== 'space') {
    item.start.push({ type: 'space', offset: map.offset, indent: 0, source: ' '.repeat(map.indent) });
  }
  map.items.splice(last + 1, 0, item);
}

function newItem(key: string, value: string, indent: number, offset: number): BlockMapItem {
  return {
    start: [],
    key: plainScalar(key, { offset, indent }),
    sep: [{ type: 'map-value-ind', offset, indent, source: ':' }, { type: 'space', offset, indent, source: ' ' }],
    value: CST.createScalarToken(value, { offset, indent, end: [{ type: 'newline', offset, indent, source: '\n' }] }),
  };
}

function plainScalar(source: string, at: { offset: number; indent: number }): CST.FlowScalar {
  return { type: 'scalar', offset: at.offset, indent: at.indent, source };
}

function newline(at: { offset: number; indent: number }): CST.SourceToken {
  return { type: 'newline', offset: at.offset, indent: at.indent, source: '\n' };
}

/** Why the edited text is not the original with only the edits made, or undefined when it is. */
function unexpectedChange(before: string, after: string, edits: readonly AnnotationEdit[]): string | undefined {
  let original: readonly AlertRule[];
  let edited: readonly AlertRule[];
  try {
    original = parseRuleFile(before, 'file', 'file').rules;
    edited = parseRuleFile(after, 'file', 'file').rules;
  } catch {
    return 'the edited file would not be a valid rule file';
  }
  if (original.length !== edited.length) return 'the edit would change the number of rules';
  const expected = original.map((rule, index) => {
    const annotations = { ...rule.annotations };
    for (const edit of edits) if (edit.rule === index) annotations[edit.key] = edit.value;
    return comparable({ ...rule, annotations });
  });
  return edited.some((rule, index) => comparable(rule) !== expected[index]) ? 'the edit would change more than the annotation' : undefined;
}

function comparable(rule: AlertRule): string {
  return JSON.stringify([rule.alert, rule.group, rule.expr, rule.for, rule.labels, Object.entries(rule.annotations).sort(([a], [b]) => (a < b ? -1 : 1))]);
}
