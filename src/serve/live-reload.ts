// Live reload for `serve`: a Server-Sent Events endpoint under the base path that tells open pages the
// site was rebuilt (they reload) or that the last build failed (they show its error in an overlay, over
// the last good page), and the small client script put into every page served. Only `serve` uses it:
// built sites never contain the script.

import type { IncomingMessage, ServerResponse } from 'node:http';

export const EVENTS_PATH = '__runbook-site/events';
export const OVERLAY_ID = 'runbook-site-error-overlay';

/** What a page is told: the site was rebuilt, or the latest build failed with this message. */
export type BuildState = { readonly kind: 'built'; readonly version: number } | { readonly kind: 'failed'; readonly message: string };

export interface LiveReload {
  /** Answers the events endpoint; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** The client script, for every HTML page served. */
  snippet(): string;
  publish(state: BuildState): void;
  /**
   * Resolves when as many pages have connected again as were open at the latest `built` publish (pages
   * connect once loaded, so they reloaded), or after `timeoutMs`: work that can wait (site-wide files)
   * waits until then, so it does not hold up the pages being reloaded.
   */
  reloaded(timeoutMs: number): Promise<void>;
  /** Ends every open event stream (so the server can close). */
  close(): void;
}

export function createLiveReload(basePath: string): LiveReload {
  const clients = new Set<ServerResponse>();
  const endpoint = `${basePath}${EVENTS_PATH}`;
  let state: BuildState = { kind: 'built', version: 0 };
  const send = (client: ServerResponse) => client.write(`data: ${JSON.stringify(state)}\n\n`);
  let reloading = 0;
  let onReloaded: (() => void)[] = [];
  const settleReload = () => {
    onReloaded.forEach((resolve) => resolve());
    onReloaded = [];
  };
  return {
    handle(request, response) {
      if (request.url?.split('?')[0] !== endpoint) return false;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      clients.add(response);
      request.on('close', () => clients.delete(response));
      send(response);
      if (reloading > 0 && (reloading -= 1) === 0) settleReload();
      return true;
    },
    snippet: () => `<script>${clientScript(endpoint)}</script>`,
    publish(next) {
      state = next;
      if (next.kind === 'built') reloading = clients.size;
      clients.forEach(send);
    },
    reloaded(timeoutMs) {
      if (reloading === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          reloading = 0; // pages that have not come back by now are not waited for
          settleReload();
        }, timeoutMs);
        onReloaded.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close() {
      clients.forEach((client) => client.end());
      clients.clear();
      reloading = 0;
      settleReload();
    },
  };
}

/**
 * Runs in the page: remembers the build version it was loaded with; a newer version reloads the page (so
 * does any version, for a page loaded while the latest build had failed), a failed build draws the overlay
 * (text only, so the message cannot inject markup).
 */
function clientScript(endpoint: string): string {
  return `(() => {
  let loaded;
  const listen = () => new EventSource(${JSON.stringify(endpoint)}).onmessage = (event) => {
    const state = JSON.parse(event.data);
    const old = document.getElementById(${JSON.stringify(OVERLAY_ID)});
    if (state.kind === 'built') {
      if (loaded !== undefined && state.version !== loaded) location.reload();
      loaded = state.version;
      if (old) old.remove();
      return;
    }
    // Loaded while the latest build had failed: the page is the last good one, so the next build reloads it.
    if (loaded === undefined) loaded = -1;
    const overlay = old || document.createElement('div');
    overlay.id = ${JSON.stringify(OVERLAY_ID)};
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:14px/1.5 ui-monospace,monospace;overflow:auto';
    const title = document.createElement('h2');
    title.textContent = 'Build failed: showing the last good build';
    title.style.cssText = 'color:#ff6b6b;font:bold 18px sans-serif;margin:0 0 1rem';
    const message = document.createElement('pre');
    message.textContent = state.message;
    message.style.whiteSpace = 'pre-wrap';
    overlay.replaceChildren(title, message);
    if (!old) document.body.append(overlay);
  };
  // Connecting once the page has loaded tells the server a reloaded page is complete (see reloaded()).
  if (document.readyState === 'complete') listen();
  else addEventListener('load', listen);
})();`;
}
