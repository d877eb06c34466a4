// What `--strict` makes of a build's warnings: one error, placed at the first warning, saying how many
// there were.

import { type Diagnostic, SiteError } from '../util/diagnostics.js';
import { plural } from '../util/plural.js';

export function strictFailure(warnings: readonly Diagnostic[]): SiteError {
  const first = warnings[0]!;
  const strictHint = `--strict turns ${warnings.length === 1 ? 'the warning into an error' : `the ${plural(warnings.length, 'warning')} into errors`}`;
  return new SiteError({ ...first, hint: first.hint ? `${first.hint}; ${strictHint}` : strictHint });
}
