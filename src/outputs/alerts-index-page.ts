// The alerts index page at /alerts/: every alert rule of the rules folder and its runbook, and the runbook
// coverage of each rule file (alerts with a runbook, with a drifted rule copy on a page).

import type { Page } from '../content/discover.js';
import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { alertIndexRows } from '../site/alerts-index.js';
import { allRules } from '../rules/rule-index.js';
import { ruleFileCoverage } from '../site/coverage.js';
import { ruleCopyDrifts } from '../site/rule-copies.js';
import type { OutputGenerator } from './types.js';
import type { SiteModel } from '../site/site.js';
import type { AlertIndexRow } from '../theme-api/types.js';

export const ALERTS_INDEX_PATH = '/alerts/';

export const alertsIndexPage: OutputGenerator = (model, render) => {
  const runbooks = alertRunbooksOf(model);
  const alerts = alertIndexRows(allRules(model.rules), runbooks, (page) => runbookLink(model, page));
  // Required sections need the rendered pages: check counts them, this page does not.
  const coverage = ruleFileCoverage({ rules: model.rules, runbooks, drifts: ruleCopyDrifts(model) });
  return [render(model, { kind: 'alerts', title: 'Alerts', path: ALERTS_INDEX_PATH, description: 'Every alert rule and its runbook', alerts, coverage })];
};

/** An alert row's link to its runbook: the page, named by its section (the row names the alert). */
export function runbookLink(model: SiteModel, page: Page): NonNullable<AlertIndexRow['runbook']> {
  return { title: page.title, url: model.links.relative(page.path), section: model.site.sectionOf.get(page)?.page.title };
}
