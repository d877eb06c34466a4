// Prints a check result: one `file:line:col: level: message (hint) [kind]` line per finding and a summary
// (text, for people and CI logs), or one JSON document (for tools). It does not decide anything.

import { formatPlace } from '../util/diagnostics.js';
import { plural } from '../util/plural.js';
import type { CheckResult } from './check-site.js';
import { findingKinds, type FindingKind } from '../config/check-findings.js';

export function textReport(result: CheckResult): string[] {
  const lines = result.findings.map((finding) => {
    const hint = finding.hint ? ` (${finding.hint})` : '';
    return `${formatPlace(finding)}: ${finding.level}: ${finding.message}${hint} [${finding.kind}]`;
  });
  const bases = result.annotationBaseURLs.map((base) => `${base.url}${base.inferred ? ' (found from the annotations)' : ''}`);
  const total = (count: (file: CheckResult['coverage'][number]) => number) => result.coverage.reduce((sum, file) => sum + count(file), 0);
  lines.push(
    `Coverage: ${total((file) => file.withRunbook)} of ${total((file) => file.alerts)} alerts have a runbook, ${total((file) => file.withDrift)} a drifted rule copy, `
      + `${total((file) => file.withMissingSections ?? 0)} a runbook missing a required section (per rule file: --format json)`,
    `Checked ${plural(result.pages, 'page')}; annotation URLs under ${bases.length > 0 ? bases.join(', ') : 'no address of the site (set check.annotationBaseURLs)'}.`,
    `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}${result.infos > 0 ? `, ${result.infos} info` : ''}${result.findings.length > 0 ? `: ${countsText(result)}` : ''}`,
  );
  return lines;
}

export function jsonReport(result: CheckResult): string {
  return JSON.stringify({
    errors: result.errors,
    warnings: result.warnings,
    infos: result.infos,
    pages: result.pages,
    counts: counts(result),
    annotationBaseURLs: result.annotationBaseURLs,
    coverage: result.coverage,
    findings: result.findings,
  }, null, 2);
}

function counts(result: CheckResult): Partial<Record<FindingKind, number>> {
  const byKind: Partial<Record<FindingKind, number>> = {};
  for (const kind of findingKinds) {
    const count = result.findings.filter((finding) => finding.kind === kind).length;
    if (count > 0) byKind[kind] = count;
  }
  return byKind;
}

function countsText(result: CheckResult): string {
  return Object.entries(counts(result)).map(([kind, count]) => `${count} ${kind}`).join(', ');
}
