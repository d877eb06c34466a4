// A page body's sections for search: the intro, then one per `##` heading, each with its heading, the
// anchor rehype-slug gives that heading in the rendered page (github-slugger over every heading in
// order, as src/markdown/processor.ts renders it), the deeper headings inside it and its plain text
// (code kept as written, so commands are searchable). A line scan of the Markdown, not a parse:
// parsing the corpus's 1,109 bodies again with mdast-util-from-markdown took 6.5-10 s, the scan takes
// a few hundred milliseconds. Shortcode calls are dropped (the `rule` block's alert and metric names
// are in the name index already) and so is `{{% comment %}}` content.

import GithubSlugger from 'github-slugger';

export interface BodySection {
  /** The `##` heading's text ('' for the intro before the first one). */
  readonly heading: string;
  /** Its id in the rendered page ('' for the intro: the page's top). */
  readonly anchor: string;
  /** `###` and deeper headings inside the section. */
  readonly headings: readonly string[];
  /** The section's text on one line: inline markup, HTML tags and list markers removed. */
  readonly text: string;
}

interface OpenSection {
  heading: string;
  anchor: string;
  headings: string[];
  lines: string[];
}

export function bodySections(markdown: string): BodySection[] {
  const slugger = new GithubSlugger();
  const sections: OpenSection[] = [{ heading: '', anchor: '', headings: [], lines: [] }];
  let fence: string | undefined;
  for (const line of withoutShortcodes(markdown).split('\n')) {
    const current = sections[sections.length - 1]!;
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (!fence || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence ? undefined : fenceMark;
      continue;
    }
    if (fence) {
      current.lines.push(line.trim());
      continue;
    }
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      const text = inlineText(heading[2]!);
      const anchor = slugger.slug(text);
      if (heading[1]!.length === 2) sections.push({ heading: text, anchor, headings: [], lines: [] });
      else if (heading[1]!.length > 2) {
        current.headings.push(text);
        current.lines.push(text);
      }
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(line) || /^\s*<\/?summary>|<summary>.*<\/summary>/.test(line)) continue;
    current.lines.push(inlineText(line.replace(/^\s*(?:>\s?)*(?:[*+-]|\d+[.)])?\s+/, '')));
  }
  return sections.map(({ heading, anchor, headings, lines }) => ({ heading, anchor, headings, text: lines.filter(Boolean).join(' ') }));
}

/** `##` and deeper headings, in order. */
export function markdownHeadings(markdown: string): string[] {
  return bodySections(markdown).flatMap((section) => [section.heading, ...section.headings]).filter(Boolean);
}

/** Shortcode calls and `comment` shortcodes' content out; `{{ $labels.x }}` template text stays. */
function withoutShortcodes(markdown: string): string {
  return markdown
    .replace(/\{\{([%<])\s*comment\b[^]*?\{\{[%<]\s*\/comment\s*[%>]\}\}/g, '')
    .replace(/\{\{([%<])(?!\/\*)[^]*?[%>]\}\}|<<%[^]*?%>>/g, '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * The text of a line of Markdown as the page shows it: code spans as written (`<pod_name>` included),
 * and around them links' text, no emphasis marks or tags.
 */
function inlineText(line: string): string {
  const text = line.includes('`')
    ? line.split(/(`+[^`]+`+)/).map((part, index) => (index % 2 === 1 ? part.replace(/^`+|`+$/g, '') : prose(part))).join('')
    : prose(line);
  return text.replace(/\s+/g, ' ').trim();
}

/** Prose without markup. Each rewrite runs only on text holding its character: this is most of the index's build time. */
function prose(line: string): string {
  let text = line;
  if (text.includes('](')) text = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (text.includes('<')) text = text.replace(/<(https?:[^>\s]+)>/g, '$1').replace(/<\/?[a-zA-Z][^>]*>/g, ' ');
  if (text.includes('*')) text = text.replace(/\*+/g, '');
  if (text.includes('_')) text = text.replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '');
  if (text.includes('&')) text = text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name]!);
  if (text.includes('|')) text = text.replace(/\|/g, ' ');
  return text;
}
