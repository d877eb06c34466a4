// The `rule` shortcode: `{{% rule "haproxy/haproxy.yml" "HaproxyDown" %}}` shows the alert rule(s) of that
// name from that rule file exactly as written there, as a fenced YAML block (an escaped <pre> in the
// `{{< >}}` form). Every rule of that name is shown, in file order, as Hugo does. A rule file that does not
// exist fails the page (as Hugo's readFile does); an alert missing from an existing file is a warning (an
// error under --strict). It does not read or parse rule files itself: the site's rule index does.

import { closeNames } from '../src/util/close-names.js';
import { SiteError } from '../src/util/diagnostics.js';
import type { RuleFile } from '../src/rules/types.js';
import type { Shortcode, ShortcodeArgs, ShortcodeContext } from '../src/shortcodes/types.js';

const usage = 'write {{% rule "path/inside/rules-folder.yml" "AlertName" %}} (or file="..." alert="...")';

const rule: Shortcode = (args, _inner, context) => {
  const { file, alert } = ruleArguments(args, context);
  const ruleFile = loadRuleFile(file, context);
  if (!ruleFile) {
    return context.fail({
      reason: `Rule file \`${file}\` not found in the rules folder`,
      hint: ruleFileHint(file, context),
      ruleId: 'rule/file-not-found',
    });
  }
  const matches = ruleFile.rules.filter((candidate) => candidate.alert === alert);
  if (matches.length === 0) {
    context.warn({
      reason: `Alert \`${alert}\` not found in rule file \`${ruleFile.path}\``,
      hint: alertNameHint(alert, ruleFile),
      ruleId: 'rule/alert-not-found',
    });
    return '';
  }
  const render = context.markdown ? fencedYaml : preformattedYaml;
  return matches.map((match) => render(match.sourceText)).join('\n\n');
};

export default rule;

function ruleArguments(args: ShortcodeArgs, context: ShortcodeContext): { file: string; alert: string } {
  const named = Object.keys(args.named);
  const unknown = named.filter((key) => key !== 'file' && key !== 'alert');
  if (unknown.length > 0 || args.positional.length > 2) {
    context.fail({
      reason: `Unexpected ${unknown.length > 0 ? `argument \`${unknown[0]}\`` : 'third argument'} to \`${context.name}\`, expected a rule file and an alert name`,
      hint: usage,
      ruleId: 'rule/bad-arguments',
    });
  }
  const file = named.length > 0 ? args.named.file : args.positional[0];
  const alert = named.length > 0 ? args.named.alert : args.positional[1];
  if (!file || !alert) {
    context.fail({
      reason: `Missing ${file ? 'alert name' : 'rule file'} in \`${context.name}\`, expected a rule file and an alert name`,
      hint: usage,
      ruleId: 'rule/bad-arguments',
    });
  }
  return { file, alert };
}

/** The rule file; a path that leaves the rules folder is this page's mistake, so it fails here. */
function loadRuleFile(file: string, context: ShortcodeContext): RuleFile | undefined {
  try {
    return context.rules.load(file);
  } catch (error) {
    if (error instanceof SiteError && error.ruleId === 'rule/path-outside-rules-dir') {
      context.fail({ reason: error.reason, hint: error.hint, ruleId: error.ruleId });
    }
    throw error;
  }
}

/** The closest existing rule file paths (a folder left out, a typo), else how paths are written. */
function ruleFileHint(file: string, context: ShortcodeContext): string {
  const paths = existingRuleFilePaths(context);
  const close = closeNames(file, paths, (path) => path.slice(path.lastIndexOf('/') + 1));
  const relative = 'paths are relative to the rules folder, e.g. `haproxy/haproxy.yml` for `rules/haproxy/haproxy.yml`';
  if (close.length > 0) return `did you mean ${close.map((path) => `\`${path}\``).join(' or ')}? ${relative}`;
  return paths.length === 0 ? `the rules folder holds no rule files; ${relative}` : relative;
}

/** Every rule file's path; a rule file that does not parse is reported where it is used, not here. */
function existingRuleFilePaths(context: ShortcodeContext): string[] {
  try {
    return context.rules.all().map((ruleFile) => ruleFile.path);
  } catch (error) {
    if (error instanceof SiteError) return [];
    throw error;
  }
}

function alertNameHint(alert: string, ruleFile: RuleFile): string {
  const names = [...new Set(ruleFile.rules.map((candidate) => candidate.alert))];
  const close = closeNames(alert, names);
  if (close.length > 0) return `did you mean ${close.map((name) => `\`${name}\``).join(' or ')}?`;
  if (names.length === 0) return `\`${ruleFile.path}\` holds no alert rules`;
  const listed = names.slice(0, 5).map((name) => `\`${name}\``).join(', ');
  return `\`${ruleFile.path}\` holds ${names.length === 1 ? 'the alert' : `${names.length} alerts:`} ${listed}${names.length > 5 ? ', ...' : ''}`;
}

/** A Markdown code fence longer than any backtick run in the text, so the text cannot close it. */
function fencedYaml(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}yaml\n${text}\n${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const character of text) {
    run = character === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function preformattedYaml(text: string): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<pre><code class="language-yaml">${escaped}</code></pre>`;
}
