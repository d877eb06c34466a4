// The rule index's public shape: alert rules as found in Prometheus rule files and PrometheusRule
// resources, each with its own source text so pages show the rule exactly as written.

export interface AlertRule {
  /** The `alert` name. */
  readonly alert: string;
  /** Path of the rule file relative to the rules folder, with `/` separators. */
  readonly file: string;
  /** Name of the group holding the rule. */
  readonly group: string;
  readonly expr: string;
  /** The `for` duration, when set. */
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** `labels.severity`, when set. */
  readonly severity?: string;
  /** The rule's own text from the file (key order, quoting and comments kept), dedented. */
  readonly sourceText: string;
  /** 1-based line of the rule's first key in the rule file. */
  readonly line: number;
  /** Where `expr` is written in `sourceText`, when it is a scalar of the rule's own (not merged in, not an alias). */
  readonly exprPlace?: ExprPlace;
}

/** Where the `expr` value lies in a rule's source text, and how it is written. */
export interface ExprPlace {
  readonly start: number;
  readonly end: number;
  /** Column of the `expr` key (0-based), for laying out the formatted value under it. */
  readonly keyColumn: number;
  /** `|`, `|-`, `>`... of a block scalar, else ''. */
  readonly indicator: string;
}

export interface RuleFile {
  /** Path relative to the rules folder, with `/` separators. */
  readonly path: string;
  readonly rules: readonly AlertRule[];
}

export interface RuleIndex {
  /** Absolute path of the rules folder. */
  readonly rulesDir: string;
  /**
   * The rule file at `relativePath` (inside the rules folder), read and parsed once per index.
   * Returns undefined when no such file exists. Throws a SiteError when the path leaves the rules folder,
   * or the file is not YAML, or not a rule file.
   */
  load(relativePath: string): RuleFile | undefined;
  /** Every rule file under the rules folder (`.yml`/`.yaml`), sorted by path. */
  all(): readonly RuleFile[];
}
