// `init`: scaffolds a new runbook site from the template files in the package's templates/init/ folder
// (config, home and section pages, an example rule file and its runbook, .gitignore and a GitHub Pages
// workflow). It never overwrites: when any file it would write exists, it writes nothing.
// Template paths starting with `dot-` are written with a `.` instead, since npm leaves `.gitignore` out
// of packages.

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SiteError } from '../util/diagnostics.js';
import { packageRoot } from '../util/package-root.js';
import { listFiles } from '../util/list-files.js';

const templateDir = path.join(packageRoot, 'templates', 'init');

export interface InitResult {
  /** Absolute path of the site folder. */
  readonly siteDir: string;
  /** Files written, relative to the site folder, `/`-separated. */
  readonly files: readonly string[];
}

export function initSite(dir: string): InitResult {
  const siteDir = path.resolve(dir);
  const templates = listFiles(templateDir).map((template) => ({ template, file: template.replace(/(^|\/)dot-/g, '$1.') }));
  const existing = templates.filter(({ file }) => existsSync(path.join(siteDir, file))).map(({ file }) => file);
  if (existing.length > 0) {
    throw new SiteError({
      file: path.relative(process.cwd(), path.join(siteDir, existing[0]!)) || existing[0]!,
      reason: `Unexpected existing file${existing.length > 1 ? 's' : ''}: ${existing.join(', ')}; init wrote nothing`,
      hint: 'run init in a new or empty folder (`runbook-site init DIR`), or move these files away first',
      ruleId: 'init/file-exists',
    });
  }
  for (const { template, file } of templates) {
    mkdirSync(path.dirname(path.join(siteDir, file)), { recursive: true });
    copyFileSync(path.join(templateDir, template), path.join(siteDir, file));
  }
  return { siteDir, files: templates.map(({ file }) => file) };
}
