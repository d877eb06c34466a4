// `serve`: builds the site into a temporary folder, serves it under the base URL's path with the static
// server, watches the site's sources and, on every batch of changes, has the build session
// (serve/session.ts) render the pages they affect, tells open pages to reload, then lets the
// session write the site-wide files once the pages have reloaded. While a complete build runs (the first,
// or after an edit other pages show), pages are answered from the newest model (pages-ahead.ts), so the
// server answers before the site is written. A failed rebuild leaves the last good site served and shows
// its error over the page. It does not render anything itself.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import type { BuildOptions, BuildResult } from '../build/build.js';
import { loadConfig } from '../config/config.js';
import { formatDiagnostic, SiteError } from '../util/diagnostics.js';
import { openSiteSession, type SiteSession } from './session.js';
import { siteLinks } from '../content/urls.js';
import { createLiveReload } from './live-reload.js';
import { handleStaticRequest, requestedOutputFile, sendContent, startStaticServer } from './static-server.js';
import type { FilesAhead } from './pages-ahead.js';
import { watchSources } from './source-watcher.js';

export interface DevServerOptions extends Pick<BuildOptions, 'buildDrafts' | 'cache' | 'workers' | 'onWarning' | 'onProgress'> {
  source?: string;
  /** Default 1313; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Overrides the config's baseURL; its path is the path the site is served under. */
  baseURL?: string;
  /** After each build: its result, or the error that stopped it. */
  onBuild?: (outcome: { result: BuildResult } | { error: unknown }) => void;
}

export interface DevServer {
  /** Where the site is served, base path included. */
  readonly url: string;
  /** The temporary folder the site is built into and served from. */
  readonly outputDir: string;
  /** Resolves when the build started by the latest change is done (for tests and scripts). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** A port in use or not ours to take is the user's to change: one line, no stack. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = code === 'EADDRINUSE' ? 'is in use by another program' : code === 'EACCES' ? 'needs privileges to listen on' : code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : undefined;
  if (!problem) return error;
  const reason = code === 'EADDRNOTAVAIL' ? `Cannot listen on ${host}:${port}: ${host} ${problem}` : `Cannot listen on ${host}:${port}: the port ${problem}`;
  return new SiteError({ file: '', reason, hint: 'pick another port with --port N, 0 for any free one, or another address with --host', ruleId: 'serve/listen' }, { cause: error });
}

/** How long site-wide files wait for open tabs to reload before being written anyway. */
const RELOAD_GRACE_MS = 1000;

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const siteDir = path.resolve(options.source ?? '.');
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 1313;
  const basePath = siteLinks(options.baseURL ?? loadConfig(siteDir).baseURL).basePath;
  const destination = mkdtempSync(path.join(tmpdir(), 'runbook-site-serve-'));
  const live = createLiveReload(basePath);
  /**
   * While a complete build runs, the newest model's pages and theme assets, answered before the output
   * folder has them (pages-ahead.ts); any other request waits for the build, then the folder answers.
   */
  let ahead: FilesAhead | undefined;
  let markAnswerable = () => {};
  const answerable = new Promise<void>((resolve) => (markAnswerable = resolve));
  const handle: Parameters<typeof startStaticServer>[0]['handle'] = (request, response) => {
    if (live.handle(request, response)) return true;
    if (!ahead) return false;
    const file = requestedOutputFile(destination, basePath, request.url ?? '/');
    const content = file === undefined ? undefined : ahead(file);
    if (file !== undefined && content !== undefined) sendContent(file, content, response, live.snippet);
    else void settled().then(() => handleStaticRequest(destination, basePath, request, response, live.snippet));
    return true;
  };
  const server = await startStaticServer({ root: destination, basePath, host, port, handle, htmlSnippet: live.snippet }).catch((error: unknown) => {
    rmSync(destination, { recursive: true, force: true });
    throw listenError(error, host, port);
  });
  // Links in the served pages point at this server, not at the published site.
  const baseURL = new URL(server.url).href;

  let version = 0;
  let session: SiteSession | undefined;
  const reload = () => {
    version += 1;
    live.publish({ kind: 'built', version });
  };
  /** Applies a batch of changes (undefined: anything may have changed): pages first, then the site-wide files. */
  const onAhead = (files: FilesAhead) => {
    ahead = files;
    markAnswerable();
    // Open tabs reload now and get the newest model's page; they reload again when the build is done.
    if (session) reload();
  };
  const rebuild = async (changed: ReadonlySet<string> | undefined) => {
    try {
      let result: BuildResult;
      if (!session) {
        session = await openSiteSession({ ...options, source: siteDir, destination, baseURL, onAhead }).finally(() => (ahead = undefined));
        result = session.result;
        reload();
      } else {
        const update = await session.update(changed).finally(() => (ahead = undefined));
        // The edited pages are written: open tabs reload now, the site-wide files follow once they have.
        if (update.rendered > 0) reload();
        await live.reloaded(RELOAD_GRACE_MS);
        result = update.complete();
        if (update.rendered === 0) reload();
      }
      options.onBuild?.({ result });
    } catch (error) {
      live.publish({ kind: 'failed', message: error instanceof SiteError ? formatDiagnostic(error) : String((error as Error)?.stack ?? error) });
      options.onBuild?.({ error });
    } finally {
      markAnswerable();
    }
  };

  // One build at a time; changes during a build make exactly one more, with every path changed meanwhile.
  let running: Promise<void> = Promise.resolve();
  let changes = new Set<string>();
  let queued = false;
  const onChange = (file: string) => {
    changes.add(file);
    if (queued) return;
    queued = true;
    running = running.then(async () => {
      await setTimeout(10); // editors write a file in several steps
      queued = false;
      const batch = changes;
      changes = new Set();
      await rebuild(batch);
    });
  };
  /** Resolves when the build started by the latest change is done. */
  async function settled() {
    for (let current = running; ; current = running) {
      await current;
      if (current === running) return;
    }
  }
  // The first build starts once the watcher is ready, so an edit made while it runs is not missed (and
  // the watcher's scan is not starved by the build's work). The server is ready once the first build's
  // pages can be answered (or it failed), not when its output is written.
  const watcher = watchSources(siteDir, onChange);
  running = watcher.ready.catch(() => undefined).then(() => rebuild(undefined));
  await answerable;

  return {
    url: server.url,
    outputDir: destination,
    settled,
    async close() {
      await watcher.close();
      await running;
      live.close();
      await server.close();
      rmSync(destination, { recursive: true, force: true });
    },
  };
}
