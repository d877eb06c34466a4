// The alerts index page at /alerts/: every alert rule of the rules folder and its runbook.

import type { Page } from '../content/discover.js';
import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { alertIndexRows } from '../site/alerts-index.js';
import { renderGeneratedPage } from './generated-page.js';
import type { OutputGenerator } from './types.js';

export const ALERTS_INDEX_PATH = '/alerts/';

export const alertsIndexPage: OutputGenerator = (model) => {
  const linkTo = (page: Page) => ({ title: page.title, url: model.links.relative(page.path), section: model.site.sectionOf.get(page)?.page.title });
  const alerts = alertIndexRows(model.rules, alertRunbooksOf(model), linkTo);
  return [renderGeneratedPage(model, { kind: 'alerts', title: 'Alerts', path: ALERTS_INDEX_PATH, description: 'Every alert rule and its runbook', alerts })];
};
