// The runbook URL `annotate` writes into an alert rule: the site's absolute address of the alert's runbook
// page (`page` form), or of its `/alerts/<Name>/` redirect (`alert` form, also used when several pages
// document the alert). A URL is built from parts (base, site path, query parameters) so that a later
// option can add parameters filled in by Alertmanager: a parameter's value is either literal text,
// percent-encoded here, or a Go template (`{{ $labels.instance | urlquery }}`) written as is.

import { alertRedirectPaths } from '../outputs/redirects.js';

export type AnnotationUrlForm = 'page' | 'alert';

export interface QueryParameter {
  readonly name: string;
  readonly value: string;
  /** The value is a Go template that Prometheus expands (and must encode itself, with `urlquery`). */
  readonly template?: boolean;
}

export interface RunbookUrlParts {
  /** The site's absolute base URL, ending with `/`. */
  readonly base: string;
  /** Site path (`/runbooks/x/foo/`). */
  readonly sitePath: string;
  readonly query?: readonly QueryParameter[];
}

export function runbookUrl(parts: RunbookUrlParts): string {
  const query = (parts.query ?? [])
    .map((parameter) => `${encodeURIComponent(parameter.name)}=${parameter.template ? parameter.value : encodeURIComponent(parameter.value)}`)
    .join('&');
  return `${parts.base}${encodeURI(parts.sitePath.replace(/^\/+/, ''))}${query ? `?${query}` : ''}`;
}

/**
 * The site path an alert's annotation leads to: its one runbook page (`page` form), else its
 * `/alerts/<Name>/` redirect (which lists the runbooks when there are several); the page when the name
 * cannot be a URL segment and so has no redirect. Undefined for an alert without a runbook.
 */
export function runbookSitePath(alert: string, runbookPaths: readonly string[], form: AnnotationUrlForm): string | undefined {
  if (runbookPaths.length === 0) return undefined;
  const redirect = alertRedirectPaths(alert)[0];
  if ((form === 'page' && runbookPaths.length === 1) || redirect === undefined) return runbookPaths[0];
  return redirect;
}
