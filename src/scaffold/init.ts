// `init`: scaffolds a runbook site from the template files in the package's templates/init/ folder
// (config, home and section pages, an example rule file and its runbook, .gitignore and a GitHub Pages
// workflow), in a new folder or an existing repository. A file already there with the content it would
// write is left alone; an existing .gitignore gets the lines it lacks appended; any other file already
// there with other content is a conflict, and then nothing at all is written.
// Template paths starting with `dot-` are written with a `.` instead, since npm leaves `.gitignore` out
// of packages.

import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SiteError } from '../util/diagnostics.js';
import { outsideTarget } from '../util/real-path.js';
import { packageRoot } from '../util/package-root.js';
import { listFiles } from '../util/list-files.js';

const templateDir = path.join(packageRoot, 'templates', 'init');
const gitignore = '.gitignore';

export interface InitResult {
  /** Absolute path of the site folder. */
  readonly siteDir: string;
  /** Files written, relative to the site folder, `/`-separated. */
  readonly created: readonly string[];
  /** Existing files that got lines appended (the .gitignore), with those lines. */
  readonly extended: ReadonlyArray<{ readonly file: string; readonly lines: readonly string[] }>;
  /** Existing files that already hold what init would write. */
  readonly unchanged: readonly string[];
}

export function initSite(dir: string): InitResult {
  const siteDir = path.resolve(dir);
  const templates = listFiles(templateDir).map((template) => ({ template, file: template.replace(/(^|\/)dot-/g, '$1.') }));
  const created: string[] = [];
  const unchanged: string[] = [];
  const conflicts: string[] = [];
  const extended: Array<{ file: string; lines: string[] }> = [];
  for (const { template, file } of templates) {
    const target = path.join(siteDir, file);
    if (!existsSync(target)) created.push(file);
    else {
      const wanted = readFileSync(path.join(templateDir, template), 'utf8');
      const current = readFileSync(target, 'utf8');
      if (current === wanted) unchanged.push(file);
      else if (file === gitignore) {
        const lines = missingIgnoreLines(current, wanted);
        if (lines.length > 0) extended.push({ file, lines });
        else unchanged.push(file);
      } else conflicts.push(file);
    }
  }
  // A symlink in the way (`content -> /elsewhere`, a `.gitignore` linked from outside) would take a
  // file init writes out of the folder.
  for (const file of [...created, ...extended.map((entry) => entry.file)]) {
    const outside = outsideTarget(path.join(siteDir, file), siteDir);
    if (outside === undefined) continue;
    throw new SiteError({
      file: path.relative(process.cwd(), path.join(siteDir, file)) || file,
      reason: `Unexpected symlink on the way to ${file}: it leads to \`${outside}\`, outside the site folder; init wrote nothing`,
      hint: 'remove the symlink, or point it at a folder inside the site',
      ruleId: 'init/symlink-outside-site',
    });
  }
  if (conflicts.length > 0) {
    throw new SiteError({
      file: path.relative(process.cwd(), path.join(siteDir, conflicts[0]!)) || conflicts[0]!,
      reason: `Unexpected existing file${conflicts.length > 1 ? 's' : ''} with other content: ${conflicts.join(', ')}; init wrote nothing`,
      hint: 'init replaces no content: move these files away (or run `runbook-site init DIR` in another folder) and run it again',
      ruleId: 'init/file-exists',
    });
  }
  for (const { template, file } of templates) {
    if (!created.includes(file)) continue;
    mkdirSync(path.dirname(path.join(siteDir, file)), { recursive: true });
    copyFileSync(path.join(templateDir, template), path.join(siteDir, file));
  }
  for (const { file, lines } of extended) {
    const current = readFileSync(path.join(siteDir, file), 'utf8');
    appendFileSync(path.join(siteDir, file), `${current === '' || current.endsWith('\n') ? '' : '\n'}${lines.join('\n')}\n`);
  }
  return { siteDir, created, extended, unchanged };
}

/** The template's ignore patterns that `current` lacks (`public`, `/public` and `public/` count as one). */
function missingIgnoreLines(current: string, wanted: string): string[] {
  const normalise = (line: string) => line.trim().replace(/^\//, '').replace(/\/$/, '');
  const present = new Set(current.split(/\r?\n/).map(normalise));
  return wanted.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !present.has(normalise(line)));
}
