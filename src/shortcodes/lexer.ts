// The shortcode lexer: finds shortcode tags in a page's Markdown source and cuts them into items
// (type, low, high offsets into the source, never copies), as Hugo's pagelexer_shortcode.go does.
// It is written as explicit states, one function each returning the next, and every state only moves
// forward, so lexing is linear in the source length; there is no regular expression to backtrack.
// It does not decide pairing, nesting, argument meaning or whether a shortcode exists: the parser does.
// Lexing stops at the first problem, which becomes the last item (type `error`).

export type ItemType =
  // Source text outside shortcodes, also the visible parts of an escaped `{{</* name */>}}`.
  | 'text'
  /** `{{%`, `<<%` or `{{<`. */
  | 'leftDelim'
  /** `%}}`, `%>>` or `>}}`, matching its left delimiter. */
  | 'rightDelim'
  /** The `/` of a closing tag `{{% /name %}}`. */
  | 'closingMark'
  /** The `/` of a self-closing tag `{{< name />}}`. */
  | 'selfClosingMark'
  | 'name'
  /** A bare word argument, or the key of a named argument. */
  | 'word'
  /** The `=` between a named argument's key and its value. */
  | 'equals'
  /** `"a \"b\""`, quotes included; the parser unescapes it. */
  | 'quoted'
  /** `` `raw` ``, backticks included. */
  | 'raw'
  | 'error';

export interface Item {
  readonly type: Exclude<ItemType, 'error'>;
  readonly low: number;
  readonly high: number;
}

/** A lexing problem; `low` is the offset of the offending shortcode's left delimiter. */
export interface ErrorItem {
  readonly type: 'error';
  readonly low: number;
  readonly high: number;
  readonly reason: string;
  readonly hint: string;
  readonly ruleId: string;
}

export type LexedItem = Item | ErrorItem;

/** Cheap test for the fast path: a source without these cannot hold a shortcode. */
export function mayContainShortcodes(source: string): boolean {
  return source.includes('{{') || source.includes('<<%');
}

export function lexShortcodes(source: string): LexedItem[] {
  const lexer = new ShortcodeLexer(source);
  for (let state: State | undefined = lexText; state; state = state(lexer));
  return lexer.items;
}

type State = (lexer: ShortcodeLexer) => State | undefined;

const markdownRightDelim = '%}}';
const angleRightDelim = '%>>';
const htmlRightDelim = '>}}';
const escapeOpen = '/*';
const escapeClose = '*/';

class ShortcodeLexer {
  readonly items: LexedItem[] = [];
  /** Start of the item being lexed. */
  start = 0;
  pos = 0;
  /** Left delimiter offset of the tag being lexed, where problems are reported. */
  tagStart = 0;
  rightDelim = markdownRightDelim;
  tagName = '';
  closing = false;

  constructor(readonly source: string) {}

  emit(type: Item['type']): void {
    if (type !== 'text' || this.pos > this.start) this.items.push({ type, low: this.start, high: this.pos });
    this.start = this.pos;
  }

  skip(length: number): void {
    this.pos += length;
    this.start = this.pos;
  }

  skipWhitespace(): void {
    while (isWhitespace(this.source.charCodeAt(this.pos))) this.pos += 1;
    this.start = this.pos;
  }

  at(text: string, offset = this.pos): boolean {
    return this.source.startsWith(text, offset);
  }

  atRightDelim(): boolean {
    return this.at(this.rightDelim);
  }

  atSelfClosing(): boolean {
    return this.source.charCodeAt(this.pos) === slash && this.at(this.rightDelim, this.pos + 1);
  }

  atEnd(): boolean {
    return this.pos >= this.source.length;
  }

  fail(reason: string, hint: string, ruleId = 'shortcode/syntax'): undefined {
    this.items.push({ type: 'error', low: this.tagStart, high: this.pos, reason, hint, ruleId });
    return undefined;
  }

  /** Offset of the next left delimiter at or after `from`, or -1. */
  nextLeftDelim(from: number): number {
    const { source } = this;
    for (let index = from; index + 2 < source.length; index += 1) {
      if (rightDelimFor(source, index) !== undefined) return index;
    }
    return -1;
  }
}

function lexText(lexer: ShortcodeLexer): State | undefined {
  const next = lexer.nextLeftDelim(lexer.pos);
  lexer.pos = next === -1 ? lexer.source.length : next;
  lexer.emit('text');
  return next === -1 ? undefined : lexLeftDelim;
}

function lexLeftDelim(lexer: ShortcodeLexer): State | undefined {
  lexer.tagStart = lexer.pos;
  lexer.rightDelim = rightDelimFor(lexer.source, lexer.pos) ?? markdownRightDelim;
  lexer.tagName = '';
  lexer.closing = false;
  if (lexer.at(escapeOpen, lexer.pos + 3)) return lexEscapedShortcode;
  lexer.pos += 3;
  lexer.emit('leftDelim');
  return lexTagStart;
}

// An escaped `{{</* name */>}}` is text: the delimiters and what is between them, without the comment marks.
function lexEscapedShortcode(lexer: ShortcodeLexer): State | undefined {
  const closer = escapeClose + lexer.rightDelim;
  const closerAt = lexer.source.indexOf(closer, lexer.pos + 3 + escapeOpen.length);
  if (closerAt === -1) {
    lexer.pos = lexer.source.length;
    return lexer.fail(
      `Unexpected end of file in an escaped shortcode, expected \`${closer}\``,
      `close it with \`${closer}\`, as in \`${lexer.source.slice(lexer.tagStart, lexer.tagStart + 3)}/* name */${lexer.rightDelim}\``,
    );
  }
  lexer.pos += 3;
  lexer.emit('text');
  lexer.skip(escapeOpen.length);
  lexer.pos = closerAt;
  lexer.emit('text');
  lexer.skip(escapeClose.length);
  lexer.pos += lexer.rightDelim.length;
  lexer.emit('text');
  return lexText;
}

function lexTagStart(lexer: ShortcodeLexer): State | undefined {
  lexer.skipWhitespace();
  if (lexer.source.charCodeAt(lexer.pos) === slash) {
    lexer.pos += 1;
    lexer.emit('closingMark');
    lexer.closing = true;
    lexer.skipWhitespace();
  }
  return lexName;
}

function lexName(lexer: ShortcodeLexer): State | undefined {
  while (isNameChar(lexer.source.charCodeAt(lexer.pos))) lexer.pos += 1;
  if (lexer.pos === lexer.start) {
    return lexer.fail(
      `Unexpected ${describeAt(lexer)}, expected a shortcode name`,
      `write the name first, as in \`{{% name arguments %}}\`; to show a shortcode literally, escape it as \`{{%/* name */%}}\``,
    );
  }
  lexer.tagName = lexer.source.slice(lexer.start, lexer.pos);
  lexer.emit('name');
  return lexer.closing ? lexClosingTagEnd : lexArguments;
}

function lexClosingTagEnd(lexer: ShortcodeLexer): State | undefined {
  lexer.skipWhitespace();
  if (!lexer.atRightDelim()) return failUnclosed(lexer, 'after the closing tag\'s name');
  lexer.pos += 3;
  lexer.emit('rightDelim');
  return lexText;
}

function lexArguments(lexer: ShortcodeLexer): State | undefined {
  lexer.skipWhitespace();
  if (lexer.atRightDelim()) {
    lexer.pos += 3;
    lexer.emit('rightDelim');
    return lexText;
  }
  if (lexer.atSelfClosing()) {
    lexer.pos += 1;
    lexer.emit('selfClosingMark');
    lexer.pos += 3;
    lexer.emit('rightDelim');
    return lexText;
  }
  const argumentState = argumentValueState(lexer);
  return argumentState ?? failUnclosed(lexer, 'or an argument');
}

/** The state lexing the argument value that starts at the current position, if one does. */
function argumentValueState(lexer: ShortcodeLexer): State | undefined {
  const code = lexer.source.charCodeAt(lexer.pos);
  if (code === doubleQuote) return lexQuoted;
  if (code === backtick) return lexRaw;
  if (isWordChar(code)) return lexWord;
  return undefined;
}

function lexWord(lexer: ShortcodeLexer): State | undefined {
  while (isWordChar(lexer.source.charCodeAt(lexer.pos)) && !lexer.atSelfClosing()) lexer.pos += 1;
  lexer.emit('word');
  if (lexer.source.charCodeAt(lexer.pos) !== equalsSign) return lexArguments;
  lexer.pos += 1;
  lexer.emit('equals');
  const valueState = argumentValueState(lexer);
  if (valueState) return valueState;
  return lexer.fail(
    `Unexpected ${describeAt(lexer)} after \`${lexer.source.slice(lexer.items.at(-2)!.low, lexer.pos)}\`, expected a value`,
    'write named arguments as key="value", without spaces around `=`',
  );
}

function lexQuoted(lexer: ShortcodeLexer): State | undefined {
  const { source } = lexer;
  for (lexer.pos += 1; lexer.pos < source.length; lexer.pos += 1) {
    const code = source.charCodeAt(lexer.pos);
    if (code === backslash) lexer.pos += 1;
    else if (code === doubleQuote) {
      lexer.pos += 1;
      lexer.emit('quoted');
      return lexArguments;
    }
  }
  lexer.pos = source.length;
  return lexer.fail(
    `Unexpected end of file in a quoted argument of shortcode \`${lexer.tagName}\`, expected a closing \`"\``,
    'close the string with `"`; write a quote inside it as `\\"`',
    'shortcode/unterminated-string',
  );
}

function lexRaw(lexer: ShortcodeLexer): State | undefined {
  const closingAt = lexer.source.indexOf('`', lexer.pos + 1);
  if (closingAt === -1) {
    lexer.pos = lexer.source.length;
    return lexer.fail(
      `Unexpected end of file in a raw string argument of shortcode \`${lexer.tagName}\`, expected a closing \`\` \` \`\``,
      'close the raw string with a backtick',
      'shortcode/unterminated-string',
    );
  }
  lexer.pos = closingAt + 1;
  lexer.emit('raw');
  return lexArguments;
}

function failUnclosed(lexer: ShortcodeLexer, expectedAlso: string): undefined {
  const tag = `${lexer.source.slice(lexer.tagStart, lexer.tagStart + 3)} ${lexer.closing ? '/' : ''}${lexer.tagName}`;
  return lexer.fail(
    `Unexpected ${describeAt(lexer)} in shortcode \`${tag}\`, expected \`${lexer.rightDelim}\` ${expectedAlso}`,
    `close the shortcode with \`${lexer.rightDelim}\`; to show it literally, escape it as \`${lexer.source.slice(lexer.tagStart, lexer.tagStart + 3)}/* ${lexer.tagName} */${lexer.rightDelim}\``,
    lexer.atEnd() ? 'shortcode/unclosed' : 'shortcode/syntax',
  );
}

function describeAt(lexer: ShortcodeLexer): string {
  if (lexer.atEnd()) return 'end of file';
  const character = String.fromCodePoint(lexer.source.codePointAt(lexer.pos)!);
  if (character === '\n' || character === '\r') return 'line break';
  if (character === '`') return 'backtick';
  return `\`${character}\``;
}

/** The right delimiter matching a left delimiter at `offset`, or undefined when none starts there. */
function rightDelimFor(source: string, offset: number): string | undefined {
  const first = source.charCodeAt(offset);
  const second = source.charCodeAt(offset + 1);
  const third = source.charCodeAt(offset + 2);
  if (first === openBrace && second === openBrace) {
    if (third === percent) return markdownRightDelim;
    if (third === lessThan) return htmlRightDelim;
  }
  if (first === lessThan && second === lessThan && third === percent) return angleRightDelim;
  return undefined;
}

const slash = 0x2f;
const backslash = 0x5c;
const doubleQuote = 0x22;
const backtick = 0x60;
const equalsSign = 0x3d;
const percent = 0x25;
const lessThan = 0x3c;
const greaterThan = 0x3e;
const openBrace = 0x7b;
const closeBrace = 0x7d;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Shortcode names, as Hugo's: letters, digits, `_`, `-` and `.`. */
function isNameChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x2d ||
    code === 0x2e ||
    code > 0x7f
  );
}

/**
 * Bare words take anything but whitespace, quotes and the characters of delimiters and `=`, so paths and
 * URLs need no quotes while a forgotten `%}}` is caught at the next tag instead of swallowing it.
 */
function isWordChar(code: number): boolean {
  return (
    !Number.isNaN(code) &&
    !isWhitespace(code) &&
    code !== doubleQuote &&
    code !== backtick &&
    code !== equalsSign &&
    code !== percent &&
    code !== lessThan &&
    code !== greaterThan &&
    code !== openBrace &&
    code !== closeBrace
  );
}
