// A render worker thread: receives the build's config and discovered site, builds its own site model
// from them (shortcodes and theme are loaded here; discovery is not repeated), then renders the pages it
// is sent, by their index in the site's page list, with the same page job as the build thread, reading
// the body cache when the build keeps one (bodies rendered here go back to the build, which keeps them).
// It takes batches from the build's shared queue until it is empty. It writes no files; results and
// failures go back to the build as messages (see render-pool.ts).

import { parentPort } from 'node:worker_threads';
import { SiteError } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { siteModelOf } from '../site/site.js';
import type { RenderedPage } from '../cache/rendered-page.js';
import { createPageJob, type PageJob } from './page-job.js';
import { nextBatch, takingFrom, type ToBuild, type ToWorker, type WorkerFailure } from './render-pool.js';
import { withRuleRecording } from '../cache/rule-recording.js';
import { openBodyCache } from '../cache/body-cache.js';
import { type DerivedSeeds, seededValues } from '../cache/derived-seeds.js';
import { deriveAlways } from '../util/derived-values.js';
import { RULE_FILE_TABLE } from '../rules/rule-index.js';
import { prefetchRuleFiles } from './rule-prefetch.js';

const port = parentPort!;
let pages: readonly Page[] = [];
let job: Promise<PageJob> | undefined;
/** The rule files parsed before the site came, for this worker's site model. */
let ruleSeeds: DerivedSeeds = new Map();

port.on('message', async (message: ToWorker) => {
  if (message.type === 'rules') {
    ruleSeeds = prefetchRuleFiles(message);
    port.postMessage({ type: 'rules', seeds: ruleSeeds } satisfies ToBuild);
    return;
  }
  if (message.type === 'site') {
    pages = message.site.pages;
    const { bodies } = message;
    job = siteModelOf(message.config, message.site, seededValues(deriveAlways, RULE_FILE_TABLE, ruleSeeds)).then((model) => createPageJob(withRuleRecording(model), bodies && openBodyCache(model, bodies)));
    job.catch(() => {}); // reported by the first batch that awaits it
    return;
  }
  const queue = takingFrom(message.queue);
  let results: (RenderedPage & { index: number })[] = [];
  let current = -1;
  try {
    const render = await job!;
    for (let batch = nextBatch(queue, message.workers); batch.length > 0; batch = nextBatch(queue, message.workers)) {
      for (const index of batch) {
        current = index;
        results.push({ index, ...render(pages[index]!) });
      }
      port.postMessage({ type: 'rendered', results } satisfies ToBuild);
      queue.posted();
      results = [];
    }
    port.postMessage({ type: 'done' } satisfies ToBuild);
  } catch (error) {
    // The other threads take no more pages; the build reports this page's failure after the pages before
    // it (their results come with it), as it does without workers.
    queue.stop();
    port.postMessage({ type: 'failed', results, index: current, error: failureOf(error) } satisfies ToBuild);
  }
});

function failureOf(error: unknown): WorkerFailure {
  if (error instanceof SiteError) return { diagnostic: error.toDiagnostic() };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
