// The render pool: worker threads that render pages in parallel with the page job of page-job.ts. The
// workers are started first thing in a build, so they load their modules while the build discovers the
// site; the build then sends them the config and pages once (structured clone keeps the section tree's
// shared references) and hands out pages in small batches, so a fast worker takes more of them.
// Results come back per page, by index; the caller orders warnings and writes files.

import { Worker } from 'node:worker_threads';
import type { SiteConfig } from '../config/config.js';
import { type Diagnostic, SiteError } from '../util/diagnostics.js';
import type { DiscoveredSite } from '../content/discover.js';
import type { RenderedPage } from '../cache/rendered-page.js';
import type { BodyCacheOptions } from '../cache/body-cache.js';

/** What a worker renders from: the site, and the body cache's options when one is kept (workers only read it). */
export interface WorkerSite {
  readonly config: SiteConfig;
  readonly site: DiscoveredSite;
  readonly bodies?: BodyCacheOptions;
}

export type ToWorker =
  | ({ readonly type: 'site' } & WorkerSite)
  | { readonly type: 'render'; readonly pages: readonly number[] };

export type WorkerFailure = { readonly diagnostic: Diagnostic } | { readonly message: string };

export type ToBuild =
  | { readonly type: 'rendered'; readonly results: readonly (RenderedPage & { readonly index: number })[] }
  | { readonly type: 'failed'; readonly index: number; readonly error: WorkerFailure };

const workerUrl = new URL('./render-worker.js', import.meta.url);

/** Workers run compiled JavaScript; from TypeScript sources (the tests) the build renders in its own thread. */
export const workersAvailable = import.meta.url.endsWith('.js');

export interface RenderPool {
  /** Renders the pages at `indices` of `site.pages`; `onPage` gets each result as it arrives. */
  render(site: WorkerSite, indices: readonly number[], onPage: (index: number, page: RenderedPage) => void): Promise<void>;
  close(): Promise<void>;
}

export function startRenderPool(size: number): RenderPool {
  const workers = Array.from({ length: size }, () => new Worker(workerUrl));
  return {
    render: (site, indices, onPage) => renderWith(workers, site, indices, onPage),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

function renderWith(
  workers: readonly Worker[],
  site: WorkerSite,
  indices: readonly number[],
  onPage: (index: number, page: RenderedPage) => void,
): Promise<void> {
  const batchSize = Math.max(2, Math.min(32, Math.ceil(indices.length / (workers.length * 8))));
  let next = 0;
  let busy = 0;
  const failures: { index: number; error: Error }[] = [];
  return new Promise((resolve, reject) => {
    const finish = () => {
      workers.forEach((worker) => worker.removeAllListeners('message').removeAllListeners('error'));
      if (failures.length === 0) resolve();
      else reject(failures.sort((a, b) => a.index - b.index)[0]!.error);
    };
    const dispatch = (worker: Worker) => {
      if (failures.length > 0 || next >= indices.length) {
        if (busy === 0) finish();
        return;
      }
      busy += 1;
      worker.postMessage({ type: 'render', pages: indices.slice(next, next + batchSize) } satisfies ToWorker);
      next += batchSize;
    };
    for (const worker of workers) {
      worker.postMessage({ type: 'site', ...site } satisfies ToWorker);
      worker.on('message', (message: ToBuild) => {
        busy -= 1;
        if (message.type === 'rendered') message.results.forEach((result) => onPage(result.index, result));
        else failures.push({ index: message.index, error: revived(message.error) });
        dispatch(worker);
      });
      worker.on('error', (error) => {
        busy -= 1;
        failures.push({ index: -1, error });
        dispatch(worker);
      });
    }
    workers.forEach(dispatch);
    if (indices.length === 0) finish();
  });
}

function revived(failure: WorkerFailure): Error {
  return 'diagnostic' in failure ? new SiteError(failure.diagnostic) : new Error(`render worker failed: ${failure.message}`);
}
