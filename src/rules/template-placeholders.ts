// Finds the alert-template placeholders a link from a firing alert can fill in: `{{ $labels.NAME }}`,
// `{{ .Labels.NAME }}`, `{{ $externalLabels.NAME }}`, `{{ .ExternalLabels.NAME }}`, `{{ $value }}` and
// `{{ .Value }}`, with any whitespace and Go's trim markers (`{{- $value -}}`). An action with more to it
// (`{{ $value | humanize }}`, `{{ printf "%.2f" $value }}`, `{{ $labels }}`) is not one: the page cannot
// compute what Prometheus would, so it is left as written. Pure text in, offsets out; it marks nothing.

import { LABEL_NAME_PATTERN } from '../util/label-name.js';

/** One placeholder in a text: `text.slice(start, end)` is the whole `{{ ... }}`. */
export interface TemplatePlaceholder {
  readonly start: number;
  readonly end: number;
  /**
   * The URL parameter that fills it: the label's name for labels and external labels (an alert reaching
   * Alertmanager carries its external labels as labels), `value` for the alert's value.
   */
  readonly param: string;
  /** What it names: one of the alert's labels, one of Prometheus's external labels, or the alert's value. */
  readonly kind: 'label' | 'externalLabel' | 'value';
}

const space = '[ \\t\\r\\n]';
const PLACEHOLDER = new RegExp(
  `\\{\\{(?:-${space})?${space}*` +
    `(?:(\\$labels|\\.Labels|\\$externalLabels|\\.ExternalLabels)\\.(${LABEL_NAME_PATTERN})|\\$value|\\.Value)` +
    `${space}*(?:${space}-)?\\}\\}`,
  'g',
);

/** The placeholders of `text`, in order; none overlap. */
export function findTemplatePlaceholders(text: string): TemplatePlaceholder[] {
  if (!text.includes('{{')) return [];
  return [...text.matchAll(PLACEHOLDER)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    param: match[2] ?? 'value',
    kind: match[1] === undefined ? 'value' : /xternal/.test(match[1]) ? 'externalLabel' : 'label',
  }));
}
