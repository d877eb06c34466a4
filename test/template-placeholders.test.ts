// Alert-template placeholders: which `{{ ... }}` actions a link can fill in (recognition, a table of
// cases and every annotation of the corpus's 80 rule files), and their marking in a page's hast tree,
// highlighted code included (the highlighter splits `{{ $labels.x }}` over its spans).

import path from 'node:path';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { describe, expect, test } from 'vitest';
import { markTemplatePlaceholders } from '../src/layout/placeholder-marks.js';
import { highlightCode } from '../src/markdown/code-highlight.js';
import { createRuleIndex } from '../src/rules/rule-index.js';
import { findTemplatePlaceholders } from '../src/rules/template-placeholders.js';

const found = (text: string) => findTemplatePlaceholders(text).map(({ start, end, param }) => [text.slice(start, end), param]);

describe('recognition', () => {
  test.each([
    // Strings as the corpus writes them.
    ['Too many connection errors to {{ $labels.fqdn }}/{{ $labels.backend }} backend', [['{{ $labels.fqdn }}', 'fqdn'], ['{{ $labels.backend }}', 'backend']]],
    ['Redis instance is down\n  VALUE = {{ $value }}\n  LABELS = {{ $labels }}', [['{{ $value }}', 'value']]],
    ['Jenkins job {{$labels.jenkins_job}} failed on {{$labels.instance}}', [['{{$labels.jenkins_job}}', 'jenkins_job'], ['{{$labels.instance}}', 'instance']]],
    ['user {{ $labels.vbng_userName }} (index: {{ $labels.vbng_userIndex }})', [['{{ $labels.vbng_userName }}', 'vbng_userName'], ['{{ $labels.vbng_userIndex }}', 'vbng_userIndex']]],
    ['{{ $value | humanize }} {{$value | humanize}} {{ $value | printf "%.2f"}} {{ printf "%.0f" $value }} {{humanize $value}}', []],
    ['Linkerd error rate for {{ $labels.deployment | $labels.statefulset | $labels.daemonset }} is over 10%', []],
    // The other forms of the issue.
    ['{{ .Labels.instance }} {{ $externalLabels.cluster }} {{ .ExternalLabels.region }} {{ .Value }}', [['{{ .Labels.instance }}', 'instance'], ['{{ $externalLabels.cluster }}', 'cluster'], ['{{ .ExternalLabels.region }}', 'region'], ['{{ .Value }}', 'value']]],
    ['{{   $labels.job\t}} {{\n$value\n}} {{- $labels.pod -}} {{-$value}}', [['{{   $labels.job\t}}', 'job'], ['{{\n$value\n}}', 'value'], ['{{- $labels.pod -}}', 'pod']]],
    ['{{ $labels.instance | reReplaceAll ":.*" "" }} on {{ $labels.instance }}', [['{{ $labels.instance }}', 'instance']]],
    ['{{ $labels.instance.port }} {{ $labels.9x }} {{ $labels. x }} {{ $labelsx.y }} {{ $values }} {{ index $labels "a-b" }}', []],
    ['{{ printf "{{ $labels.node }}" }}', [['{{ $labels.node }}', 'node']]],
    ['no template here', []],
  ])('%j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('each says what it names: a label, an external label or the value', () => {
    expect(findTemplatePlaceholders('{{ $labels.a }} {{ .Labels.b }} {{ $externalLabels.c }} {{ .ExternalLabels.d }} {{ $value }} {{ .Value }}')
      .map(({ param, kind }) => `${kind}:${param}`)).toEqual(['label:a', 'label:b', 'externalLabel:c', 'externalLabel:d', 'value:value', 'value:value']);
  });
});

describe('the corpus annotations', () => {
  const rulesDir = path.resolve('/work/shared/corpus/prometheus-alerts/rules');
  const annotations = createRuleIndex(rulesDir).all()
    .flatMap((file) => file.rules)
    .flatMap((rule) => Object.values(rule.annotations));
  const actions = annotations.flatMap((text) => [...text.matchAll(/\{\{.*?\}\}/gs)].map((match) => ({ text, start: match.index, action: match[0] })));

  test('every placeholder is a whole action of a single name, never part of a larger one', () => {
    const placeholders = annotations.flatMap((text) => findTemplatePlaceholders(text).map((placeholder) => ({ text, ...placeholder })));
    const starts = new Set(actions.map(({ text, start, action }) => `${text}\0${start}\0${action.length}`));
    for (const { text, start, end } of placeholders) {
      expect(starts.has(`${text}\0${start}\0${end - start}`), text.slice(start, end)).toBe(true);
    }
    // A single-token action naming a label or the value is a placeholder; pipes and functions are not.
    const singleToken = actions.filter(({ action }) => /^\{\{\s*(\$labels\.\w+|\$value)\s*\}\}$/.test(action));
    expect(placeholders).toHaveLength(singleToken.length);
    expect(actions.filter(({ action }) => action.includes('|')).every(({ action }) => findTemplatePlaceholders(action).length === 0)).toBe(true);
  });

  test('the corpus: 1,534 placeholders in its 1,782 annotations, over 71 names', () => {
    const params = annotations.flatMap((text) => findTemplatePlaceholders(text).map(({ param }) => param));
    expect([annotations.length, params.length, new Set(params).size]).toEqual([1782, 1534, 71]);
    for (const name of ['instance', 'value', 'fqdn', 'backend', 'job', 'namespace']) expect(params).toContain(name);
  });
});

const marks = (tree: Root | Element) => [...toHtml(tree).matchAll(/<span class="rb-label" data-label="(\w+)">(.*?)<\/span>(?!<\/span>)/g)];

function highlighted(language: string, source: string): Root {
  return { type: 'root', children: [h('pre', [h('code', { className: [`language-${language}`] }, highlightCode(source, language)!)])] };
}

describe('marking', () => {
  test('prose: each placeholder is wrapped, the text around it kept', () => {
    const tree: Root = { type: 'root', children: [h('p', ['Too many errors to ', h('code', '{{ $labels.fqdn }}/{{ $labels.backend }}'), ' backend ({{ $value | humanize }})'])] };
    markTemplatePlaceholders(tree);
    expect(toHtml(tree)).toBe('<p>Too many errors to <code><span class="rb-label" data-label="fqdn">{{ $labels.fqdn }}</span>/'
      + '<span class="rb-label" data-label="backend">{{ $labels.backend }}</span></code> backend ({{ $value | humanize }})</p>');
  });

  test.each([
    ['bash', 'ssh {{ $labels.instance }} "curl {{$labels.fqdn}}/{{ .Labels.backend }}"', ['instance', 'fqdn', 'backend']],
    ['yaml', 'description: |\n  on {{ $labels.fqdn }}/{{ $labels.backend }} VALUE = {{ $value }}\n  LABELS = {{ $labels }}', ['fqdn', 'backend', 'value']],
    ['yaml', 'summary: "x {{ $labels.instance }}"', ['instance']],
    ['promql', 'up{instance="{{ $labels.instance }}"}', ['instance']],
  ])('highlighted %s: placeholders split over the highlighter\'s spans are wrapped whole', (language, source, expected) => {
    const tree = highlighted(language, source);
    const before = toString(tree);
    markTemplatePlaceholders(tree);
    expect(toString(tree)).toBe(before);
    const spans: Element[] = [];
    const collect = (node: Root | Element) => node.children.forEach((child) => {
      if (child.type !== 'element') return;
      if ((child.properties.className as string[] | undefined)?.includes('rb-label')) spans.push(child);
      else collect(child);
    });
    collect(tree);
    expect(spans.map((span) => span.properties.dataLabel)).toEqual(expected);
    expect(spans.map((span) => toString(span))).toEqual(findTemplatePlaceholders(source).map(({ start, end }) => source.slice(start, end)));
  });

  test('highlighting outside a placeholder is kept: a span cut at its edge keeps its class on both sides', () => {
    const tree = highlighted('yaml', 'description: |\n  on {{ $labels.fqdn }}/{{ $labels.backend }}');
    markTemplatePlaceholders(tree);
    expect(toHtml(tree)).toContain('<span class="hljs-string">/</span><span class="rb-label" data-label="backend"><span class="hljs-string">{{</span> <span class="hljs-string">$labels.backend</span> <span class="hljs-string">}}</span></span>');
  });

  test('an element left alone at the end of a span a placeholder is cut out of stays, with its text', () => {
    const tree: Root = { type: 'root', children: [h('p', [
      'A ', h('span', '{{ $labels.'), h('span', ['instance }} tail', h('svg', { width: '10' }, [h('text', 'T')])]), ' then ',
      '{{ $labels.', h('span', ['job }} more', h('script', 'console.log(1)')]), ' end.',
    ])] };
    const before = toString(tree);
    markTemplatePlaceholders(tree);
    expect(toString(tree)).toBe(before);
    expect(toHtml(tree)).toContain('<span> tail<svg width="10"><text>T</text></svg></span>');
    expect(toHtml(tree)).toContain(' more<script>console.log(1)</script></span> end.');
  });

  test('head, navigation, scripts, text areas and mermaid sources are left alone, a title\'s <wbr> is wrapped with its placeholder; marking twice changes nothing', () => {
    const tree: Root = {
      type: 'root',
      children: [h('html', [
        h('head', [h('title', '{{ $labels.instance }} down')]),
        h('body', [
          h('nav', [h('a', { href: '/x/' }, 'Next: {{ $labels.job }}')]),
          h('main', [
            h('h1', 'Host {{ $labels.instance }} down'),
            h('script', 'var a = "{{ $value }}";'),
            h('textarea', '{{ $value }}'),
            h('pre', { className: ['mermaid'] }, 'graph TD; A[{{ $labels.job }}] --> B'),
            h('p', ['at {{ $labels.', h('a', { href: '#x' }, 'instance'), ' }} ', h('br'), '{{ $value }}']),
            h('h2', ['Node {{ $labels.', h('wbr'), 'instance }}']),
          ]),
        ]),
      ])],
    };
    markTemplatePlaceholders(tree);
    const once = toHtml(tree);
    expect(marks(tree).map((match) => [match[1], match[2]])).toEqual([['instance', '{{ $labels.instance }}'], ['value', '{{ $value }}'], ['instance', '{{ $labels.<wbr>instance }}']]);
    expect(once).toContain('<title>{{ $labels.instance }} down</title>');
    expect(once).toContain('<p>at {{ $labels.<a href="#x">instance</a> }} <br><span class="rb-label" data-label="value">{{ $value }}</span></p>');
    markTemplatePlaceholders(tree);
    expect(toHtml(tree)).toBe(once);
  });
});
