// Help text, generated from the command definitions (also used for the README's CLI reference).

import { type CommandDefinition, commands, globalUsage } from './definitions.js';

export function usageLine(command: CommandDefinition): string {
  const options = command.options.map((option) => `[--${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}]`);
  return ['runbook-site', command.name, command.positionals, ...options].filter(Boolean).join(' ');
}

export function commandHelp(command: CommandDefinition): string {
  const width = Math.max(...command.options.map((option) => optionLabel(option).length), 0);
  const optionLines = command.options.map((option) => `  ${optionLabel(option).padEnd(width)}  ${option.description}`);
  return [`Usage: ${usageLine(command)}`, '', command.summary, '', 'Options:', ...optionLines, ''].join('\n');
}

export function globalHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Usage: ${globalUsage}`,
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `runbook-site <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

function optionLabel(option: CommandDefinition['options'][number]): string {
  return `--${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}`;
}
