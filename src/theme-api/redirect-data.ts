// The contract between redirect outputs and the theme's redirect layout: the data of an alias or
// `/alerts/<AlertName>/` redirect page. Plain data, built in outputs/redirects.ts.

import type { Root } from 'hast';
import type { Link, SiteData } from './types.js';

/** A redirect's target: the page an alias or an `/alerts/<AlertName>/` URL leads to. */
export interface RedirectTarget extends Link {
  /** Absolute URL (for the canonical link). */
  readonly permalink: string;
}

/** One runbook of an alert name held by several rule files. */
export interface AlertCandidate extends Link {
  /** Rule file path relative to the rules folder. */
  readonly ruleFile: string;
  readonly group: string;
}

/**
 * What the redirect layout draws: a page that sends the reader on to `target`, or, for an alert name with
 * several runbooks, a page listing them (`candidates`).
 */
export type RedirectData =
  | { readonly kind: 'redirect'; readonly site: SiteData; readonly title: string; readonly target: RedirectTarget }
  | { readonly kind: 'candidates'; readonly site: SiteData; readonly alert: string; readonly candidates: readonly AlertCandidate[] };

export type RedirectLayout = (data: RedirectData) => Root;
