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
  /**
   * Workers that died. A death while a render holds batches of it fails that render (renderWith); one
   * after (a site module's stray timer) changes no page, and the next render (serve's) goes without it.
   */
  const dead = new Set<Worker>();
  for (const worker of workers) {
    worker.on('error', () => dead.add(worker));
    worker.on('exit', () => dead.add(worker));
  }
  return {
    render: (site, queue, onPage) => renderWith(workers.filter((worker) => !dead.has(worker)), site, queue, onPage),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Batches a worker holds at once: while it renders one, the next wait in its queue, so it never waits
 * for the build's thread to hand it pages (that thread draws a generated output or renders a page of its
 * own at the time). Two ran out while the build's thread drew the search index, ~0.4 s in one go: the
 * worker idled ~0.3 s of a corpus cold build (CPU profile); with three, none of that.
 */
const BATCHES_AHEAD = 3;

function renderWith(
  workers: readonly Worker[],
  site: WorkerSite,
  queue: PageQueue,
  onPage: (index: number, page: RenderedPage) => void,
): Promise<readonly RenderFailure[]> {
  // Every worker died in an earlier render: the build's own thread takes the whole queue.
  if (workers.length === 0) return Promise.resolve([]);
  /** Batches sent to each worker and not yet answered (none for a worker that failed). */
  const sent = new Map(workers.map((worker) => [worker, 0]));
  const failures: RenderFailure[] = [];
  return new Promise((resolve) => {
    const finishWhenDone = () => {
      if ([...sent.values()].some((count) => count > 0)) return;
      for (const [worker, { message, died, exit }] of listeners) worker.off('message', message).off('error', died).off('exit', exit);
      resolve(failures);
    };
    const dispatch = (worker: Worker) => {
      // Smaller as the queue drains, so that no thread is left waiting long for another's last batch.
      const pages = queue.take(Math.max(2, Math.min(32, Math.ceil(queue.remaining() / (workers.length * 8)))));
      if (pages.length === 0) return finishWhenDone();
      sent.set(worker, sent.get(worker)! + 1);
      worker.postMessage({ type: 'render', pages } satisfies ToWorker);
    };
    const listeners = new Map(workers.map((worker) => {
      const message = (reply: ToBuild) => {
        sent.set(worker, sent.get(worker)! - 1);
        reply.results.forEach((result) => onPage(result.index, result));
        if (reply.type === 'failed') {
          failures.push({ index: reply.index, error: revived(reply.error) });
          queue.stop();
        }
        dispatch(worker);
      };
      // A worker that died answers none of its batches: an uncaught error, or a module's process.exit().
      const died = (error: Error) => {
        sent.set(worker, 0);
        failures.push({ index: -1, error });
        queue.stop();
        finishWhenDone();
      };
      const exit = (code: number) => {
        if (sent.get(worker)! > 0) died(new Error(`a render worker stopped with exit code ${code} while rendering pages (a site module calling process.exit?); --workers 0 renders in the build's own thread`));
      };
      return [worker, { message, died, exit }] as const;
    }));
    for (const worker of workers) {
      const { message, died, exit } = listeners.get(worker)!;
      worker.postMessage({ type: 'site', ...site } satisfies ToWorker);
      worker.on('message', message).on('error', died).on('exit', exit);
    }
    for (let batch = 0; batch < BATCHES_AHEAD; batch += 1) workers.forEach(dispatch);
  });
}

function revived(failure: WorkerFailure): Error {
  return 'diagnostic' in failure ? new SiteError(failure.diagnostic) : new Error(`render worker failed: ${failure.message}`);
}
