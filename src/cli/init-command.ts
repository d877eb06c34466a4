// `runbook-site init [DIR]`: scaffolds a new site (src/scaffold/init.ts), prints each file it wrote and what to do next.

import path from 'node:path';
import { initSite } from '../scaffold/init.js';
import { type CommandHandler, UsageError } from './handler.js';

export const initCommand: CommandHandler = async ({ positionals, stdout, stderr }) => {
  if (positionals.length > 1) throw new UsageError('expected at most one DIR');
  const { siteDir, files } = initSite(positionals[0] ?? '.');
  for (const file of files) stdout(`created ${path.join(path.relative(process.cwd(), siteDir), file)}`);
  stderr([
    '',
    'Next:',
    `  npx runbook-site serve${positionals[0] ? ` --source ${positionals[0]}` : ''}   preview the site on http://127.0.0.1:1313/`,
    '  commit package.json and package-lock.json too: the Pages workflow runs `npm ci`',
    '  enable Pages: repository Settings > Pages > Source: GitHub Actions',
  ].join('\n'));
  return 0;
};
