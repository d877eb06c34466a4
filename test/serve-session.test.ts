// The build session behind `serve`: after every batch of edits (page text, rule references, a mermaid
// diagram, several pages at once, a title, a rule file, a page added and one removed, the config), the
// output folder holds exactly the files a cold `build` of the same sources writes. Page text edits take
// the session's own path (only the edited pages rendered); a broken edit changes nothing and keeps
// failing until it is fixed, whatever else is edited meanwhile.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { build } from '../src/build/build.js';
import { SiteError } from '../src/util/diagnostics.js';
import { openSiteSession, type SiteSession } from '../src/serve/session.js';
import { snapshotFiles, writeSite } from './helpers/site.js';

const baseURL = 'http://127.0.0.1:1313/docs/';

const site = `
-- config.yaml --
baseURL: https://example.org/docs/
title: Session test
-- rules/db.yml --
groups:
  - name: db
    rules:
      - alert: DbDown
        expr: up{job="db"} == 0
        labels:
          severity: critical
      - alert: DbSlow
        expr: db_query_seconds > 1
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/runbooks/_index.md --
---
title: Runbooks
---
-- content/runbooks/DbDown.md --
---
title: DbDown
tags: [db]
aliases: [/old/dbdown/]
---
{{% rule "db.yml" "DbDown" %}}

## Check the primary
First version.
-- content/runbooks/Notes.md --
---
title: Notes
---
Plain notes.
`;

const runbook = (body: string, title = 'DbDown') => `---\ntitle: ${title}\ntags: [db]\naliases: [/old/dbdown/]\n---\n${body}\n`;

/** Applies an edit through the session and expects the output a cold build of the sources writes. */
async function expectColdOutput(siteDir: string, destination: string, session: SiteSession, changed: string[]) {
  const update = await session.update(new Set(changed.map((file) => path.normalize(file))));
  const result = update.complete();
  const fresh = mkdtempSync(path.join(tmpdir(), 'runbook-site-session-fresh-'));
  await build({ source: siteDir, destination: fresh, baseURL, cache: false, workers: 0 });
  expect(snapshotFiles(destination)).toEqual(snapshotFiles(fresh));
  rmSync(fresh, { recursive: true, force: true });
  return { rendered: update.rendered, result };
}

/** Each session's site and output folder, removed after its test. */
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function openSession() {
  const siteDir = writeSite(site);
  const destination = mkdtempSync(path.join(tmpdir(), 'runbook-site-session-'));
  folders.push(siteDir, destination);
  const session = await openSiteSession({ source: siteDir, destination, baseURL, workers: 0 });
  const edit = (file: string, content: string) => writeFileSync(path.join(siteDir, file), content);
  return { siteDir, destination, session, edit };
}

describe('serve session', () => {
  test('page edits render only the edited pages and write what a cold build writes', async () => {
    const { siteDir, destination, session, edit } = await openSession();
    const apply = (changed: string[]) => expectColdOutput(siteDir, destination, session, changed);

    edit('content/runbooks/DbDown.md', runbook('{{% rule "db.yml" "DbDown" %}}\n\n## Check the primary\nSecond version.'));
    expect((await apply(['content/runbooks/DbDown.md'])).rendered).toBe(1);

    // A new rule reference (alerts index, /alerts/ redirect, search index) and a diagram (mermaid's file).
    edit('content/runbooks/DbDown.md', runbook('{{% rule "db.yml" "DbDown" %}}\n{{% rule "db.yml" "DbSlow" %}}\n\n{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}\n\n## Failover\nThird.'));
    expect((await apply(['content/runbooks/DbDown.md'])).rendered).toBe(1);

    edit('content/runbooks/DbDown.md', runbook('{{% rule "db.yml" "DbDown" %}}\n\n## Check the primary\nBack to one rule.'));
    edit('content/runbooks/Notes.md', '---\ntitle: Notes\n---\nEdited notes.\n');
    expect((await apply(['content/runbooks/DbDown.md', 'content/runbooks/Notes.md'])).rendered).toBe(2);
  });

  test('navigation, rule file, added and removed pages and config edits write what a cold build writes', async () => {
    const { siteDir, destination, session, edit } = await openSession();
    const apply = (changed: string[]) => expectColdOutput(siteDir, destination, session, changed);

    edit('content/runbooks/DbDown.md', runbook('{{% rule "db.yml" "DbDown" %}}\n\nRetitled.', 'Database down'));
    const retitled = await apply(['content/runbooks/DbDown.md']);
    expect(retitled.rendered).toBe(retitled.result.pages); // every menu shows the title
    expect(retitled.result.renderedBodies).toBe(1); // the other pages' layouts are drawn around cached bodies

    edit('rules/db.yml', 'groups:\n  - name: db\n    rules:\n      - alert: DbDown\n        expr: up{job="db"} == 0 and on() vector(1)\n');
    await apply(['rules/db.yml']);

    edit('content/runbooks/New.md', '---\ntitle: New\n---\nA new runbook.\n');
    rmSync(path.join(siteDir, 'content/runbooks/Notes.md'));
    await apply(['content/runbooks/New.md', 'content/runbooks/Notes.md']);

    edit('config.yaml', 'baseURL: https://example.org/docs/\ntitle: Renamed site\n');
    await apply(['config.yaml']);
  });

  test('serve started after build renders no page body on an unchanged site (another base URL, same bodies)', async () => {
    const siteDir = writeSite(site);
    const built = await build({ source: siteDir, workers: 0 });
    expect(built.renderedBodies).toBe(built.pages);
    const destination = mkdtempSync(path.join(tmpdir(), 'runbook-site-session-'));
    const session = await openSiteSession({ source: siteDir, destination, baseURL, workers: 0 });
    expect(session.result.renderedBodies).toBe(0);
    const fresh = mkdtempSync(path.join(tmpdir(), 'runbook-site-session-fresh-'));
    await build({ source: siteDir, destination: fresh, baseURL, cache: false, workers: 0 });
    expect(snapshotFiles(destination)).toEqual(snapshotFiles(fresh));
    for (const folder of [siteDir, destination, fresh]) rmSync(folder, { recursive: true, force: true });
  });

  test('a broken edit changes nothing and fails every update until it is fixed', async () => {
    const { siteDir, destination, session, edit } = await openSession();
    const before = snapshotFiles(destination);

    edit('content/runbooks/DbDown.md', runbook('Broken: {{% nosuchshortcode %}}'));
    await expect(session.update(new Set([path.normalize('content/runbooks/DbDown.md')]))).rejects.toThrow(SiteError);
    expect(snapshotFiles(destination)).toEqual(before);

    // Another page's edit does not hide the broken one: a cold build would still fail.
    edit('content/runbooks/Notes.md', '---\ntitle: Notes\n---\nEdited while broken.\n');
    await expect(session.update(new Set([path.normalize('content/runbooks/Notes.md')]))).rejects.toThrow(/DbDown\.md:6/);
    expect(snapshotFiles(destination)).toEqual(before);

    // Still showing its rule: the section's child list (which shows the rule's severity) is unchanged.
    edit('content/runbooks/DbDown.md', runbook('{{% rule "db.yml" "DbDown" %}}\n\nFixed.'));
    const fixed = await expectColdOutput(siteDir, destination, session, ['content/runbooks/DbDown.md']);
    expect(fixed.rendered).toBe(2); // both pending pages
  });
});
