// The alerts index page at /alerts/: every alert rule of the rules folder and its runbook, and the runbook
// coverage of each rule file (alerts with a runbook, with a drifted rule copy on a page).

import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { alertIndexRows } from '../site/alerts-index.js';
import { ruleFileCoverage } from '../site/coverage.js';
import { ruleCopyDrifts } from '../site/rule-copies.js';
import { renderGeneratedPage } from './generated-page.js';
import type { OutputGenerator } from './types.js';

export const ALERTS_INDEX_PATH = '/alerts/';

export const alertsIndexPage: OutputGenerator = (model) => {
  const linkTo = (page: { title: string; path: string }) => ({ title: page.title, url: model.links.relative(page.path) });
  const runbooks = alertRunbooksOf(model);
  const alerts = alertIndexRows(model.rules, runbooks, linkTo);
  // Required sections need the rendered pages: check counts them, this page does not.
  const coverage = ruleFileCoverage({ rules: model.rules, runbooks, drifts: ruleCopyDrifts(model, runbooks) });
  return [renderGeneratedPage(model, { kind: 'alerts', title: 'Alerts', path: ALERTS_INDEX_PATH, description: 'Every alert rule and its runbook', alerts, coverage })];
};
