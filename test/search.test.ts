// Site search rules: the tokeniser (CamelCase, metric names), metric names of PromQL expressions (src/rules/promql),
// headings, the index file round trip, and ranking on the fixture site in test/fixtures/search/
// (haproxy runbooks and rule files), with the engine the browser runs (theme/assets/search-engine.js).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { describe, expect, test } from 'vitest';
import { markdownHeadings, searchDocuments } from '../src/search/documents.js';
import { encodeSearchIndex } from '../src/search/index-file.js';
import { metricNames } from '../src/rules/promql/index.js';
import { loadSite } from '../src/site/site.js';
import { createSiteSearch, decodeSearchIndex, tokenize } from '../theme/assets/search-engine.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'search', 'site');

describe('tokenize', () => {
  test.each([
    ['HaproxyBackendConnectionErrors', ['haproxybackendconnectionerrors', 'haproxy', 'backend', 'connection', 'errors']],
    ['HaproxyHighHttp5xxErrorRateBackend', ['haproxyhighhttp5xxerrorratebackend', 'haproxy', 'high', 'http', '5xx', 'error', 'rate', 'backend']],
    ['haproxy_backend_connection_errors_total', ['haproxy_backend_connection_errors_total', 'haproxy', 'backend', 'connection', 'errors', 'total']],
    ['job:node_cpu:rate5m', ['job:node_cpu:rate5m', 'job', 'node', 'cpu', 'rate', '5m']],
    ['HTTPServerDown', ['httpserverdown', 'http', 'server', 'down']],
    ['K8s EC2', ['k8s', 'ec2', 'ec']],
    ['backend conn', ['backend', 'conn']],
    ['Too many connection errors to the backend (> 100 req/s).', ['too', 'many', 'connection', 'errors', 'backend', '100', 'req']],
  ])('%s', (text, terms) => {
    expect(tokenize(text)).toEqual(terms);
  });
});

describe('metricNames', () => {
  test.each([
    ['(sum by (proxy) (rate(haproxy_backend_connection_errors_total[1m]))) > 100', ['haproxy_backend_connection_errors_total']],
    ['sum(rate(http_requests_total{code=~"5..", job="api"}[5m])) by (job) / sum(rate(http_requests_total[5m])) by (job) > 0.05', ['http_requests_total']],
    ['(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < .10) and on (instance) label_replace(node_uname_info{nodename=~".+"}, "nodename", "$1", "nodename", "(.*)")',
      ['node_memory_MemAvailable_bytes', 'node_memory_MemTotal_bytes', 'node_uname_info']],
    ['up == 0 unless ignoring(job) absent(probe_success offset 5m)', ['up', 'probe_success']],
    ['rate(a_total[5m]) * on (instance) group_left (version) b_info', ['a_total', 'b_info']],
    ['topk(5, job:errors:rate5m) > 1e3', ['job:errors:rate5m']],
  ])('%s', (expr, names) => {
    expect(metricNames(expr)).toEqual(names);
  });
});

test('markdownHeadings keeps ## and deeper headings outside fenced code', () => {
  const markdown = '# Title\n\n## Meaning ##\n\ntext\n\n```sh\n## not a heading\n```\n\n### `ps` *output*\n#nospace\n';
  expect(markdownHeadings(markdown)).toEqual(['Meaning', 'ps output']);
});

describe('on the fixture site', async () => {
  const model = await loadSite({ source: fixtureSite });
  const documents = searchDocuments(model);
  // Through JSON, as the browser gets it.
  const file = JSON.parse(JSON.stringify(encodeSearchIndex(documents)));
  const search = createSiteSearch(MiniSearch, file);
  const titles = (query: string) => search.search(query).map((result) => result.document.title);

  test('documents carry alert names, metrics, severities, tags, headings and the rule annotations', () => {
    const document = documents.find((candidate) => candidate.title === 'HostOutOfMemory');
    expect(document).toEqual({
      path: '/runbooks/host/hostoutofmemory/',
      title: 'HostOutOfMemory',
      section: 'Hosts',
      alerts: ['HostOutOfMemory'],
      metrics: ['node_memory_MemAvailable_bytes', 'node_memory_MemTotal_bytes', 'node_uname_info'],
      severities: ['warning'],
      tags: ['memory', 'linux'],
      headings: ['Diagnosis'],
      description: 'Host out of memory (instance) · Node memory is filling up (< 10% left)',
    });
    expect(documents.map((candidate) => candidate.path)).not.toContain('/');
  });

  test('the index file decodes to the documents', () => {
    expect(decodeSearchIndex(file)).toEqual(documents.map((document) => ({ ...document, path: document.path.slice(1) })));
  });

  test('an index file of another version is refused', () => {
    expect(() => createSiteSearch(MiniSearch, { ...file, version: 99 })).toThrow(/version 99/);
  });

  test.each([
    ['backend conn', 'HaproxyBackendConnectionErrors'],
    ['conn err back', 'HaproxyBackendConnectionErrors'],
    ['HaproxyBackendConnectionErrors', 'HaproxyBackendConnectionErrors'],
    ['haproxybackendconnectionerrors', 'HaproxyBackendConnectionErrors'],
    ['haproxy_backend_connection_errors_total', 'HaproxyBackendConnectionErrors'],
    ['haproxy_server_connection', 'HaproxyServerConnectionErrors'],
    ['HaproxyHighHttp5xxErrorRateServer', 'HaproxyHighHttp5xxErrorRateServer'],
    ['node_memory_MemAvailable_bytes', 'HostOutOfMemory'],
    ['warning', 'HostOutOfMemory'],
    ['linux', 'HostOutOfMemory'],
    ['memory filling up', 'HostOutOfMemory'],
    ['backend conection', 'HaproxyBackendConnectionErrors'],
  ])('%s finds %s first', (query, title) => {
    expect(titles(query)[0]).toBe(title);
  });

  test('haproxy 5xx finds the 5xx alerts only', () => {
    expect(titles('haproxy 5xx').sort()).toEqual(['HaproxyHighHttp5xxErrorRateBackend', 'HaproxyHighHttp5xxErrorRateServer']);
  });

  test('all terms must match', () => {
    expect(titles('haproxy memory')).toEqual([]);
  });

  test('the snippet marks the matches in the most telling field', () => {
    const [first] = search.search('haproxy_backend_connection_errors_total');
    expect(first?.snippet).toEqual([{ text: 'haproxy_backend_connection_errors_total', match: true }]);
    const [fiveXx] = search.search('5xx backend');
    expect(fiveXx?.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['5xx', 'backend', '5xx', 'backend']);
  });
});
