// One page's render as a unit of work, the same in the build's own thread and in a render worker: the
// page's HTML, the warnings it raised (in order) and the rule files it read (cache/rendered-page.ts). It wraps createPageRenderer; it does not decide which pages to render or write anything.

import type { Diagnostic } from '../util/diagnostics.js';
import type { Page } from '../content/discover.js';
import { createPageRenderer } from './render-page.js';
import type { RenderedPage } from '../cache/rendered-page.js';
import type { RecordingSiteModel } from '../cache/rule-recording.js';

export type PageJob = (page: Page) => RenderedPage;

/** Renders pages of `model`, a model from withRuleRecording (so each page's rule files are known). */
export function createPageJob(model: RecordingSiteModel): PageJob {
  const recorder = model.ruleRecorder;
  let warnings: Diagnostic[] = [];
  const renderPage = createPageRenderer(model, (warning) => warnings.push(warning));
  return (page) => {
    warnings = [];
    recorder.reset();
    const html = renderPage(page);
    return { html, warnings, ruleFiles: recorder.read() };
  };
}

