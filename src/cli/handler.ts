// What a CLI command handler receives and returns: parsed options in, an exit code out.

export interface CommandInput {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  /** Writes a line to standard output (results). */
  readonly stdout: (line: string) => void;
  /** Writes a line to standard error (progress, warnings, errors). */
  readonly stderr: (line: string) => void;
}

export type CommandHandler = (input: CommandInput) => Promise<number>;

/** A bad option value found by a handler: the CLI prints it with the command's help and exits 2. */
export class UsageError extends Error {}
