// The shared PromQL module (src/rules/promql): expressions parsed by Prometheus's own grammar, syntax
// errors placed by line and column, highlighting tokens, and the metric names search indexes: on every
// rule of the fixture sites, the names in the search documents are the parse tree's VectorSelector names.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { metricNames, parse, promqlTokens } from '../src/rules/promql/index.js';
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
  test('every expression of the fixture rules parses without error', () => {
    expect(fixtureRules.length).toBeGreaterThan(20);
    expect(fixtureRules.filter((rule) => parse(rule.expr).errors.length > 0).map((rule) => rule.alert)).toEqual([]);
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
