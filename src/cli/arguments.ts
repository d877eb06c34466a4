// A command's arguments, read against its definition as git, npm and hugo read theirs: an unknown option
// is named with the closest known one, a string option needs a value and a boolean one takes none, and
// arguments beyond what the command takes are refused. Every problem is a UsageError (exit 2).

import { parseArgs } from 'node:util';
import { closeNames } from '../util/close-names.js';
import { type CommandDefinition, type OptionDefinition, helpOption } from './definitions.js';
import { UsageError } from './handler.js';
import { optionLabel } from './help.js';

export interface ParsedArguments {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

export function parseCommandArguments(command: CommandDefinition, args: readonly string[]): ParsedArguments {
  const known: readonly OptionDefinition[] = [...command.options, helpOption];
  const { tokens } = parseArgs({
    args: [...args],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(known.map((option) => [option.name, { type: option.type }])),
  });
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option = token.rawName === '-h' ? helpOption : known.find((candidate) => token.rawName === `--${candidate.name}`);
    if (!option) throw unknownOption(command, token.rawName, known);
    values[option.name] = optionValue(option, token.value, token.inlineValue);
  }
  const max = command.positionals?.max ?? 0;
  if (positionals.length > max && !values.help) {
    const extra = positionals[max]!;
    throw new UsageError(
      max === 0
        ? `unexpected argument \`${extra}\`: \`${command.name}\` takes no arguments, only options`
        : `unexpected argument \`${extra}\`: \`${command.name}\` takes at most ${command.positionals!.usage}`,
    );
  }
  return { values, positionals };
}

function optionValue(option: OptionDefinition, value: string | undefined, inline: boolean | undefined): string | boolean {
  if (option.type === 'boolean') {
    if (inline) throw new UsageError(`option \`--${option.name}\` takes no value, got \`--${option.name}=${value}\``);
    return true;
  }
  if (value === undefined || (!inline && value.startsWith('-') && value !== '-')) {
    throw new UsageError(`option \`--${option.name}\` needs a value: ${optionLabel(option)}${value === undefined ? '' : ` (got the option \`${value}\`; write --${option.name}=${value} if that is the value)`}`);
  }
  return value;
}

function unknownOption(command: CommandDefinition, rawName: string, known: readonly OptionDefinition[]): UsageError {
  const name = rawName.replace(/^-+/, '').split('=')[0]!;
  const close = closeNames(name, known.map((option) => option.name));
  return new UsageError(`unknown option \`${rawName}\` for \`${command.name}\`${didYouMean(close.map((candidate) => `--${candidate}`))}`);
}

/** ` (did you mean \`a\` or \`b\`?)` after a usage error, for the close names found; '' for none. */
export function didYouMean(close: readonly string[]): string {
  return close.length > 0 ? ` (did you mean ${close.map((candidate) => `\`${candidate}\``).join(' or ')}?)` : '';
}
