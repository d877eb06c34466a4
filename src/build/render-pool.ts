// The render pool: worker threads that render pages in parallel with the page job of page-job.ts. The
// workers are started first thing in a build, so they load their modules while the build discovers the
// site; the build then sends them the config and pages once (structured clone keeps the section tree's
// shared references) and the queue of pages to render, which lives in shared memory: each thread takes
// its next small batch from it itself, so a fast worker takes more of them and no worker waits for the
// build's thread to hand it pages (that thread spends seconds at a time drawing a whole-site output).
// Results come back per batch, by page index; the caller orders warnings and writes files.

import { Worker } from 'node:worker_threads';
import type { SiteConfig } from '../config/config.js';
import { type Diagnostic, SiteError } from '../util/diagnostics.js';
import type { DiscoveredSite } from '../content/discover.js';
import type { RenderedPage } from '../cache/rendered-page.js';
import type { BodyCacheOptions } from '../cache/body-cache.js';
import type { DerivedSeeds } from '../cache/derived-seeds.js';
import type { RulePrefetch } from './rule-prefetch.js';

/** What a worker renders from: the site, and the body cache's options when one is kept (workers only read it). */
export interface WorkerSite {
  readonly config: SiteConfig;
  readonly site: DiscoveredSite;
  readonly bodies?: BodyCacheOptions;
}

export type ToWorker =
  | ({ readonly type: 'rules' } & RulePrefetch)
  | ({ readonly type: 'site' } & WorkerSite)
  | { readonly type: 'render'; readonly queue: SharedPageQueue; readonly workers: number };

export type WorkerFailure = { readonly diagnostic: Diagnostic } | { readonly message: string };

/** A worker's answer to `rules`, its parsed rule files; its answers to a `render`: its batches' results, then `done` when the queue is empty, or `failed` instead. */
export type ToBuild =
  | { readonly type: 'rules'; readonly seeds: DerivedSeeds }
  | { readonly type: 'rendered'; readonly results: readonly (RenderedPage & { readonly index: number })[] }
  | { readonly type: 'done' }
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
  /** A worker: one more batch of results posted to the build. */
  posted(): void;
  /** The build: a batch of results written out (a worker waiting for room goes on). */
  written(): void;
  /**
   * A worker: waits while `limit` of the workers' batches are posted and not yet written. The build's
   * thread reads results only between its own steps, and a step of a large site's can take seconds
   * (the search index of 110,000 pages); unbounded, results and their writes piled up in memory.
   */
  waitForRoom(limit: number): void;
  /** The queue's memory, which every thread that takes from it shares (posted to the workers). */
  readonly shared: SharedPageQueue;
}

/**
 * The indices, the position of the next one to hand out (advanced atomically: threads take at once),
 * and the count of batches posted by the workers and not yet written by the build.
 */
export interface SharedPageQueue {
  readonly indices: Int32Array;
  readonly next: Int32Array;
  readonly unwritten: Int32Array;
}

export function pageQueue(indices: readonly number[]): PageQueue {
  const shared: SharedPageQueue = {
    indices: new Int32Array(new SharedArrayBuffer(indices.length * Int32Array.BYTES_PER_ELEMENT)),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    unwritten: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  };
  shared.indices.set(indices);
  return takingFrom(shared);
}

/** The queue whose memory is `shared`: the build's, or a worker's view of it. */
export function takingFrom(shared: SharedPageQueue): PageQueue {
  const { indices, next, unwritten } = shared;
  const position = () => Math.min(indices.length, Atomics.load(next, 0));
  return {
    remaining: () => indices.length - position(),
    take: (count) => {
      const start = Atomics.add(next, 0, count);
      return start >= indices.length ? [] : [...indices.subarray(start, Math.min(indices.length, start + count))];
    },
    stop: () => Atomics.store(next, 0, indices.length),
    posted: () => Atomics.add(unwritten, 0, 1),
    written: () => {
      Atomics.sub(unwritten, 0, 1);
      Atomics.notify(unwritten, 0);
    },
    waitForRoom: (limit) => {
      for (let count = Atomics.load(unwritten, 0); count >= limit && position() < indices.length; count = Atomics.load(unwritten, 0)) {
        // Woken by written(); the timeout only rechecks a queue stopped meanwhile.
        Atomics.wait(unwritten, 0, count, 100);
      }
    },
    shared,
  };
}

/**
 * Batches of results the workers may have posted and the build not yet written, per worker: ~2,000
 * pages, ~100 MB of results at most, ~9 s of a worker's rendering here. The build's thread takes them
 * in between its steps, and a step drawing a generated output over every page (the search index, the
 * alerts index) takes ~6 s on 66,000 pages: with 16 batches the worker waited 25 s of such a build's
 * 190, all of it while the build's thread drew those outputs.
 */
const UNWRITTEN_BATCHES = 64;

/**
 * A worker's next batch, once there is room for its results: smaller as the queue drains, so that no
 * thread is left waiting long for another's last batch.
 */
export function nextBatch(queue: PageQueue, workers: number): readonly number[] {
  queue.waitForRoom(UNWRITTEN_BATCHES * workers);
  return queue.take(Math.max(2, Math.min(32, Math.ceil(queue.remaining() / (workers * 8)))));
}

/** Rule files a worker parsed, as derived-value seeds (empty until they arrive). */
export interface PrefetchedRules {
  readonly seeds: DerivedSeeds;
  arrived(): boolean;
}

/** A page that failed to render (index -1: a worker that failed outside any page). */
export interface RenderFailure {
  readonly index: number;
  readonly error: Error;
}

export interface RenderPool {
  /**
   * Has every worker parse the rule files while it waits for the site (rule-prefetch.ts): each keeps
   * them for its pages, and the seeds returned fill with the first one's, for the build's thread.
   */
  prefetchRuleFiles(request: RulePrefetch): PrefetchedRules;
  /**
   * Renders pages from `queue` until it is empty; `onPage` gets each result as it arrives (and writes
   * it), and a worker renders on only while the build takes its batches in (waitForRoom). A failure
   * stops the queue; the failures come back once every worker is done.
   */
  render(site: WorkerSite, queue: PageQueue, onPage: (index: number, page: RenderedPage) => void): Promise<readonly RenderFailure[]>;
  close(): Promise<void>;
}

/**
 * A worker's young generation: 192 MB is V8's semi-spaces of 64 MB instead of 16. Rendering a page
 * allocates its trees by the megabyte and keeps them until the page is done, so with 16 MB most of
 * each scavenge's survivors are the page under way, copied again and again: on 10,000 synthetic pages
 * the worker scavenged 1,312 times for 4.0 s, with 64 MB 345 times for 2.0 s (--trace-gc).
 */
const WORKER_YOUNG_GENERATION_MB = 192;

export function startRenderPool(size: number): RenderPool {
  const workers = Array.from({ length: size }, () => new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
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
    prefetchRuleFiles(request) {
      const seeds: DerivedSeeds = new Map();
      let arrived = false;
      const [first] = workers;
      const received = (reply: ToBuild) => {
        if (reply.type !== 'rules') return;
        first!.off('message', received);
        for (const [key, value] of reply.seeds) seeds.set(key, value);
        arrived = true;
      };
      first?.on('message', received);
      for (const worker of workers) worker.postMessage({ type: 'rules', ...request } satisfies ToWorker);
      return { seeds, arrived: () => arrived };
    },
    render: (site, queue, onPage) => renderWith(workers.filter((worker) => !dead.has(worker)), site, queue, onPage),
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
  // Every worker died in an earlier render: the build's own thread takes the whole queue.
  if (workers.length === 0) return Promise.resolve([]);
  /** Workers still rendering: they have answered neither `done` nor `failed`, and have not died. */
  const rendering = new Set(workers);
  const failures: RenderFailure[] = [];
  return new Promise((resolve) => {
    const finished = (worker: Worker) => {
      rendering.delete(worker);
      if (rendering.size > 0) return;
      for (const [each, { message, died, exit }] of listeners) each.off('message', message).off('error', died).off('exit', exit);
      resolve(failures);
    };
    const listeners = new Map(workers.map((worker) => {
      const message = (reply: ToBuild) => {
        if (reply.type === 'rules') return; // prefetchRuleFiles's
        if (reply.type === 'done') return finished(worker);
        reply.results.forEach((result) => onPage(result.index, result));
        // Room for another batch: these pages are written.
        if (reply.type === 'rendered') queue.written();
        if (reply.type === 'failed') {
          failures.push({ index: reply.index, error: revived(reply.error) });
          queue.stop();
          finished(worker);
        }
      };
      // A worker that died answers for none of the pages it took: an uncaught error, or a module's process.exit().
      const died = (error: Error) => {
        if (!rendering.has(worker)) return;
        failures.push({ index: -1, error });
        queue.stop();
        finished(worker);
      };
      const exit = (code: number) => died(new Error(`a render worker stopped with exit code ${code} while rendering pages (a site module calling process.exit?); --workers 0 renders in the build's own thread`));
      return [worker, { message, died, exit }] as const;
    }));
    for (const worker of workers) {
      const { message, died, exit } = listeners.get(worker)!;
      worker.postMessage({ type: 'site', ...site } satisfies ToWorker);
      worker.postMessage({ type: 'render', queue: queue.shared, workers: workers.length } satisfies ToWorker);
      worker.on('message', message).on('error', died).on('exit', exit);
    }
  });
}

function revived(failure: WorkerFailure): Error {
  return 'diagnostic' in failure ? new SiteError(failure.diagnostic) : new Error(`render worker failed: ${failure.message}`);
}
