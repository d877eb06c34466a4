// Site search rules: the tokeniser (CamelCase, snake_case, dotted and dashed words, commands, phrases),
// metric names of PromQL expressions (src/rules/promql), body sections and their anchors, and ranking on
// the fixture site in test/fixtures/search/ (haproxy and host runbooks with decoys: the same words
// elsewhere, not as a phrase, or in a weaker field), with the engine the browser runs
// (theme/assets/search-engine.js) over the files the build writes, counting which it fetches.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createPageJob } from '../src/build/page-job.js';
import { withRuleRecording } from '../src/cache/rule-recording.js';
import { metricNames } from '../src/rules/promql/index.js';
import { bodyIndex } from '../src/search/body-index.js';
import { searchDocuments } from '../src/search/documents.js';
import { bodySections, markdownHeadings } from '../src/search/sections.js';
import { searchIndex } from '../src/outputs/search-index.js';
import { renderGeneratedPage, renderRedirect } from '../src/outputs/generated-page.js';
import { loadSite } from '../src/site/site.js';
import { createSiteSearch, decodeSearchIndex, parseQuery, shardsOf, snippet, tokenize } from '../theme/assets/search-engine.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'search', 'site');

describe('tokenize', () => {
  test.each([
    ['HaproxyBackendConnectionErrors', ['haproxybackendconnectionerrors', 'haproxy', 'backend', 'connection', 'errors']],
    ['HaproxyHighHttp5xxErrorRateBackend', ['haproxyhighhttp5xxerrorratebackend', 'haproxy', 'high', 'http', '5xx', 'error', 'rate', 'backend']],
    ['haproxy_backend_connection_errors_total', ['haproxy_backend_connection_errors_total', 'haproxy', 'backend', 'connection', 'errors', 'total']],
    ['job:node_cpu:rate5m', ['job:node_cpu:rate5m', 'job', 'node', 'cpu', 'rate', '5m']],
    ['HTTPServerDown', ['httpserverdown', 'http', 'server', 'down']],
    ['K8s EC2', ['k8s', 'ec2', 'ec']],
    ['edit /etc/haproxy/haproxy.cfg.', ['edit', 'etc/haproxy/haproxy.cfg', 'etc', 'haproxy', 'cfg']],
    ['kube-state-metrics v2.1.0', ['kube-state-metrics', 'kube', 'state', 'metrics', 'v2.1.0', 'v2']],
    ['haproxy -s', ['haproxy', '-s']],
    ['ps aux --sort=-rss', ['ps', 'aux', '--sort', 'sort', '-rss', 'rss']],
    ['kubectl describe pod', ['kubectl', 'describe', 'pod']],
    ['SELECT * FROM pg_stat_activity;', ['select', 'pg_stat_activity', 'pg', 'stat', 'activity']],
    ['{{ $labels.instance }}', ['$labels.instance', 'labels', 'instance']],
    ['Too many connection errors to the backend (> 100 req/s).', ['too', 'many', 'connection', 'errors', 'backend', '100', 'req/s', 'req']],
    ['a well-known 5-10 range - here', ['well-known', 'well', 'known', '5-10', '10', 'range', 'here']],
  ])('%s', (text, terms) => {
    expect(tokenize(text)).toEqual(terms);
  });
});

test('parseQuery keeps quoted phrases and all their words', () => {
  expect(parseQuery('"Kubectl  describe" pod')).toEqual({
    words: [{ whole: 'kubectl', parts: [] }, { whole: 'describe', parts: [] }, { whole: 'pod', parts: [] }],
    phrases: ['kubectl describe'],
    text: 'kubectl describe pod',
  });
});

test('shardsOf picks the shard whose range holds a term, and for a prefix the next ones it may reach', () => {
  const shards: [string, string][] = [['', 'a'], ['kube', 'b'], ['kubelet', 'c'], ['kubernetes', 'd'], ['m', 'e']];
  expect(shardsOf(shards, 'haproxy', false)).toEqual(['a']);
  expect(shardsOf(shards, 'kubectl', false)).toEqual(['b']);
  expect(shardsOf(shards, 'kube', true)).toEqual(['b', 'c', 'd']);
  expect(shardsOf(shards, 'kubel', true)).toEqual(['b', 'c']);
  expect(shardsOf(shards, 'zzz', true)).toEqual(['e']);
});

test('snippet marks terms and phrases at the start of words, cut around the phrase', () => {
  const text = `${'filler '.repeat(30)}Describe the pod, then run kubectl describe pod and redescribe.`;
  const parts = snippet(text, ['kubectl describe', 'kubectl', 'describe']);
  expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual(['Describe', 'kubectl describe']);
  expect(parts[0]?.text.startsWith('… ')).toBe(true);
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

describe('bodySections', () => {
  const markdown = [
    '# Title', '', 'Intro with [a link](https://example.com) and <b>bold</b>.', '',
    '{{% comment %}}', 'hidden text', '{{% /comment %}}', '{{% rule "a.yml" "A" %}}', '',
    '## Meaning ##', '', '* **Stars** and _emphasis_ but not snake_case_names.', '',
    '```sh', '## not a heading', 'haproxy -s', '```', '',
    '### `ps` *output*', '#nospace', '', '## Meaning', '', '| a | b |', '|---|---|', '| `x` &gt; 1 | y |', 'Run `kubectl get pod <pod_name> -o *wide*` <br>',
  ].join('\n');

  test('splits at ## headings, keeps code as written, drops markup and shortcodes; anchors as rehype-slug makes them', () => {
    expect(bodySections(markdown)).toEqual([
      { heading: '', anchor: '', headings: [], text: 'Intro with a link and bold .' },
      { heading: 'Meaning', anchor: 'meaning', headings: ['ps output'], text: 'Stars and emphasis but not snake_case_names. ## not a heading haproxy -s ps output #nospace' },
      { heading: 'Meaning', anchor: 'meaning-1', headings: [], text: 'a b x > 1 y Run kubectl get pod <pod_name> -o *wide*' },
    ]);
    expect(markdownHeadings(markdown)).toEqual(['Meaning', 'ps output', 'Meaning']);
  });
});

describe('on the fixture site', async () => {
  const model = await loadSite({ source: fixtureSite });
  const documents = searchDocuments(model);
  const files = new Map([...searchIndex(model, renderGeneratedPage, renderRedirect)].map((file) => [file.path, String(file.content)]));
  const file = JSON.parse(files.get('search/index.json')!);
  /** A search over the built files that records the names it fetches in `fetched`. */
  const searchRecording = (fetched: string[]) => createSiteSearch(file, async (name: string) => {
    fetched.push(name);
    const content = files.get(`search/${name}`);
    if (content === undefined) throw new Error(`no file search/${name}`);
    return JSON.parse(content);
  });
  const search = searchRecording([]);
  const results = (query: string) => search.search(query);
  const titles = async (query: string) => (await results(query)).map((result) => result.document.title);

  test('documents carry alert names, metrics, severities, tags, headings, the rule annotations (placeholders as <name>) and sections', () => {
    const document = documents.find((candidate) => candidate.title === 'HostOutOfMemory');
    expect(document).toMatchObject({
      path: '/runbooks/host/hostoutofmemory/',
      title: 'HostOutOfMemory',
      section: 'Hosts',
      alerts: ['HostOutOfMemory'],
      metrics: ['node_memory_MemAvailable_bytes', 'node_memory_MemTotal_bytes', 'node_uname_info'],
      severities: ['warning'],
      tags: ['memory', 'linux'],
      headings: ['Diagnosis', 'Mitigation'],
      description: 'Host out of memory (instance <instance>) · Node memory is filling up (< 10% left)',
    });
    expect(document?.sections.map((section) => section.anchor)).toEqual(['', 'diagnosis', 'mitigation']);
    expect(documents.map((candidate) => candidate.path)).not.toContain('/');
  });

  test('every section anchor is a heading id of the rendered page', () => {
    const render = createPageJob(withRuleRecording(model));
    for (const page of model.site.pages.filter((candidate) => candidate.kind !== 'home')) {
      const html = render(page).html;
      const anchors = documents.find((document) => document.path === page.path)!.sections.slice(1).map((section) => section.anchor);
      for (const anchor of anchors) expect(html, `${page.path}#${anchor}`).toContain(`id="${anchor}"`);
    }
  });

  test('the index file decodes to the documents; its body files are all written and named by content', () => {
    const decoded = decodeSearchIndex(file);
    expect(decoded.map(({ text: _, textPosition: __, ...document }) => document)).toEqual(documents.map(({ sections, ...document }) => ({
      ...document,
      path: document.path.slice(1),
      sections: sections.slice(1).map(({ heading, anchor }) => ({ heading, anchor })),
    })));
    decoded.forEach((document, index) => {
      const texts = JSON.parse(files.get(`search/text/${document.text}.json`)!)[document.textPosition];
      expect(texts).toEqual(documents[index]!.sections.map((section) => section.text));
    });
    for (const [, name] of file.body) expect(files.has(`search/body/${name}`)).toBe(true);
    const body = bodyIndex(documents);
    expect(body.files.map((written) => written.path).sort()).toEqual([...files.keys()].filter((name) => /^search\/(body|text)\//.test(name)).map((name) => name.slice(7)).sort());
  });

  test('section texts go a few pages to a file; an edit rewrites its own file only, a removed page its run\'s and at most the next', () => {
    // 400 pages from the fixture's, each its own path and text.
    const many = Array.from({ length: 400 }, (_, index) => {
      const document = documents[index % documents.length]!;
      return { ...document, path: `/runbooks/s${Math.floor(index / 40)}/page-${index}/`, sections: document.sections.map((section) => ({ ...section, text: `${section.text} page ${index}` })) };
    });
    const textFiles = (list: typeof many) => new Set(bodyIndex(list).files.filter((written) => written.path.startsWith('text/')).map((written) => written.path));
    const before = textFiles(many);
    expect(before.size).toBeGreaterThan(400 / 32);
    expect(before.size).toBeLessThan(400 / 4);
    const body = bodyIndex(many);
    const contents = new Map(body.files.map((written) => [written.path, JSON.parse(written.content)]));
    many.forEach((document, index) => {
      const [hash, position] = body.texts[index]!;
      expect(contents.get(`text/${hash}.json`)[position]).toEqual(document.sections.map((section) => section.text));
    });
    const edited = many.map((document, index) => (index === 123 ? { ...document, sections: document.sections.map((section) => ({ ...section, text: `${section.text} edited` })) } : document));
    const afterEdit = textFiles(edited);
    expect([...afterEdit].filter((name) => !before.has(name))).toHaveLength(1);
    expect([...before].filter((name) => !afterEdit.has(name))).toHaveLength(1);
    for (const removed of [0, 57, 200, 399]) {
      const afterRemoval = textFiles(many.filter((_, index) => index !== removed));
      expect([...before].filter((name) => !afterRemoval.has(name)).length).toBeLessThanOrEqual(2);
    }
  });

  test('an index file of another version is refused', () => {
    expect(() => createSiteSearch({ ...file, version: 99 }, async () => ({}))).toThrow(/version 99/);
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
  ])('%s finds %s first', async (query, title) => {
    expect((await titles(query))[0]).toBe(title);
  });

  test('haproxy 5xx finds the 5xx alerts only; all words must match', async () => {
    expect((await titles('haproxy 5xx')).sort()).toEqual(['HaproxyHighHttp5xxErrorRateBackend', 'HaproxyHighHttp5xxErrorRateServer']);
    expect(await titles('haproxy memory')).toEqual([]);
  });

  test.each([
    ['haproxy -s', 'HaproxyBackendConnectionErrors', 'Diagnosis', 'diagnosis', ['haproxy', '-s']],
    ['/etc/haproxy/haproxy.cfg', 'HaproxyBackendConnectionErrors', 'Diagnosis', 'diagnosis', ['etc/haproxy/haproxy.cfg']],
    ['socat', 'HaproxyBackendConnectionErrors', 'Mitigation', 'mitigation', ['socat']],
    ['oom_score_adj', 'HostOutOfMemory', 'Diagnosis', 'diagnosis', ['oom_score_adj']],
    ['oom-killer', 'HostOutOfMemory', 'Mitigation', 'mitigation', ['oom-killer']],
    ['--sort=-rss', 'HostOutOfMemory', 'Diagnosis', 'diagnosis', ['--sort', '-rss']],
    ['retrans', 'HaproxyBackendConnectionErrors', 'Diagnosis', 'diagnosis', ['retrans']],
  ])('body-only %s finds %s at its %s section, terms marked', async (query, title, heading, anchor, marked) => {
    const [first] = await results(query);
    expect(first?.document.title).toBe(title);
    expect(first?.heading).toBe(heading);
    expect(first?.href).toBe(`${first?.document.path}#${anchor}`);
    expect(first?.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toEqual(expect.arrayContaining(marked));
  });

  test('a quoted phrase matches the phrase only; the same words unquoted also find the decoy, after the page holding them in a row', async () => {
    expect(await titles('kubectl describe')).toEqual(['HostOutOfMemory', 'HaproxyServerConnectionErrors']);
    const phrase = await results('"kubectl describe"');
    expect(phrase.map((result) => result.document.title)).toEqual(['HostOutOfMemory']);
    expect(phrase[0]?.snippet.filter((part) => part.match).map((part) => part.text)).toContain('kubectl describe');
    expect(await titles('"describe kubectl"')).toEqual([]);
  });

  test('alert-name words outrank the same word in descriptions and bodies; an exact name comes first', async () => {
    const backend = await titles('backend');
    const named = backend.filter((title) => title.includes('Backend'));
    expect(backend.slice(0, named.length)).toEqual(named);
    expect(backend).toContain('HaproxyServerConnectionErrors');
    expect((await titles('HaproxyServerConnectionErrors'))[0]).toBe('HaproxyServerConnectionErrors');
    // The decoy's body says "stick tables" too, but only Backend's has the command.
    expect(await titles('stick tables haproxy -s')).toEqual(['HaproxyBackendConnectionErrors']);
  });

  test('body shards and texts are fetched only for queries the names do not answer, each once', async () => {
    const fetched: string[] = [];
    const fresh = searchRecording(fetched);
    await fresh.search('HaproxyServerConnectionErrors');
    await fresh.search('node_memory_MemAvailable_bytes');
    expect(fetched).toEqual([]);
    await fresh.search('socat');
    expect(fetched.some((name) => name.startsWith('body/'))).toBe(true);
    expect(fetched.some((name) => name.startsWith('text/'))).toBe(true);
    const before = fetched.length;
    await fresh.search('socat');
    expect(fetched).toHaveLength(before);
  });
});
