// The shared PromQL module (src/rules/promql): expressions parsed by Prometheus's own grammar, syntax
// errors placed by line and column, highlighting tokens, and the metric names search indexes: on every
// rule of the fixture sites, the names in the search documents are the parse tree's VectorSelector names;
// the layout of long expressions (`promtool promql format`) keeps every fixture expr's parse tree, and any
// generated one's (fast-check).

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { format, metricNames, parse, promqlTokens } from '../src/rules/promql/index.js';
import { createRuleIndex } from '../src/rules/rule-index.js';
import { searchDocuments } from '../src/search/documents.js';
import { loadSite } from '../src/site/site.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The rules folders of the fixture sites (a folder named `rules` beside a `content` folder). */
function fixtureRulesDirs(folder = fixtures): string[] {
  return readdirSync(folder).flatMap((name) => {
    const child = path.join(folder, name);
    if (!statSync(child).isDirectory()) return [];
    if (name === 'rules' && readdirSync(folder).includes('content')) return [child];
    return fixtureRulesDirs(child);
  });
}

const fixtureRules = fixtureRulesDirs().flatMap((dir) => createRuleIndex(dir).all().flatMap((file) => file.rules));

describe('parse', () => {
  test('every expression of the fixture rules parses without error, but the one written broken', () => {
    expect(fixtureRules.length).toBeGreaterThan(20);
    expect(fixtureRules.filter((rule) => parse(rule.expr).errors.length > 0).map((rule) => rule.alert)).toEqual(['BrokenExpression']);
  });

  test.each([
    ['rate(foo[5m]', [{ offset: 12, line: 1, column: 13, message: 'Unexpected end of expression' }]],
    ['sum(rate(x[5m]))\n  > > 1', [{ offset: 21, line: 2, column: 5, message: 'Unexpected `>`' }]],
    ['up{job="a"} ) + 1', [{ offset: 12, line: 1, column: 13, message: 'Unexpected `)`' }]],
  ])('%j is reported where it goes wrong', (expr, errors) => {
    expect(parse(expr).errors).toEqual(errors);
  });
});

test('tokens classify functions, aggregations, metrics, labels, matchers, strings, durations, numbers, operators and keywords', () => {
  const expr = 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.5 and on (instance) up offset 1h # why';
  expect(promqlTokens(expr).map((token) => [token.kind, expr.slice(token.from, token.to)])).toEqual([
    ['aggregation', 'sum'], ['keyword', 'by'], ['label', 'job'], ['function', 'rate'], ['metric', 'http_requests_total'],
    ['label', 'code'], ['match', '=~'], ['string', '"5.."'], ['duration', '5m'], ['operator', '>'], ['number', '0.5'],
    ['operator', 'and'], ['keyword', 'on'], ['label', 'instance'], ['metric', 'up'], ['keyword', 'offset'], ['duration', '1h'],
    ['comment', '# why'],
  ]);
});

test('an unparsable part is an error token', () => {
  const expr = 'up ) 1';
  // The grammar recovers after the stray bracket; what it skipped is marked too.
  expect(promqlTokens(expr).filter((token) => token.kind === 'error').map((token) => expr.slice(token.from, token.to))).toEqual([')', '1']);
});

describe('metric names', () => {
  test.each([
    ['sum by (le) (rate(http_request_duration_seconds_bucket[5m])) offset 1h', ['http_request_duration_seconds_bucket']],
    ['max_over_time(up{job="x"}[10m:1m]) unless on (instance) node_up', ['up', 'node_up']],
    ['count({__name__=~"job:.*"}) > bool 3', []],
  ])('%s', (expr, names) => {
    expect(metricNames(expr)).toEqual(names);
  });

  test('the search documents of the search fixture carry the VectorSelector names of the rules their pages show', async () => {
    const model = await loadSite({ source: path.join(fixtures, 'search', 'site') });
    const documents = searchDocuments(model);
    const byAlert = new Map(createRuleIndex(path.join(fixtures, 'search', 'site', 'rules')).all().flatMap((file) => file.rules).map((rule) => [rule.alert, rule]));
    const withAlerts = documents.filter((document) => document.alerts.length > 0);
    expect(withAlerts.length).toBeGreaterThan(3);
    for (const document of withAlerts) {
      const selectorNames = document.alerts.flatMap((alert) => vectorSelectorNames(byAlert.get(alert)!.expr));
      expect(document.metrics).toEqual([...new Set(selectorNames)]);
    }
  });
});

/** The names as the tree holds them, found with a cursor rather than metricNames' own walk. */
function vectorSelectorNames(expr: string): string[] {
  const { tree } = parse(expr);
  const names: string[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.name === 'Identifier' && cursor.node.parent?.name === 'VectorSelector') names.push(expr.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return names;
}

describe('format', () => {
  /** The tree as nested node names with the leaves' text: what the query means, whitespace aside. */
  const shape = (expr: string) => {
    const { tree } = parse(expr);
    const out: string[] = [];
    const cursor = tree.cursor();
    do out.push(cursor.node.firstChild ? cursor.name : `${cursor.name}:${expr.slice(cursor.from, cursor.to)}`);
    while (cursor.next());
    return out.join(' ');
  };
  const squashed = (text: string) => text.replace(/\s+/g, '');

  test('every expr of the fixture rules keeps its parse tree, and only its spacing changes', () => {
    for (const rule of fixtureRules) {
      const formatted = format(rule.expr);
      expect(shape(formatted), rule.alert).toBe(shape(rule.expr));
      expect(squashed(formatted), rule.alert).toBe(squashed(rule.expr));
    }
  });

  test('a long expression is split as promtool promql format splits it', () => {
    const expr = '(sum by (instance) (avg by (mode, instance) (rate(node_cpu_seconds_total{mode!="idle"}[2m]))) > 0.8) * on(instance) group_left (nodename) node_uname_info{nodename=~".+"}';
    expect(format(expr)).toBe([
      '  (sum by (instance) (avg by (mode, instance) (rate(node_cpu_seconds_total{mode!="idle"}[2m]))) > 0.8)',
      '* on (instance) group_left (nodename)',
      '  node_uname_info{nodename=~".+"}',
    ].join('\n'));
    const call = 'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket{job=~".*thanos-query.*", handler="query_range"}[5m])))';
    expect(format(call)).toBe([
      'histogram_quantile(',
      '  0.99,',
      '  sum by (job, le) (',
      '    rate(http_request_duration_seconds_bucket{job=~".*thanos-query.*", handler="query_range"}[5m])',
      '  )',
      ')',
    ].join('\n'));
  });

  test('a short expression gets canonical spacing on one line; one with an error or a comment is left as written', () => {
    expect(format('sum(rate(x[5m]))by(job)>bool 1')).toBe('sum(rate(x[5m])) by (job) > bool 1');
    expect(format('sum(rate(x[5m]) > 1')).toBe('sum(rate(x[5m]) > 1');
    expect(format('up # why\n== 0')).toBe('up # why\n== 0');
  });

  test('property: any generated expression formats to one with the same parse tree', () => {
    const name = fc.constantFrom('up', 'node_cpu_seconds_total', 'job:http_requests:rate5m', 'a_very_long_metric_name_for_the_property_test_total');
    const label = fc.constantFrom('job', 'instance', 'le', 'mode');
    const matcher = fc.tuple(label, fc.constantFrom('=', '!=', '=~', '!~'), fc.constantFrom('"a"', '"node.*"', '""', "'x'")).map(([l, op, v]) => `${l}${op}${v}`);
    const selector = fc.tuple(name, fc.array(matcher, { maxLength: 3 })).map(([n, ms]) => (ms.length > 0 ? `${n}{${ms.join(', ')}}` : n));
    const duration = fc.constantFrom('5m', '1h', '30s', '1h30m');
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        selector,
        fc.constantFrom('1', '0.5', '1e3', '0x1f', 'Inf'),
        fc.tuple(fc.constantFrom('rate', 'increase', 'avg_over_time'), selector, duration).map(([f, s, d]) => `${f}(${s}[${d}])`),
        fc.tuple(fc.constantFrom('sum', 'max', 'count'), fc.option(fc.array(label, { minLength: 1, maxLength: 3 })), tie('expr')).map(([op, by, e]) => (by ? `${op} by (${by.join(', ')}) (${e})` : `${op}(${e})`)),
        fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '>', '== bool', 'and', 'or', 'unless', '/ on (instance) group_left'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
        tie('expr').map((e) => `(${e})`),
        fc.tuple(fc.constantFrom('histogram_quantile(0.9, ', 'clamp_min(', 'label_replace('), tie('expr')).map(([f, e]) => (f === 'label_replace(' ? `${f}${e}, "a", "$1", "b", "(.*)")` : f === 'clamp_min(' ? `${f}${e}, 0)` : `${f}${e})`)),
        fc.tuple(selector, duration).map(([s, d]) => `${s} offset ${d}`),
        fc.tuple(tie('expr'), duration).map(([e, d]) => `(${e})[${d}:1m]`),
        tie('expr').map((e) => `-${e}`),
      ),
    }));
    let split = 0;
    fc.assert(fc.property(expr, fc.constantFrom('', ' ', '\n  '), (query, space) => {
      const spaced = query.replace(/ /g, space || ' ');
      fc.pre(parse(spaced).errors.length === 0);
      const formatted = format(spaced);
      expect(shape(formatted)).toBe(shape(spaced));
      expect(squashed(formatted)).toBe(squashed(spaced));
      // Idempotent: formatting the laid-out text again changes nothing.
      expect(format(formatted)).toBe(formatted);
      if (formatted.includes('\n')) split += 1;
    }), { numRuns: 300 });
    // The generator reaches expressions long enough to be laid out over lines.
    expect(split).toBeGreaterThan(10);
  });
});
