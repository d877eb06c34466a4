// Git history of a site's files, read with a fixed number of git processes whatever the site's size:
// one `git log --name-only` for the folders asked about (every commit touching each file, newest first),
// and one `git cat-file --batch` for the old versions of files asked for (all of them through one pipe,
// never one `git show` per version). Outside a checkout, or without git, there is no history.

import { execFileSync } from 'node:child_process';

const RECORD = '\u001e';

export interface FileCommit {
  readonly commit: string;
  /** Committer date, ISO 8601. */
  readonly date: string;
}

/** Site-relative file path → the commits touching it, newest first. */
export function gitFileCommits(siteDir: string, folders: readonly string[]): ReadonlyMap<string, readonly FileCommit[]> {
  const log = git(siteDir, ['-c', 'core.quotepath=off', 'log', '--relative', '--name-only', `--format=${RECORD}%H %cI`, '--', ...folders]);
  const commits = new Map<string, FileCommit[]>();
  if (log === undefined) return commits;
  for (const record of log.toString('utf8').split(RECORD)) {
    const [header, ...files] = record.split('\n');
    const [commit, date] = (header ?? '').trim().split(' ');
    if (!commit || !date) continue;
    for (const file of files) {
      if (file) commits.set(file, [...(commits.get(file) ?? []), { commit, date }]);
    }
  }
  return commits;
}

/**
 * The text of each `{ commit, file }` (file relative to the site root) at that commit, keyed
 * `commit:file`; versions git does not have are left out.
 */
export function gitFileVersions(siteDir: string, versions: readonly { commit: string; file: string }[]): ReadonlyMap<string, string> {
  const texts = new Map<string, string>();
  if (versions.length === 0) return texts;
  const specs = versions.map(({ commit, file }) => `${commit}:./${file}`);
  const output = git(siteDir, ['cat-file', '--batch'], `${specs.join('\n')}\n`);
  if (output === undefined) return texts;
  let position = 0;
  for (const { commit, file } of versions) {
    const headerEnd = output.indexOf(0x0a, position);
    if (headerEnd === -1) break;
    const header = output.subarray(position, headerEnd).toString('utf8');
    position = headerEnd + 1;
    // `<sha> blob <size>` then the content and a line break; `<spec> missing` otherwise.
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) continue;
    texts.set(`${commit}:${file}`, output.subarray(position, position + Number(size)).toString('utf8'));
    position += Number(size) + 1;
  }
  return texts;
}

function git(cwd: string, args: readonly string[], input?: string): Buffer | undefined {
  try {
    return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 1024 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}
