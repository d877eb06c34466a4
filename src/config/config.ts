// Site configuration: finds config.yaml (or Hugo's other names), parses it and validates the keys
// runbook-site understands with a schema (Hugo's names), keeping unknown keys. It does not read content.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { checkConfigSchema, type CheckConfig } from './check-findings.js';
import { inputLimitsSchema, type InputLimits } from './limits.js';
import { SiteError, lineColumnAt } from '../util/diagnostics.js';
import { readUtf8File } from '../util/read-utf8.js';
import { yamlValueOf } from '../util/yaml-values.js';
import { LABEL_NAME } from '../util/label-name.js';
import { CONFIG_FILE_NAMES } from './config-files.js';


const configSchema = z.looseObject({
  baseURL: z.string().default('/'),
  title: z.string().default('Runbooks'),
  languageCode: z.string().default('en'),
  contentDir: z.string().default('content'),
  staticDir: z.string().default('static'),
  /** runbook-site's own name for the rules folder; wins over Hugo's assetDir. */
  rulesDir: z.string().optional(),
  assetDir: z.string().optional(),
  params: z.looseObject({
    BookSection: z.string().optional(),
    BookRepo: z.string().optional(),
    BookEditPath: z.string().optional(),
    /** Alert Rule blocks (`<details>` holding a `rule` shortcode) open when the page loads. */
    RuleBlockOpen: z.boolean().optional(),
  }).default({}),
  markup: z.looseObject({
    unsafe: z.boolean().optional(),
    goldmark: z.looseObject({
      renderer: z.looseObject({ unsafe: z.boolean().optional() }).optional(),
    }).optional(),
  }).default({}),
  /** Sizes of input beyond which a parser would take minutes or gigabytes (src/config/limits.ts). */
  limits: inputLimitsSchema.prefault({}),
  /** Levels of `runbook-site check` findings, and annotation base URLs (src/check/findings.ts). */
  check: checkConfigSchema.default({}),
  /** Action links on each runbook's Alert Rule block; each is shown only when configured. */
  links: z.strictObject({
    /** Prometheus's address: "Graph in Prometheus" opens the expression at `<url>/graph?g0.expr=...`. */
    prometheus: z.url().optional(),
    /** Alertmanager's address: "Silence" opens `<url>/#/silences/new?filter={alertname="..."}`. */
    alertmanager: z.url().optional(),
    /** More links: `url` with `{{alert}}`, `{{expr}}`, `{{file}}`, `{{group}}` filled in, URL-encoded. */
    templates: z.array(z.strictObject({ title: z.string().min(1), url: z.string().min(1) })).optional(),
  }).prefault({}),
  /** What `runbook-site annotate` writes into rule files. */
  annotate: z.strictObject({
    /** The annotation holding the runbook's URL. */
    key: z.string().min(1).default('runbook_url'),
    /** `page`: the runbook page's URL; `alert`: the site's `/alerts/<Name>/` redirect to it. */
    form: z.enum(['page', 'alert']).default('page'),
    /**
     * Labels a new runbook URL passes in its query, each `{{ $labels.NAME | urlquery }}`; default: the
     * runbook's placeholders, and instance and job when the rule's expression keeps them. `[]`: none.
     */
    labels: z.array(z.string().regex(LABEL_NAME, 'expected label names')).optional(),
  }).prefault({}),
});

type RawConfig = z.infer<typeof configSchema>;

export interface SiteConfig {
  /** Absolute path of the site root. */
  readonly siteDir: string;
  /** Site-relative path of the config file, or undefined when the site has none. */
  readonly configFile?: string;
  /** Always ends with `/`. */
  readonly baseURL: string;
  readonly title: string;
  readonly languageCode: string;
  readonly contentDir: string;
  readonly rulesDir: string;
  readonly staticDir: string;
  readonly params: RawConfig['params'];
  /** Raw HTML in Markdown is kept as is (Hugo's goldmark `unsafe: true`); false sanitises it. */
  readonly unsafeHtml: boolean;
  readonly check: CheckConfig;
  readonly annotate: RawConfig['annotate'];
  readonly links: RawConfig['links'];
  readonly limits: InputLimits;
  /** The whole parsed file, unknown keys included. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ConfigOverrides {
  baseURL?: string;
}

export function loadConfig(siteDir: string, overrides: ConfigOverrides = {}): SiteConfig {
  const absoluteSiteDir = path.resolve(siteDir);
  assertSiteFolder(absoluteSiteDir);
  const configName = CONFIG_FILE_NAMES.find((name) => existsSync(path.join(absoluteSiteDir, name)));
  const text = configName ? readUtf8File(path.join(absoluteSiteDir, configName), configName) : undefined;
  const data = configName && text !== undefined ? parseConfigText(configName, text) : {};
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    throw new SiteError({
      file: configName ?? 'config.yaml',
      ...(configName && text !== undefined ? placeOfKey(configName, text, issue.path) : {}),
      reason: `Unexpected value for \`${key}\`: ${issue.message}`,
      hint: `fix \`${key}\` in ${configName}`,
      ruleId: 'config/invalid-value',
    });
  }
  const config = parsed.data;
  return {
    siteDir: absoluteSiteDir,
    configFile: configName,
    baseURL: withTrailingSlash(overrides.baseURL ?? config.baseURL),
    title: config.title,
    languageCode: config.languageCode,
    contentDir: config.contentDir,
    rulesDir: config.rulesDir ?? config.assetDir ?? 'rules',
    staticDir: config.staticDir,
    params: config.params,
    unsafeHtml: config.markup.unsafe ?? config.markup.goldmark?.renderer?.unsafe ?? true,
    check: config.check,
    annotate: config.annotate,
    links: config.links,
    limits: config.limits,
    raw: config,
  };
}

/** The site root must be a folder; anything else is the user's `--source` to fix, said before any read fails on it. */
export function assertSiteFolder(siteDir: string): void {
  const stats = statSync(siteDir, { throwIfNoEntry: false });
  if (stats?.isDirectory()) return;
  throw new SiteError({
    file: siteDir,
    reason: stats ? 'Unexpected file as the site folder, expected a folder holding config.yaml and content/' : 'Unexpected missing site folder, expected a folder holding config.yaml and content/',
    hint: 'pass the site\'s root folder with --source, or create a site there with `runbook-site init`',
    ruleId: 'config/no-site-folder',
  });
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function parseConfigText(fileName: string, text: string): unknown {
  const fail = (reason: string, place: { line?: number; column?: number }, cause: unknown): never => {
    throw new SiteError({ file: fileName, ...place, reason, hint: 'fix the syntax of the config file', ruleId: 'config/syntax' }, { cause });
  };
  if (fileName.endsWith('.toml')) {
    try {
      return parseToml(text);
    } catch (error) {
      const place = error instanceof TomlError ? { line: error.line, column: error.column } : {};
      return fail(`Invalid TOML: ${firstLine(error)}`, place, error);
    }
  }
  if (fileName.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(`Invalid JSON: ${firstLine(error)}`, {}, error);
    }
  }
  const document = parseDocument(text);
  const error = document.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    return fail(`Invalid YAML: ${firstLine(error)}`, position ? { line: position.line, column: position.col } : {}, error);
  }
  return yamlValueOf(document, (offset) => ({ file: fileName, ...lineColumnAt(text, offset) })) ?? {};
}

/** Line and column of a key in a YAML config, so a wrong type points at its line. */
function placeOfKey(fileName: string, text: string, keyPath: readonly PropertyKey[]): { line?: number } {
  if (!/\.ya?ml$/.test(fileName)) return {};
  const node = parseDocument(text).getIn(keyPath.map(String), true) as { range?: [number, number, number] } | undefined;
  return node?.range ? { line: lineColumnAt(text, node.range[0]).line } : {};
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}
