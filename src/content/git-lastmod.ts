// Last commit dates of a site's content files, when the site is a git checkout: one `git log` for the
// whole content folder (newest commit first, so a file's first appearance is its last change), never one
// call per page. Outside a checkout, or without git, there are no dates. It does not read front matter.

import { execFileSync } from 'node:child_process';

const RECORD = '\u001e';

/** Site-relative file path (`content/runbooks/x/Foo.md`) → ISO 8601 date of the last commit touching it. */
export function gitLastModified(siteDir: string, contentDir: string): ReadonlyMap<string, string> {
  let log: string;
  try {
    log = execFileSync(
      'git',
      ['-c', 'core.quotepath=off', 'log', '--relative', '--name-only', `--format=${RECORD}%cI`, '--', contentDir],
      { cwd: siteDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 },
    );
  } catch {
    return new Map();
  }
  return parseNameOnlyLog(log);
}

/** Parses `git log --name-only --format=<RS>%cI` output: records of a date line followed by file names. */
export function parseNameOnlyLog(log: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const record of log.split(RECORD)) {
    const [date, ...files] = record.split('\n');
    if (!date) continue;
    for (const file of files) if (file && !dates.has(file)) dates.set(file, date.trim());
  }
  return dates;
}
