// Shortcodes never make an author's or a rule file's text live markup (issue 11): a rule block inside a
// list item or a blockquote keeps its fence inside the container (with raw HTML allowed, the default, an
// annotation's `<script>` would otherwise run), and the URL arguments of `button` and `figure` drop
// `javascript:`/`data:`/`vbscript:` with raw HTML off. Each site is built and opened in chromium: no
// dialog opens, no payload sets `window.__xss`, and the annotation payload shows as text.

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { writeSite } from '../helpers/site.js';

const script = `<script>window.__xss='summary';alert('summary')</script>`;

const ruleFile = `
-- rules/evil.yml --
groups:
  - name: evil
    rules:
      - alert: Evil
        expr: up == 0
        annotations:
          summary: ${JSON.stringify(script)}
          description: |
            first line

            <img src=x onerror="window.__xss='description';alert('description')">
`;

const rulesInContainers = `${ruleFile}
-- content/_index.md --
# Home

1. Check the rule:
   {{% rule "evil.yml" "Evil" %}}
2. Then act.

> In a quote:
> {{% rule "evil.yml" "Evil" %}}

- Nested:
  > {{% rule "evil.yml" "Evil" %}}
`;

const urlArguments = `
-- config.yaml --
markup:
  goldmark:
    renderer:
      unsafe: false
-- content/_index.md --
# Home

{{< button href="javascript:window.__xss='button';alert('button')" >}}Button{{< /button >}}

{{< figure src="javascript:window.__xss='src'" link="javascript:window.__xss='link';alert('link')" caption="Figure" attr="Credit" attrlink="data:text/html,<script>alert('attrlink')</script>" >}}
`;

const sites: Array<{ source: string; site: BrowserSite }> = [];

async function open(files: string) {
  const source = writeSite(files);
  const site = await startBrowserSite(source, '/');
  sites.push({ source, site });
  const { page, problems } = await site.openPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(site.url, { waitUntil: 'load' });
  return { page, problems, dialogs };
}

let containers: Awaited<ReturnType<typeof open>>;
let links: Awaited<ReturnType<typeof open>>;

beforeAll(async () => {
  containers = await open(rulesInContainers);
  links = await open(urlArguments);
});

afterAll(async () => {
  for (const { source, site } of sites) {
    await site.close();
    rmSync(source, { recursive: true, force: true });
  }
});

test('a rule in a list item, a blockquote and a blockquote in a list item runs nothing and shows its annotations as text', async () => {
  const { page, dialogs } = containers;
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  const blocks = page.locator('article pre code');
  expect(await blocks.count()).toBe(3);
  expect(await page.locator('article li pre code').count()).toBe(2);
  expect(await page.locator('article blockquote pre code').count()).toBe(2);
  for (const text of await blocks.allInnerTexts()) {
    expect(text).toContain(`summary: ${JSON.stringify(script)}`);
    expect(text).toContain(`<img src=x onerror="window.__xss='description';alert('description')">`);
  }
  expect(await page.locator('article img, article script').count()).toBe(0);
});

test('URL arguments with script schemes are not followed, with raw HTML off', async () => {
  const { page, dialogs } = links;
  const hrefs = await page.locator('article a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
  expect(hrefs).toEqual(['#ZgotmplZ', '#ZgotmplZ', '#ZgotmplZ']);
  expect(await page.locator('article img').getAttribute('src')).toBe('#ZgotmplZ');
  for (const name of ['Button', 'Credit']) await page.getByText(name, { exact: true }).click();
  await page.locator('article figure a').first().click();
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});
