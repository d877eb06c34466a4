// The alerts index layout (`/alerts/`): one row per alert rule of the rules folder, with its severity,
// group, rule file, `for` and runbook (linked by its section, since the alert's name is in the first
// column already; or a visible "no runbook" mark). A table on wide screens; on a phone the CSS draws each
// row as a card, each cell under its column's name (`data-label`). Without JavaScript it is a plain
// table; the theme script shows the filter form (text, from `?q=` too, and severity) and makes the
// column headers sort buttons. Below it, the runbook coverage of each rule file, when the page data has it.

import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { severityClass } from '../../src/layout/rule-block.js';
import { breakableName } from '../../src/layout/word-breaks.js';
import type { AlertIndexRow, PageData, RuleFileCoverage } from '../../src/theme-api/types.js';
import { breadcrumbs } from './parts/breadcrumbs.js';
import { document } from './parts/document.js';

const columns = ['Alert', 'Severity', 'Group', 'Rule file', 'For', 'Runbook'];

export default function alerts(data: PageData): Root {
  const rows = data.alerts ?? [];
  const withRunbook = rows.filter((row) => row.runbook).length;
  return document(data, [
    breadcrumbs(data),
    h('article', { className: ['markdown', 'alerts-index'] }, [
      h('h1', data.page.title),
      h('p', `${rows.length} alert rules, ${withRunbook} with a runbook.`),
      filterForm(rows),
      h('table', { className: ['alerts-table'] }, [
        h('caption', { className: ['visually-hidden'] }, 'Alert rules'),
        h('thead', [h('tr', columns.map((column) => h('th', { scope: 'col' }, column)))]),
        h('tbody', rows.map(alertRow)),
      ]),
      h('p', { className: ['alerts-empty'], hidden: true, role: 'status' }, 'No alert matches the filter.'),
      ...coverageSection(data.coverage ?? []),
    ]),
  ]);
}

/** Per rule file: its alerts, how many have a runbook and how many a drifted copy of the rule on a page. */
function coverageSection(coverage: readonly RuleFileCoverage[]): Element[] {
  if (coverage.length === 0) return [];
  const sections = coverage.some((file) => file.withMissingSections !== undefined);
  const headers = ['Rule file', 'Alerts', 'With a runbook', 'With a drifted copy', ...(sections ? ['Missing sections'] : [])];
  return [
    h('h2', { id: 'coverage' }, 'Coverage by rule file'),
    h('table', { className: ['coverage-table'] }, [
      h('thead', [h('tr', headers.map((header) => h('th', { scope: 'col' }, header)))]),
      h('tbody', coverage.map((file) => h('tr', [
        h('td', h('code', file.file)),
        h('td', String(file.alerts)),
        h('td', String(file.withRunbook)),
        h('td', String(file.withDrift)),
        ...(sections ? [h('td', String(file.withMissingSections ?? 0))] : []),
      ]))),
    ]),
  ];
}

function filterForm(rows: readonly AlertIndexRow[]): Element {
  const severities = [...new Set(rows.map((row) => row.severity ?? 'none'))].sort();
  return h('form', { className: ['alerts-filter'], role: 'search', 'aria-label': 'Filter alerts', hidden: true }, [
    h('label', ['Filter ', h('input', { type: 'search', name: 'q', placeholder: 'alert, group or file', autocomplete: 'off' })]),
    h('label', ['Severity ', h('select', { name: 'severity' }, [
      h('option', { value: '' }, 'all'),
      ...severities.map((severity) => h('option', { value: severity }, severity)),
    ])]),
  ]);
}

function alertRow(row: AlertIndexRow): Element {
  const severity = row.severity ?? 'none';
  const cell = (column: string, content: ElementContent | ElementContent[] | string) => h('td', { dataLabel: column }, content);
  return h('tr', { dataSeverity: severity }, [
    h('th', { scope: 'row', dataLabel: 'Alert' }, breakableName(row.alert)),
    cell('Severity', h('span', { className: ['severity', `severity-${severityClass(row.severity)}`] }, severity)),
    cell('Group', breakableName(row.group)),
    cell('Rule file', h('code', breakableName(row.file))),
    cell('For', row.for ?? '0s'),
    cell('Runbook', row.runbook
      ? h('a', { href: row.runbook.url, 'aria-label': `Runbook of ${row.alert}${row.runbook.section ? ` in ${row.runbook.section}` : ''}` }, row.runbook.section ?? 'runbook')
      : h('span', { className: ['no-runbook'] }, 'no runbook')),
  ]);
}
