// Records keyed by a command's inputs: what a build or a check came to, kept with the fingerprint of
// everything it read, so that the next run with the same options finds it only while every input is
// byte-identical (unchanged-build.ts, check/check-site.ts). The inputs: runbook-site's own code, the
// command's options, the config file, every file of the site's content, rules, static, theme and
// shortcodes folders, the git commit (dates of pages without one, runbooks older than their rule), the
// site's package.json and lock files (how its modules load, what is installed) and the installed
// mermaid (its script is published).
// They are fingerprinted before the command reads any of them, so an edit racing a run makes the next
// run compare unequal. On any doubt there is no record: a missing or damaged file, an unreadable folder,
// another format. Site modules importing files outside theme/ and shortcodes/ are not followed (as the
// page cache does not).

import path from 'node:path';
import { optionalPackageFile } from '../util/optional-package.js';
import { CONFIG_FILE_NAMES } from '../config/config-files.js';
import type { SiteConfig } from '../config/config.js';
import { CACHE_FOLDER } from './cache-folder.js';
import { codeFingerprint, fileHash, folderFingerprint, gitHead, hashOf, packageScopeFingerprint } from './fingerprints.js';
import { readVerifiedJson, writeVerifiedJson } from './verified-file.js';

/** Bumped when the record's format or what the fingerprint covers changes. */
const FORMAT = 1;

/** A run's inputs as taken before it read them. */
export interface RunInputs {
  readonly fingerprint: string;
  /** Site-relative folders fingerprinted (the config's content, rules and static folders, theme, shortcodes). */
  readonly folders: readonly string[];
}

interface InputRecord<T> extends RunInputs {
  readonly format: number;
  readonly value: T;
}

/** The command (`build`, `check`) and the options of a run that change what it comes to. */
export interface RunKey {
  readonly command: string;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** The site's folders a build or check reads, for takeInputs. */
export function inputFolders(config: SiteConfig): string[] {
  return [config.contentDir, config.rulesDir, config.staticDir, 'theme', 'shortcodes'];
}

/** The fingerprint of every input of a run on `siteDir` reading `folders`; undefined when one cannot be read. */
function takeInputs(siteDir: string, folders: readonly string[], key: RunKey): RunInputs | undefined {
  try {
    const mermaid = optionalPackageFile('mermaid', 'package.json');
    const fingerprint = hashOf(
      FORMAT,
      codeFingerprint(),
      key,
      gitHead(siteDir),
      mermaid ? fileHash(mermaid) : 'none',
      // The site's installed packages (runbook-site's own dependencies among them, when it is one), and
      // the package.json files whose `type` says how its `.js` modules load.
      ['package-lock.json', path.join('node_modules', '.package-lock.json')].map((file) => fileHash(path.join(siteDir, file))),
      packageScopeFingerprint(siteDir),
      CONFIG_FILE_NAMES.map((name) => fileHash(path.join(siteDir, name))),
      folders.map((folder) => [folder, folderFingerprint(siteDir, folder)]),
    );
    return { fingerprint, folders };
  } catch {
    return undefined;
  }
}

/** What the last run of `key` recorded, when every input it read is unchanged, and the inputs as taken now. */
export interface RecordLookup<T> {
  readonly value?: T;
  /** The fingerprint taken to compare (undefined without a usable record): a run that follows may keep it. */
  readonly inputs?: RunInputs;
}

export function lookUpRecord<T>(siteDir: string, key: RunKey): RecordLookup<T> {
  const record = readVerifiedJson<InputRecord<T>>(recordFile(siteDir, key));
  if (record?.format !== FORMAT || !Array.isArray(record.folders) || !record.folders.every(isSiteFolder)) return {};
  const inputs = takeInputs(siteDir, record.folders, key);
  return inputs?.fingerprint === record.fingerprint ? { value: record.value, inputs } : { inputs };
}

/**
 * The inputs of a run of `key` reading `folders`: the ones lookUpRecord took when it read the same
 * folders (earlier still, so as safe against racing edits), else taken now.
 */
export function runInputs(siteDir: string, folders: readonly string[], key: RunKey, taken?: RunInputs): RunInputs | undefined {
  const same = taken && taken.folders.length === folders.length && taken.folders.every((folder, index) => folder === folders[index]);
  return same ? taken : takeInputs(siteDir, folders, key);
}

/**
 * A folder a record may name: relative, inside the site. The cache folder may come with a cloned
 * repository, and its record must not make a run read (hash) anything outside the site.
 */
function isSiteFolder(folder: unknown): boolean {
  return typeof folder === 'string' && !path.isAbsolute(folder) && !folder.split(/[\\/]/).includes('..');
}

/** Keeps what a successful run of `key` came to, under the inputs it took first. */
export function keepRecord<T>(siteDir: string, key: RunKey, inputs: RunInputs, value: T): void {
  const record: InputRecord<T> = { format: FORMAT, ...inputs, value };
  try {
    writeVerifiedJson(recordFile(siteDir, key), record);
  } catch {
    // A read-only cache folder: the next run does the work again, which is only slower.
  }
}

/** One record per command and options: `serve`'s, `build`'s and `check`'s side by side. */
function recordFile(siteDir: string, key: RunKey): string {
  return path.join(siteDir, CACHE_FOLDER, `${key.command}-${hashOf(key).slice(0, 16)}.json`);
}
