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
  | { readonly type: 'failed'; readonly results: readonly (RenderedPage & { readonly index: number })[]; readonly index: number; readonly error: WorkerFailure };

const workerUrl = new URL('./render-worker.js', import.meta.url);

/** Workers run compiled JavaScript; from TypeScript sources (the tests) the build renders in its own thread. */
export const workersAvailable = import.meta.url.endsWith('.js');

/**
 * The pages still to render, by index in `site.pages`, handed out to whoever asks first: the workers
 * and the build's own thread share one queue, so a faster renderer takes more of them.
 */
export interface PageQueue {
  /** How many are still to hand out. */
  remaining(): number;
  /** Up to `count` indices; none once the queue is empty or stopped. */
  take(count: number): readonly number[];
  /** Hands out nothing more: a renderer failed. */
  stop(): void;
}

export function pageQueue(indices: readonly number[]): PageQueue {
  let next = 0;
  return {
    remaining: () => indices.length - next,
    take: (count) => indices.slice(next, (next = Math.min(indices.length, next + count))),
    stop: () => {
      next = indices.length;
    },
  };
}

/** A page that failed to render (index -1: a worker that failed outside any page). */
export interface RenderFailure {
  readonly index: number;
  readonly error: Error;
}

export interface RenderPool {
  /**
   * Renders pages from `queue` until it is empty; `onPage` gets each result as it arrives. A failure
   * stops the queue; the failures come back once every worker is done.
   */
  render(site: WorkerSite, queue: PageQueue, onPage: (index: number, page: RenderedPage) => void): Promise<readonly RenderFailure[]>;
  close(): Promise<void>;
}

export function startRenderPool(size: number): RenderPool {
  const workers = Array.from({ length: size }, () => new Worker(workerUrl));
  return {
    render: (site, queue, onPage) => renderWith(workers, site, queue, onPage),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

function renderWith(
  workers: readonly Worker[],
  site: WorkerSite,
  queue: PageQueue,
  onPage: (index: number, page: RenderedPage) => void,
): Promise<readonly RenderFailure[]> {
  const batchSize = Math.max(2, Math.min(32, Math.ceil(queue.remaining() / (workers.length * 8))));
  let busy = 0;
  const failures: RenderFailure[] = [];
  return new Promise((resolve) => {
    const finish = () => {
      workers.forEach((worker) => worker.removeAllListeners('message').removeAllListeners('error'));
      resolve(failures);
    };
    const dispatch = (worker: Worker) => {
      const pages = queue.take(batchSize);
      if (pages.length === 0) {
        if (busy === 0) finish();
        return;
      }
      busy += 1;
      worker.postMessage({ type: 'render', pages } satisfies ToWorker);
    };
    for (const worker of workers) {
      worker.postMessage({ type: 'site', ...site } satisfies ToWorker);
      worker.on('message', (message: ToBuild) => {
        busy -= 1;
        message.results.forEach((result) => onPage(result.index, result));
        if (message.type === 'failed') {
          failures.push({ index: message.index, error: revived(message.error) });
          queue.stop();
        }
        dispatch(worker);
      });
      worker.on('error', (error) => {
        busy -= 1;
        failures.push({ index: -1, error });
        queue.stop();
        dispatch(worker);
      });
    }
    workers.forEach(dispatch);
  });
}

function revived(failure: WorkerFailure): Error {
  return 'diagnostic' in failure ? new SiteError(failure.diagnostic) : new Error(`render worker failed: ${failure.message}`);
}
