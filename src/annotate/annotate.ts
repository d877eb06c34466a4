// `runbook-site annotate`: writes each alert's runbook URL into its rule file. An alert with a runbook and
// no annotation under the configured key (`annotate.key`, default `runbook_url`) gets one; an annotation
// `check` reports as dead (`runbook_url` or `runbook`) is replaced by the URL check suggests. A new URL
// passes the alert's labels in its query for the runbook to fill in (runbook-labels.ts). Annotations
// that work, or lead elsewhere (a wiki), are kept. Files are edited in place (rule-file-edit.ts), only
// where something changes; a file that cannot be edited safely is named and left alone. A second run
// finds nothing to do. With `dryRun` nothing is written; each change is returned as a unified diff.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import { alertRunbooksOf } from '../site/alert-runbooks.js';
import { loadSite } from '../site/site.js';
import { siteAnnotationCheck } from '../check/site-check.js';
import { SiteError } from '../util/diagnostics.js';
import { editRuleAnnotations, type AnnotationEdit } from './rule-file-edit.js';
import { runbookLabelParameters } from './runbook-labels.js';
import { runbookSitePath, runbookUrl, type AnnotationUrlForm } from './runbook-url.js';

export interface AnnotateOptions {
  /** Site root (default: the current folder). */
  source?: string;
  /** Overrides the config's `baseURL`, the address URLs are written with. */
  baseURL?: string;
  /** Overrides the config's `annotate.form`. */
  form?: AnnotationUrlForm;
  /**
   * Overrides the config's `annotate.labels`: the labels a new URL passes in its query (runbook-labels.ts;
   * default: the runbook's placeholders, and instance and job when the expression keeps them).
   */
  labels?: readonly string[];
  /** Write nothing; return the diffs. */
  dryRun?: boolean;
}

export interface AnnotationChange {
  readonly alert: string;
  readonly key: string;
  /** The value replaced, undefined when the annotation is new. */
  readonly from?: string;
  readonly to: string;
}

export interface RuleFileChange {
  /** Site-relative path of the rule file. */
  readonly file: string;
  readonly changes: readonly AnnotationChange[];
  /** Unified diff of the file. */
  readonly diff: string;
  /** Lines removed and added. */
  readonly linesRemoved: number;
  readonly linesAdded: number;
}

export interface AnnotateResult {
  readonly changed: readonly RuleFileChange[];
  /** Files left alone, with the reason. */
  readonly refused: readonly { file: string; reason: string }[];
  /** Dead annotations no URL could be found for (the alert has no runbook). */
  readonly uncorrectable: readonly { file: string; alert: string; url: string }[];
}

export async function annotateSite(options: AnnotateOptions = {}): Promise<AnnotateResult> {
  const model = await loadSite({ source: path.resolve(options.source ?? '.'), baseURL: options.baseURL });
  const { config } = model;
  if (!/^https?:\/\//i.test(config.baseURL)) {
    throw new SiteError({
      file: config.configFile ?? 'config.yaml',
      reason: `Unexpected baseURL \`${config.baseURL}\` for annotate, expected the site's absolute address (https://...)`,
      hint: 'annotations need absolute URLs: set baseURL in the config, or pass --base-url',
      ruleId: 'annotate/relative-base-url',
    });
  }
  const index = alertRunbooksOf(model);
  const { annotations } = siteAnnotationCheck(model, index);
  const form = options.form ?? config.annotate.form;
  const key = config.annotate.key;
  const labels = options.labels ?? config.annotate.labels;
  const changed: RuleFileChange[] = [];
  const refused: { file: string; reason: string }[] = [];
  const uncorrectable: { file: string; alert: string; url: string }[] = [];

  for (const ruleFile of model.rules.all()) {
    const file = path.posix.join(config.rulesDir, ruleFile.path);
    const edits: (AnnotationEdit & AnnotationChange)[] = [];
    ruleFile.rules.forEach((rule, ruleNumber) => {
      for (const dead of annotations.dead.filter((candidate) => candidate.rule === rule)) {
        if (dead.suggestion) edits.push({ rule: ruleNumber, alert: rule.alert, key: dead.key, from: rule.annotations[dead.key], to: dead.suggestion, value: dead.suggestion });
        else uncorrectable.push({ file, alert: rule.alert, url: dead.url });
      }
      if (rule.annotations[key] !== undefined) return;
      const runbooks = index.runbooksOf(rule.file, rule.alert);
      const sitePath = runbookSitePath(rule.alert, runbooks.map((page) => page.path), form);
      if (sitePath === undefined) return;
      const url = runbookUrl({ base: config.baseURL, sitePath, query: runbookLabelParameters(rule, runbooks, labels) });
      edits.push({ rule: ruleNumber, alert: rule.alert, key, to: url, value: url });
    });
    if (edits.length === 0) continue;
    const absolute = path.join(config.siteDir, file);
    const before = readFileSync(absolute, 'utf8');
    const result = editRuleAnnotations(before, edits);
    if ('refused' in result) {
      refused.push({ file, reason: result.refused });
      continue;
    }
    if (!options.dryRun) writeFileSync(absolute, result.text);
    const hunks = structuredPatch(file, file, before, result.text).hunks.flatMap((hunk) => hunk.lines);
    changed.push({
      file,
      changes: edits.map(({ alert, key: editKey, from, to }) => ({ alert, key: editKey, from, to })),
      diff: createTwoFilesPatch(`a/${file}`, `b/${file}`, before, result.text, undefined, undefined, { context: 3 }),
      linesRemoved: hunks.filter((line) => line.startsWith('-')).length,
      linesAdded: hunks.filter((line) => line.startsWith('+')).length,
    });
  }
  return { changed, refused, uncorrectable };
}
