// Imports a site's own module (shortcode, layout) as it is on disk now. Node caches ES modules by URL
// for the life of the process, so `serve` would keep running the first version of an edited module;
// a query made of the file's modification time and size gives each version its own URL.

import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SiteError } from './diagnostics.js';

export function importFresh(absolutePath: string): Promise<unknown> {
  const stats = statSync(absolutePath);
  return import(`${pathToFileURL(absolutePath).href}?version=${stats.mtimeMs}-${stats.size}`);
}

export interface SiteFunctionKind {
  /** What the module is, for messages (`shortcode`, `layout`). */
  readonly what: string;
  /** How its default export should look. */
  readonly example: string;
  readonly ruleId: string;
}

/**
 * A site module's default export, which must be a function. A module that fails to load or exports
 * something else is a SiteError naming the file, not a crash with a stack trace.
 */
export async function importSiteFunction<T>(absolutePath: string, sitePath: string, kind: SiteFunctionKind): Promise<T> {
  return (await importSiteModule<T>(absolutePath, sitePath, kind)).default;
}

/** The whole module (its other exports too, such as a shortcode's `takesInner`), checked as above. */
export async function importSiteModule<T>(
  absolutePath: string,
  sitePath: string,
  kind: SiteFunctionKind,
): Promise<Readonly<Record<string, unknown>> & { default: T }> {
  let module: { default?: unknown };
  try {
    module = (await importFresh(absolutePath)) as { default?: unknown };
  } catch (error) {
    throw new SiteError(
      {
        file: sitePath,
        reason: `Unexpected error loading ${kind.what} module: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'the module must be valid JavaScript that node can import as an ES module (name it .mjs unless your package.json says "type": "module")',
        ruleId: kind.ruleId,
      },
      { cause: error },
    );
  }
  if (typeof module.default !== 'function') {
    throw new SiteError({
      file: sitePath,
      reason: `Unexpected default export of type ${typeof module.default}, expected a ${kind.what} function`,
      hint: `write \`${kind.example}\``,
      ruleId: kind.ruleId,
    });
  }
  return module as Readonly<Record<string, unknown>> & { default: T };
}
