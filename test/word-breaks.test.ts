// Where long names may wrap (src/layout/word-breaks.ts): CamelCase boundaries and after `_ - . /`,
// never inside a word, short pieces kept with their neighbour; and long inline code in the content.

import { toHtml } from 'hast-util-to-html';
import { expect, test } from 'vitest';
import { addInlineCodeBreaks, nameParts } from '../src/layout/word-breaks.js';

test.each([
  ['HaproxyBackendConnectionErrors', ['Haproxy', 'Backend', 'Connection', 'Errors']],
  ['HaproxyHighHttp5xxErrorRateBackend', ['Haproxy', 'High', 'Http5xx', 'Error', 'Rate', 'Backend']],
  ['MysqlTooManyConnections(>80%)', ['Mysql', 'Too', 'Many', 'Connections', '(>80%)']],
  ['HTTPServerDown', ['HTTP', 'Server', 'Down']],
  ['host-and-hardware/node-exporter.yml', ['host-', 'and-', 'hardware/', 'node-', 'exporter.yml']],
  ['node_cpu_seconds_total', ['node_', 'cpu_', 'seconds_', 'total']],
  ['up', ['up']],
])('%s', (name, parts) => {
  expect(nameParts(name)).toEqual(parts);
  expect(parts.join('')).toBe(name);
});

test('long inline code wraps after _ , / . = }, code blocks are left alone', () => {
  const tree = {
    type: 'root' as const,
    children: [
      { type: 'element' as const, tagName: 'code', properties: {}, children: [{ type: 'text' as const, value: 'http_requests_total{job="api"}' }] },
      { type: 'element' as const, tagName: 'pre', properties: {}, children: [{ type: 'element' as const, tagName: 'code', properties: {}, children: [{ type: 'text' as const, value: 'http_requests_total{job="api"}' }] }] },
    ],
  };
  addInlineCodeBreaks(tree);
  expect(toHtml(tree)).toBe('<code>http_<wbr>requests_<wbr>total{job=<wbr>"api"}</code><pre><code>http_requests_total{job="api"}</code></pre>');
});
