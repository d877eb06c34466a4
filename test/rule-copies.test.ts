// Finding a page's fenced rule copies without a Markdown parse (the common `comment` holding one ```yaml
// fence) gives what remark's parse gives, and is taken only where it can.

import { describe, expect, test } from 'vitest';
import { parsedYamlFences, soleYamlFence, yamlFences } from '../src/site/rule-copies.js';

const rule = 'alert: AppDown\nexpr: up{job="app"} == 0\nfor: 5m\n';

describe('a comment\'s sole yaml fence', () => {
  test.each([
    ['the corpus\'s shape', `\n\n\`\`\`yaml\n${rule}\n\`\`\`\n\n`],
    ['yml, upper case, no blank lines', `\`\`\`YML\n${rule}\`\`\``],
    ['tildes', `~~~yaml\n${rule}~~~\n`],
    ['indented three spaces, closed indented', `   \`\`\`yaml\n${rule}   \`\`\`   \n`],
    ['a longer fence holding a shorter one', `\`\`\`\`yaml\n\`\`\`\n${rule}\`\`\`\`\n`],
    ['empty', '```yaml\n```'],
    ['a line indented four spaces that does not close it', `\`\`\`yaml\n${rule}    \`\`\`\n\`\`\`\n`],
    ['a backtick line with text that does not close it', `\`\`\`yaml\n${rule}\`\`\` x\n\`\`\`\n`],
    ['a tilde fence holding backticks', `~~~yaml\n${rule}\`\`\`\n~~~\n`],
  ])('%s: found without a parse, as the parse finds it', (_name, text) => {
    const fence = soleYamlFence(text);
    expect(fence).toBeDefined();
    expect([fence]).toEqual(parsedYamlFences(text));
  });

  test.each([
    ['indented four spaces (indented code)', `    \`\`\`yaml\n${rule}\`\`\`\n`],
    ['indented by a tab', `\t\`\`\`yaml\n${rule}\`\`\`\n`],
    ['unclosed', `\`\`\`yaml\n${rule}`],
    ['text after it', `\`\`\`yaml\n${rule}\`\`\`\nSee the dashboard.\n`],
    ['text before it', `Copy:\n\`\`\`yaml\n${rule}\`\`\`\n`],
    ['closed early', `\`\`\`yaml\n${rule}\`\`\`\nalert: Other\n\`\`\`\n`],
    ['two fences', `\`\`\`yaml\na: 1\n\`\`\`\n\`\`\`yaml\nb: 2\n\`\`\`\n`],
    ['another info string', `\`\`\`yaml title\n${rule}\`\`\`\n`],
    ['CRLF line ends', `\`\`\`yaml\r\n${rule.replaceAll('\n', '\r\n')}\`\`\`\r\n`],
  ])('%s: left to the parse', (_name, text) => {
    expect(soleYamlFence(text)).toBeUndefined();
    expect(yamlFences(text)).toEqual(parsedYamlFences(text));
  });
});
