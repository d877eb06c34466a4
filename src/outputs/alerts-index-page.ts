// The alerts index page at /alerts/: every alert rule of the rules folder and its runbook.

import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { alertIndexRows } from '../site/alerts-index.js';
import { renderGeneratedPage } from './generated-page.js';
import type { OutputGenerator } from './types.js';

export const ALERTS_INDEX_PATH = '/alerts/';

export const alertsIndexPage: OutputGenerator = (model) => {
  const linkTo = (page: { title: string; path: string }) => ({ title: page.title, url: model.links.relative(page.path) });
  const alerts = alertIndexRows(model.rules, alertRunbooksOf(model), linkTo);
  return [renderGeneratedPage(model, { kind: 'alerts', title: 'Alerts', path: ALERTS_INDEX_PATH, description: 'Every alert rule and its runbook', alerts })];
};
