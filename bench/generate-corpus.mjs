// Synthetic runbook sites for the benchmark: `pages` runbook pages in sections of 50, each section with
// its own Prometheus rule file (one alert per page), pages showing their rule with the `rule` shortcode,
// a `comment` block, headings, lists, a table and a code block, like the real corpus; sections carry
// `bookCollapseSection: true` as the corpus's do unless `collapse: false`. The same folder
// builds with Hugo (config `dataDir: rules`, bench/hugo layouts). `sectionsPerGroup` puts the sections
// in collapsed groups of that many (runbooks/group-NN/service-NNNN/), as a large site would be organised:
// flat, 110,000 pages make 2,200 top-level sections, listed in every page's menu.
// Usage: node bench/generate-corpus.mjs DIR PAGES

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PAGES_PER_SECTION = 50;

export function generateCorpus(dir, pages, { collapse = true, sectionsPerGroup = Infinity } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content', 'runbooks'), { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), 'baseURL: "https://example.org/runbooks/"\ntitle: "Synthetic runbooks"\nlanguageCode: en-us\nassetDir: rules\ndataDir: rules\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n');
  writeFileSync(path.join(dir, 'content', '_index.md'), '---\ntitle: Synthetic runbooks\n---\n\nRunbooks for synthetic alerts.\n');
  writeFileSync(path.join(dir, 'content', 'runbooks', '_index.md'), '---\ntitle: Runbooks\n---\n');
  for (let section = 0; section * PAGES_PER_SECTION < pages; section += 1) {
    const name = `service-${String(section).padStart(4, '0')}`;
    const count = Math.min(PAGES_PER_SECTION, pages - section * PAGES_PER_SECTION);
    const alerts = Array.from({ length: count }, (_, index) => `${camel(name)}Alert${index}`);
    mkdirSync(path.join(dir, 'rules', name), { recursive: true });
    writeFileSync(path.join(dir, 'rules', name, 'alerts.yml'), ruleFile(name, alerts));
    const group = Math.floor(section / sectionsPerGroup);
    const groupDir = Number.isFinite(sectionsPerGroup) ? `group-${String(group).padStart(2, '0')}` : '';
    if (groupDir && section % sectionsPerGroup === 0) {
      mkdirSync(path.join(dir, 'content', 'runbooks', groupDir));
      writeFileSync(path.join(dir, 'content', 'runbooks', groupDir, '_index.md'), `---\ntitle: Group ${group}\n${collapse ? 'bookCollapseSection: true\n' : ''}---\n`);
    }
    const sectionDir = path.join(dir, 'content', 'runbooks', groupDir, name);
    mkdirSync(sectionDir, { recursive: true });
    // Collapsed unless on the page's path, as the real corpus's sections are (bench/run.mjs has a variant without).
    writeFileSync(path.join(sectionDir, '_index.md'), `---\ntitle: ${name}\n${collapse ? 'bookCollapseSection: true\n' : ''}---\n\nAlerts of ${name}.\n`);
    alerts.forEach((alert, index) => writeFileSync(path.join(sectionDir, `${alert}.md`), page(name, alert, index)));
  }
}

function camel(name) {
  return name.replace(/(^|-)(\w)/g, (_, _dash, letter) => letter.toUpperCase());
}

function ruleFile(name, alerts) {
  const rules = alerts.map((alert, index) => `      - alert: ${alert}
        expr: rate(${name.replace(/-/g, '_')}_errors_total{job="${name}"}[5m]) > ${index + 1}
        for: 5m
        labels:
          severity: ${index % 3 === 0 ? 'critical' : 'warning'}
        annotations:
          summary: ${alert} on {{ $labels.instance }}
          description: "Error rate is {{ $value }} (threshold ${index + 1})"
`).join('');
  return `groups:\n  - name: ${name}\n    rules:\n${rules}`;
}

function page(name, alert, index) {
  return `---
title: ${alert}
description: Troubleshooting for alert ${alert}
weight: ${index}
tags:
  - ${name}
  - generated
---

# ${alert}

The error rate of **${name}** is above ${index + 1} per second. See [the section](../) for related alerts.

<details>
  <summary>Alert Rule</summary>

{{% rule "${name}/alerts.yml" "${alert}" %}}

{{% comment %}}
Generated from the rule file; edit the rule there, not here: {{ $labels.instance }}
{{% /comment %}}

</details>

## Meaning

The alert fires when \`${name}\` returns errors faster than usual for five minutes. Common causes:

* a bad deploy of ${name}
* a dependency timing out
* resource exhaustion on the host

## Impact

| Severity | Users affected | Data at risk |
| --- | --- | --- |
| ${index % 3 === 0 ? 'critical' : 'warning'} | some | no |

## Diagnosis

1. Check the dashboards of ${name}.
2. Look at the logs:

\`\`\`bash
kubectl logs -l app=${name} --since=15m | grep -i error
\`\`\`

3. Compare with the previous release.

## Mitigation

Roll back the last deploy, or scale ${name} up. Escalate to the owning team when the rate keeps rising.
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, pages] = process.argv.slice(2);
  generateCorpus(path.resolve(dir), Number(pages));
}
