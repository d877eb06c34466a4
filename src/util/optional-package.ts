// Packages runbook-site uses only for some sites (mermaid, for diagrams): optional peer dependencies,
// installed by the sites that need them. Resolved from runbook-site's own location, so a package installed
// beside it (the site's node_modules) is found; a missing one is a clear error naming what to install.

import { createRequire } from 'node:module';
import { SiteError } from './diagnostics.js';

const require = createRequire(import.meta.url);

/** The absolute path of `file` in the installed package, or undefined when the package is not installed. */
export function optionalPackageFile(packageName: string, file: string): string | undefined {
  try {
    return require.resolve(`${packageName}/${file}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** What to tell a site that uses `feature` without `packageName` installed. */
export function missingPackageProblem(packageName: string, feature: string) {
  return {
    reason: `Missing package \`${packageName}\`, needed by ${feature}`,
    hint: `run \`npm install --save-dev ${packageName}\` in the site: it is an optional peer dependency of runbook-site, installed only by sites that use ${feature}`,
    ruleId: 'package/not-installed',
  };
}

/** `optionalPackageFile`, or a SiteError naming the package to install (reported at `file`, a site path). */
export function requiredPackageFile(packageName: string, file: string, feature: string, where: string): string {
  const found = optionalPackageFile(packageName, file);
  if (found === undefined) throw new SiteError({ file: where, ...missingPackageProblem(packageName, feature) });
  return found;
}
