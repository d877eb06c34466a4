// `runbook-site init [DIR]`: scaffolds a site (src/scaffold/init.ts), prints what it did to each file and what to do next.

import path from 'node:path';
import { initSite } from '../scaffold/init.js';
import type { CommandHandler } from './handler.js';

export const initCommand: CommandHandler = async ({ positionals, stdout, stderr }) => {
  const { siteDir, created, extended, unchanged } = initSite(positionals[0] ?? '.');
  const shown = (file: string) => path.join(path.relative(process.cwd(), siteDir), file);
  for (const file of created) stdout(`created ${shown(file)}`);
  for (const { file, lines } of extended) stdout(`added ${lines.join(', ')} to ${shown(file)}`);
  for (const file of unchanged) stdout(`kept ${shown(file)} (it already holds what init writes)`);
  stderr([
    '',
    'Next:',
    `  npx runbook-site serve${positionals[0] ? ` --source ${positionals[0]}` : ''}   preview the site on http://127.0.0.1:1313/`,
    '  commit package.json and package-lock.json too: the Pages workflow runs `npm ci`',
    '  enable Pages: repository Settings > Pages > Source: GitHub Actions',
  ].join('\n'));
  return 0;
};
