// One page's render as a unit of work, the same in the build's own thread and in a render worker: the
// page's HTML, the warnings it raised (in order), the rule files it read and, when its body was rendered
// now, the body for the body cache (cache/rendered-page.ts). It wraps createPageRenderer; it does not
// decide which pages to render or write anything.

import type { Diagnostic } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import type { BodyLookup } from '../cache/body-cache.js';
import { createPageRenderer } from './render-page.js';
import type { RenderedPage, StoredBody } from '../cache/rendered-page.js';
import type { RecordingSiteModel } from '../cache/rule-recording.js';

export type PageJob = (page: Page) => RenderedPage;

/** Renders pages of `model`, a model from withRuleRecording (so each page's rule files are known). */
export function createPageJob(model: RecordingSiteModel, bodies?: BodyLookup): PageJob {
  const recorder = model.ruleRecorder;
  let warnings: Diagnostic[] = [];
  let body: StoredBody | undefined;
  let cachedBody = false;
  const source = bodies && {
    lookup: (page: Page) => {
      const cached = bodies.lookup(page);
      cachedBody = cached !== undefined;
      return cached;
    },
    keep: (_page: Page, rendered: StoredBody) => (body = rendered),
  };
  const renderPage = createPageRenderer(model, (warning) => warnings.push(warning), source);
  return (page) => {
    warnings = [];
    body = undefined;
    cachedBody = false;
    const html = renderPage(page);
    return { html, warnings, ruleFiles: recorder.read(), cachedBody, body };
  };
}
