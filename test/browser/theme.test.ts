// The default theme as an on-call engineer uses it, in chromium: the fixture site of
// test/fixtures/theme built under a sub-path and served by the static server. Home → menu → runbook,
// the Alert Rule block opened with the keyboard, breadcrumbs back up, dark mode kept over a reload, the
// phone layout's Menu button, the alerts index filtered and sorted (and as a plain table without
// JavaScript), copy buttons, colour contrast in both schemes. Every test fails on a console error, a
// failed request or a request to another host. Screenshots go to test-results/screenshots/.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshotFile, startBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { lowContrast } from '../helpers/contrast.js';

const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'theme');
const BASE_PATH = '/runbooks-site/';

let site: BrowserSite;

beforeAll(async () => {
  site = await startBrowserSite(fixtureSite, BASE_PATH);
});

afterAll(() => site?.close());

/** The theme's text, checked for contrast. */
const themeText = ['body', 'a', '.site-title', '.breadcrumbs li', '.page-meta', '.rule-glance', '.rule-summary-text', '.severity',
  'pre code', 'pre code span', 'summary', '.page-toc h2', '.child-list p', '.no-runbook', '.site-footer', 'th', 'td', 'button'];

const runbookUrl = () => `${site.url}runbooks/host/hostdown/`;

test('from the home page through the menu to a runbook, its Alert Rule block, and back up the breadcrumbs', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(site.url);
  expect(await page.locator('main h1').textContent()).toBe('Welcome to the fixture runbooks');

  const menu = page.getByRole('navigation', { name: 'Runbooks', exact: true });
  // A collapsed section shows its title only; its page lists the runbooks.
  expect(await menu.getByRole('link', { name: 'HostDown' }).count()).toBe(0);
  await menu.getByRole('link', { name: 'Host', exact: true }).click();
  await page.waitForURL(`${site.url}runbooks/host/`);
  expect(await page.locator('.child-list a').allTextContents()).toEqual(['HostDown', 'HostHighLoad']);
  await menu.getByRole('link', { name: 'HostDown' }).click();
  await page.waitForURL(runbookUrl());
  expect(await menu.locator('a[aria-current="page"]').textContent()).toBe('HostDown');
  // Hidden pages stay out of the menu; the other section stays closed.
  expect(await menu.getByRole('link', { name: 'Retired' }).count()).toBe(0);
  expect(await menu.getByRole('link', { name: 'HaproxyDown' }).count()).toBe(0);

  const details = page.locator('details').first();
  const yaml = details.locator('pre code');
  expect(await yaml.isVisible()).toBe(false);
  await details.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => yaml.isVisible()).toBe(true);
  const text = await yaml.innerText();
  expect(text).toContain('alert: HostDown');
  expect(text).toContain('summary: Host down (instance {{ $labels.instance }})');
  expect(text).toContain('VALUE = {{ $value }} <b>not bold</b>');
  const summary = details.locator('summary .rule-glance');
  expect(await summary.locator('.severity').textContent()).toBe('critical');
  expect(await summary.innerText()).toContain('for 5m');
  expect(await summary.innerText()).toContain('Host down (instance {{ $labels.instance }})');

  expect(await page.getByRole('navigation', { name: 'On this page' }).getByRole('link').allTextContents()).toEqual(['Meaning', 'Diagnosis', 'Network', 'Mitigation']);
  expect(await page.locator('.pagination .next').getAttribute('href')).toBe(`${BASE_PATH}runbooks/host/hosthighload/`);
  expect(await page.getByRole('link', { name: 'Edit this page' }).getAttribute('href')).toBe('https://git.example.com/ops/runbooks/edit/main/content/runbooks/host/HostDown.md');
  expect(await page.locator('.page-meta time').getAttribute('datetime')).toBe('2024-03-01T10:00:00Z');
  await page.screenshot({ path: screenshotFile('runbook-light.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Host' }).click();
  await page.waitForURL(`${site.url}runbooks/host/`);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Introduction' }).click();
  await page.waitForURL(site.url);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the skip link moves focus to the main content', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(runbookUrl());
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect.poll(() => skip.evaluate((link) => link === document.activeElement)).toBe(true);
  expect(await skip.evaluate((link) => getComputedStyle(link).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content');
  expect(await page.locator('header').count()).toBe(1);
  expect(await page.locator('main').count()).toBe(1);
  expect(await page.locator('footer.site-footer').count()).toBe(1);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('dark mode is remembered over a reload, and text keeps a 4.5:1 contrast in both schemes', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(runbookUrl());
  await page.locator('details summary').first().click();
  expect(await lowContrast(page, themeText)).toEqual([]);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(255, 255, 255)');

  // A toggle button: its name stays "Dark mode", its state is pressed or not, shown by its icon.
  const toggle = page.getByRole('button', { name: 'Dark mode', exact: true });
  const icon = () => toggle.locator('.scheme-icon:visible').textContent();
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  expect(await icon()).toBe('☾');
  await toggle.click();
  expect(await background()).toBe('rgb(13, 17, 23)');
  expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.scheme)).toBe('dark');
  expect(await background()).toBe('rgb(13, 17, 23)');
  expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  expect(await icon()).toBe('☀');
  await page.locator('details summary').first().click();
  expect(await lowContrast(page, themeText)).toEqual([]);
  await page.screenshot({ path: screenshotFile('runbook-dark.png'), fullPage: true });

  await page.goto(`${site.url}alerts/`);
  expect(await lowContrast(page, themeText)).toEqual([]);
  await toggle.click();
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  expect(await background()).toBe('rgb(255, 255, 255)');
  expect(await lowContrast(page, themeText)).toEqual([]);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('on a phone the menu is behind the Menu button', async () => {
  const { page, problems } = await site.openPage({ width: 390, height: 844 });
  await page.goto(runbookUrl());
  const menu = page.getByRole('navigation', { name: 'Runbooks', exact: true });
  expect(await menu.isVisible()).toBe(false);
  const button = page.getByRole('button', { name: 'Menu' });
  await page.screenshot({ path: screenshotFile('runbook-phone.png'), fullPage: true });
  await button.click();
  expect(await button.getAttribute('aria-expanded')).toBe('true');
  // The drawer slides in (0.15 s): it is visible once its transition has started.
  await expect.poll(() => menu.isVisible()).toBe(true);
  await page.screenshot({ path: screenshotFile('runbook-phone-menu.png') });
  await menu.getByRole('link', { name: 'HostHighLoad' }).click();
  await page.waitForURL(`${site.url}runbooks/host/hosthighload/`);
  expect(await page.locator('main h1').textContent()).toBe('HostHighLoad');
  expect(problems).toEqual([]);
  await page.context().close();
});

test('on a wide but short window the menu scrolls by itself and opens at the current page', async () => {
  const { page, problems } = await site.openPage({ width: 1280, height: 110 });
  await page.goto(`${site.url}runbooks/host/hosthighload/`);
  const menu = page.getByRole('navigation', { name: 'Runbooks', exact: true });
  const box = await menu.evaluate((element) => ({ scrollTop: element.scrollTop, scrollable: element.scrollHeight > element.clientHeight }));
  expect(box.scrollable).toBe(true);
  expect(box.scrollTop).toBeGreaterThan(0);
  // The current entry lies within the menu's visible box.
  const inView = await menu.locator('a[aria-current="page"]').evaluate((link) => {
    const entry = link.getBoundingClientRect();
    const menuBox = link.closest('nav')!.getBoundingClientRect();
    return entry.top >= menuBox.top && entry.bottom <= menuBox.bottom;
  });
  expect(inView).toBe(true);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('a code block has a copy button that copies its text', async () => {
  const { page, problems } = await site.openPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await page.goto(runbookUrl());
  // The button sits in a bar above its block, not over the code.
  const toolbar = page.locator('.code-toolbar:has(+ pre:has-text("ping -c 3"))');
  await toolbar.getByRole('button', { name: 'Copy code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('ping -c 3 "$INSTANCE"\n');
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the alerts index lists every alert rule, filters by text and severity, and sorts by column', async () => {
  const { page, problems } = await site.openPage();
  await page.goto(`${site.url}alerts/`);
  const visibleAlerts = () => page.locator('.alerts-table tbody tr:visible th').allTextContents();
  expect(await visibleAlerts()).toEqual(['HaproxyDown', 'HostClockSkew', 'HostDown', 'HostHighLoad']);
  const clockSkew = page.locator('tr', { hasText: 'HostClockSkew' });
  expect(await clockSkew.locator('.no-runbook').textContent()).toBe('no runbook');

  await page.getByRole('searchbox').fill('node');
  expect(await visibleAlerts()).toEqual(['HostClockSkew', 'HostDown', 'HostHighLoad']);
  await page.getByRole('combobox', { name: 'Severity' }).selectOption('critical');
  expect(await visibleAlerts()).toEqual(['HostDown']);
  await page.getByRole('searchbox').fill('nothing like this');
  expect(await page.getByText('No alert matches the filter.').isVisible()).toBe(true);
  await page.getByRole('searchbox').fill('');
  await page.getByRole('combobox', { name: 'Severity' }).selectOption('');

  await page.getByRole('button', { name: 'Severity' }).click();
  expect(await page.locator('.alerts-table tbody tr td:nth-child(2)').allTextContents()).toEqual(['critical', 'critical', 'info', 'warning']);
  await page.getByRole('button', { name: 'Severity' }).click();
  expect(await page.locator('.alerts-table tbody tr td:nth-child(2)').allTextContents()).toEqual(['warning', 'info', 'critical', 'critical']);

  // The runbook link names its section (the alert's name is in the row's first cell already).
  const runbookLink = page.locator('tr', { hasText: 'HostHighLoad' }).getByRole('link', { name: 'Runbook of HostHighLoad in Host' });
  expect(await runbookLink.textContent()).toBe('Host');
  await runbookLink.click();
  await page.waitForURL(`${site.url}runbooks/host/hosthighload/`);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('without JavaScript the alerts index is a plain table and the menu is shown', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${site.url}alerts/`);
  expect(await page.locator('.alerts-table tbody tr:visible').count()).toBe(4);
  expect(await page.locator('.alerts-filter').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
  expect(await page.getByRole('navigation', { name: 'Runbooks', exact: true }).isVisible()).toBe(true);
  await context.close();
});
