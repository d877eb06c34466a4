// Front matter: splits a page's source into its front matter (YAML `---`, TOML `+++` or a JSON `{`
// object, as Hugo accepts) and its body, and validates the keys runbook-site uses. It keeps unknown keys
// and does not look at the body beyond finding where it starts.

import matter from 'gray-matter';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { defaultInputLimits, raiseLimitHint } from '../config/limits.js';
import { SiteError, lineColumnAt } from '../util/diagnostics.js';
import { yamlValueOf } from '../util/yaml-values.js';

/**
 * Most file systems take at most 255 bytes a file name (NAME_MAX); a `slug`, `url`, tag or alias becomes
 * one or more folder names of the output, so a longer part would fail the write (ENAMETOOLONG).
 */
const MAX_NAME_BYTES = 255;
const fitsFileNames = (value: string) => value.split('/').every((part) => Buffer.byteLength(part) <= MAX_NAME_BYTES);
const nameMessage = { message: `a part between slashes is longer than ${MAX_NAME_BYTES} bytes, the longest file name a file system takes (shorten it)` };
const pathString = z.string().refine(fitsFileNames, nameMessage);
const stringList = z.union([z.array(z.union([z.string(), z.number()]).transform(String).refine(fitsFileNames, nameMessage)), pathString.transform((value) => [value])]);
const dateLike = z.union([z.string(), z.date().transform((date) => date.toISOString())]);

const frontMatterSchema = z.looseObject({
  title: z.union([z.string(), z.number().transform(String)]).optional(),
  description: z.string().optional(),
  tags: stringList.optional(),
  date: dateLike.optional(),
  lastmod: dateLike.optional(),
  weight: z.number().optional(),
  draft: z.boolean().optional(),
  url: pathString.optional(),
  slug: pathString.optional(),
  aliases: stringList.optional(),
  type: z.string().optional(),
  bookCollapseSection: z.boolean().optional(),
  bookFlatSection: z.boolean().optional(),
  bookHidden: z.boolean().optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export interface SplitPage {
  frontMatter: FrontMatter;
  body: string;
  /** Number of lines of the file before the body starts. */
  bodyLineOffset: number;
}

/** Byte-order mark and CRLF line endings are normalised first, so every later step sees `\n` only. */
export function normaliseSource(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/**
 * Splits normalised page source; `file` (site-relative) is used in errors. Front matter longer than
 * `maxSize` characters is an error before it is parsed: smol-toml keeps ~50 bytes per byte of a TOML
 * table (22 MB of tables: 3 GB), and metadata that large is not a page's.
 */
export function splitFrontMatter(source: string, file: string, maxSize = defaultInputLimits.frontMatterSize): SplitPage {
  const { data, body, matterLine } = readFrontMatterBlock(source, file, maxSize);
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    throw new SiteError({
      file,
      line: lineOfKey(source, String(issue.path[0])) ?? matterLine,
      column: 1,
      reason: `Unexpected value for front matter key \`${key}\`: ${issue.message}`,
      hint: `fix \`${key}\` in the page's front matter`,
      ruleId: 'front-matter/invalid-value',
    });
  }
  return { frontMatter: parsed.data, body, bodyLineOffset: countLines(source.slice(0, source.length - body.length)) };
}

interface FrontMatterBlock {
  data: unknown;
  body: string;
  /** Line of the first front matter line (after the opening delimiter). */
  matterLine: number;
}

function readFrontMatterBlock(source: string, file: string, maxSize: number): FrontMatterBlock {
  if (source.startsWith('---')) return readDelimited(source, file, '---', 'yaml', maxSize);
  if (source.startsWith('+++')) return readDelimited(source, file, '+++', 'toml', maxSize);
  if (source.startsWith('{')) return readJsonObject(source, file, maxSize);
  return { data: {}, body: source, matterLine: 1 };
}

function readDelimited(source: string, file: string, delimiter: string, language: 'yaml' | 'toml', maxSize: number): FrontMatterBlock {
  const firstLineEnd = source.indexOf('\n');
  if (source.slice(0, firstLineEnd === -1 ? undefined : firstLineEnd).trimEnd() !== delimiter) {
    return { data: {}, body: source, matterLine: 1 };
  }
  const closing = new RegExp(`\\n${escapeRegExp(delimiter)}[ \\t]*(\\n|$)`).exec(source);
  if (!closing) {
    throw new SiteError({
      file,
      line: 1,
      column: 1,
      reason: `Unexpected end of file, expected a closing \`${delimiter}\` for the front matter`,
      hint: `end the front matter with a line holding only \`${delimiter}\``,
      ruleId: 'front-matter/unclosed',
    });
  }
  assertFrontMatterSize(closing.index, file, maxSize);
  // gray-matter keeps no cache when given options; each page is read once per build anyway.
  const result = matter(source, {
    delimiters: delimiter,
    language,
    engines: {
      yaml: (text: string) => parseYamlFrontMatter(text, file),
      toml: (text: string) => parseTomlFrontMatter(text, file),
    },
  });
  return { data: result.data, body: result.content, matterLine: 2 };
}

// gray-matter hands the engines the text from just after the opening delimiter, its newline included, so
// the parsers' line numbers are already the file's.
function parseYamlFrontMatter(text: string, file: string): object {
  try {
    const document = parseDocument(text);
    if (document.errors[0]) throw document.errors[0];
    return asMapping(yamlValueOf(document, (offset) => ({ file, ...lineColumnAt(text, offset) })) ?? {}, file, 'YAML');
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const position = error.linePos?.[0];
    throw new SiteError({
      file,
      line: position?.line ?? 2,
      column: position?.col,
      reason: `Invalid YAML front matter: ${error.message.split('\n')[0]}`,
      hint: 'fix the YAML between the `---` lines (quote values holding `: ` or starting with special characters)',
      ruleId: 'front-matter/syntax',
    }, { cause: error });
  }
}

function parseTomlFrontMatter(text: string, file: string): object {
  try {
    return asMapping(parseToml(text), file, 'TOML');
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    throw new SiteError({
      file,
      line: error.line,
      column: error.column,
      reason: `Invalid TOML front matter: ${error.message.split('\n')[0]}`,
      hint: 'fix the TOML between the `+++` lines',
      ruleId: 'front-matter/syntax',
    }, { cause: error });
  }
}

/** Hugo's JSON front matter is a bare object at the start of the file; find where it ends. */
function readJsonObject(source: string, file: string, maxSize: number): FrontMatterBlock {
  const end = endOfJsonObject(source);
  assertFrontMatterSize(end, file, maxSize);
  const fail = (reason: string, offset: number): never => {
    const { line, column } = lineColumnAt(source, offset);
    throw new SiteError({ file, line, column, reason, hint: 'fix the JSON object that opens the page', ruleId: 'front-matter/syntax' });
  };
  if (end === -1) return fail('Unexpected end of file, expected `}` closing the JSON front matter', 0);
  let data: unknown;
  try {
    data = JSON.parse(source.slice(0, end));
  } catch (error) {
    return fail(`Invalid JSON front matter: ${String((error as Error).message).split('\n')[0]}`, jsonErrorOffset(source.slice(0, end), error));
  }
  const body = source.slice(end).replace(/^[ \t]*\n/, '');
  return { data: asMapping(data, file, 'JSON'), body, matterLine: 1 };
}

/**
 * Where JSON.parse failed: V8 names the position for most errors (`... in JSON at position 39`), not for an
 * unexpected token; then the yaml parser in JSON mode places it, though it accepts a trailing comma.
 */
function jsonErrorOffset(json: string, error: unknown): number {
  const position = /in JSON at position (\d+)/.exec(String((error as Error).message));
  if (position) return Number(position[1]);
  const place = parseDocument(json, { schema: 'json' }).errors[0]?.linePos?.[0];
  return place ? offsetOf(json, place.line, place.col) : 0;
}

/** Index just past the `}` that closes the object opened at index 0, or -1. Strings are skipped. */
function endOfJsonObject(source: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index + 1;
  }
  return -1;
}

function assertFrontMatterSize(size: number, file: string, maxSize: number): void {
  if (size <= maxSize) return;
  throw new SiteError({
    file,
    line: 1,
    column: 1,
    reason: `Unexpected front matter of ${size.toLocaleString('en')} characters, expected at most ${maxSize.toLocaleString('en')}`,
    hint: raiseLimitHint('frontMatterSize', 'move the data into a file of its own'),
    ruleId: 'front-matter/too-large',
  });
}

function asMapping(data: unknown, file: string, language: string): object {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data;
  throw new SiteError({
    file,
    line: 2,
    column: 1,
    reason: `Unexpected ${Array.isArray(data) ? 'list' : typeof data} as ${language} front matter, expected a mapping of keys to values`,
    hint: 'write front matter as `key: value` lines',
    ruleId: 'front-matter/not-a-mapping',
  });
}

function lineOfKey(source: string, key: string): number | undefined {
  const match = new RegExp(`^["']?${escapeRegExp(key)}["']?\\s*[:=]`, 'm').exec(source);
  return match ? countLines(source.slice(0, match.index)) + 1 : undefined;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A heading's text without its closing `#`s and trailing blanks, keeping at least one character. A loop,
 * not a lazy `(.+?)[ \t#]*$`, which backtracks quadratically on a long line of blanks and `#`s.
 */
function withoutClosingSequence(text: string): string {
  let end = text.length;
  while (end > 1 && ' \t#'.includes(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}

/** The page title: front matter `title`, else the first `# heading` outside code fences, else the file name. */
export function pageTitle(frontMatter: FrontMatter, body: string, fileName: string): string {
  if (frontMatter.title !== undefined && frontMatter.title !== '') return frontMatter.title;
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence) {
      const heading = /^\s{0,3}#[ \t]+(.+)$/.exec(line);
      if (heading) return withoutClosingSequence(heading[1]!);
    }
  }
  return fileName;
}
