// The findings of `runbook-site check`: their kinds, how serious each kind is by default, and the
// `check:` config section that changes that (validated with zod, as the rest of the config). A finding
// names the file and line it is about. This module finds nothing itself.

import { z } from 'zod';

export const findingKinds = [
  /** A `rule` shortcode naming a rule file or alert that does not exist. */
  'unresolved-rule-reference',
  /** An alert rule no page shows with the `rule` shortcode. */
  'alert-without-runbook',
  /** A content file that is empty: it publishes a blank page. */
  'empty-page',
  /** A `runbook`/`runbook_url` annotation under the site's URL that leads to no page. */
  'dead-annotation-url',
  /** An internal Markdown link to a URL the site does not publish. */
  'broken-link',
  /** A link to `#id` that the target page has no element for. */
  'broken-anchor',
  /** Two pages (or a page and an alias) writing the same URL. */
  'duplicate-url',
  /** A page the build would stop at (bad shortcode syntax, unknown shortcode...). */
  'page-error',
  /** Any other warning the build would print for a page. */
  'page-warning',
  /** A copy of an alert rule kept on a page that differs from the rule file. */
  'rule-copy-drift',
  /** A runbook of an alert rule without one of `check.requiredSections`, or with it empty. */
  'missing-section',
  /** A runbook last committed before its rule's expr, for or labels changed in git. */
  'stale-runbook',
  /** An alert rule's `expr` that is not valid PromQL. */
  'promql-error',
] as const;

export type FindingKind = (typeof findingKinds)[number];

/** The kinds `check --fix` repairs (src/check/fix.ts). */
export const fixableKinds: readonly FindingKind[] = ['rule-copy-drift'];

export type FindingLevel = 'error' | 'warning' | 'info';

/**
 * As Hugo users expect: what breaks a link a reader follows (a rule reference, an annotation, a page
 * link, a URL written twice) is an error, like Hugo's broken `ref` (refLinksErrorLevel ERROR); what
 * leaves the site incomplete but working is a warning.
 */
export const defaultLevels: Readonly<Record<FindingKind, FindingLevel>> = {
  'unresolved-rule-reference': 'error',
  'alert-without-runbook': 'warning',
  'empty-page': 'warning',
  'dead-annotation-url': 'error',
  'broken-link': 'error',
  'broken-anchor': 'warning',
  'duplicate-url': 'error',
  'page-error': 'error',
  'page-warning': 'warning',
  'rule-copy-drift': 'warning',
  'missing-section': 'warning',
  // A rule can change without its runbook needing to (a threshold tuned): worth knowing, not failing.
  'stale-runbook': 'info',
  // Prometheus refuses to load the rule file.
  'promql-error': 'error',
};

/** The `##` sections every runbook of an alert rule has by default (the runbook template's). */
export const defaultRequiredSections = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'] as const;

const levelSetting = z.enum(['error', 'warning', 'info', 'ignore']);

/**
 * The `check:` config section: a level (or `ignore`) per finding kind, the base URLs that
 * `runbook`/`runbook_url` annotations use when they are not the config's `baseURL` (the site published
 * at a second address), and the sections a runbook must have.
 */
export const checkConfigSchema = z.strictObject({
  ...Object.fromEntries(findingKinds.map((kind) => [kind, levelSetting.optional()])) as Record<FindingKind, z.ZodOptional<typeof levelSetting>>,
  annotationBaseURLs: z.array(z.url()).optional(),
  /** `##` headings every page showing an alert rule must have, with content (default: defaultRequiredSections); `[]` turns the check off. */
  requiredSections: z.array(z.string().min(1)).optional(),
});

export type CheckConfig = z.infer<typeof checkConfigSchema>;

export interface Finding {
  readonly kind: FindingKind;
  readonly level: FindingLevel;
  /** Site-relative path of the file the finding is about. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  /** The URL found wrong (annotation, link), when there is one. */
  readonly url?: string;
  /** The URL it most likely meant, when one can be told. */
  readonly suggestion?: string;
}

/** A finding before the config has given it a level. */
export type RawFinding = Omit<Finding, 'level'>;

/** Gives each finding its configured level and drops the ignored ones. */
export function levelFindings(findings: readonly RawFinding[], config: CheckConfig): Finding[] {
  return findings.flatMap((finding) => {
    const setting = config[finding.kind] ?? defaultLevels[finding.kind];
    return setting === 'ignore' ? [] : [{ ...finding, level: setting }];
  });
}
