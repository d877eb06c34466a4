// Where a `{{% %}}` shortcode stands in the page's block structure: inside list items and blockquotes,
// Markdown output of several lines must carry the container's prefix on every line after the first, or
// its second line leaves the item (a rule's code fence would then end early and the rest of the rule,
// annotations included, be read as Markdown and raw HTML). It only computes and applies prefixes.

/**
 * The prefix that continues the container a shortcode at `offset` stands in: the text from the start of
 * its line to the tag when that is only indentation, blockquote markers and list markers (`1. `, `- `, `> `),
 * with list markers turned into spaces (a list item continues at its content's column). Empty when the
 * line holds other text before the tag (the shortcode is inline) or nothing.
 */
export function continuationPrefix(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const before = source.slice(lineStart, offset);
  if (!containerOnly.test(before)) return '';
  return before.replace(listMarker, (marker) => ' '.repeat(marker.length));
}

/** Removes `prefix` from the start of every line after the first that has it (Hugo's `.InnerDeindent`, by the container). */
export function withoutPrefix(text: string, prefix: string): string {
  if (prefix === '') return text;
  const trimmed = prefix.trimEnd();
  return text
    .split('\n')
    .map((line, index) => {
      if (index === 0) return line;
      if (line.startsWith(prefix)) return line.slice(prefix.length);
      return line.trimEnd() === trimmed ? '' : line;
    })
    .join('\n');
}

/** Puts `prefix` before every line after the first, so a block of several lines stays in its container. */
export function withPrefix(text: string, prefix: string): string {
  return prefix === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${prefix}`);
}

/** Indentation, `>` and list markers, in any nesting (`> 1. - `), and nothing else. */
const containerOnly = /^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*$/;
const listMarker = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/g;
