// Required sections: every page showing an alert rule has each `##` heading of `check.requiredSections`
// (Meaning, Impact, Diagnosis, Mitigation by default) with something under it. Headings are read from the
// rendered content (so a heading written by a shortcode counts), matched ignoring case and a trailing `:`;
// a section is empty when nothing but whitespace stands between its heading and the next `#`/`##` heading.
// A missing section is reported at the page's first line, an empty one at its heading's line.

import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { RawFinding } from '../config/check-findings.js';
import type { RenderedPage } from './links.js';
import { eachElement } from '../util/tree-walk.js';

export interface SectionProblem {
  readonly section: string;
  /** True when the heading is there but nothing is under it. */
  readonly empty: boolean;
}

/** The required sections a rendered page lacks or leaves empty, in the order they are required. */
export function sectionProblems(content: Root, required: readonly string[]): SectionProblem[] {
  const found = new Map<string, boolean>();
  eachElement(content, (element, index, parent) => {
    if (element.tagName !== 'h2') return;
    const name = headingKey(toString(element));
    const hasContent = sectionHasContent(parent.children.slice(index + 1));
    found.set(name, (found.get(name) ?? false) || hasContent);
  });
  return required.flatMap((section): SectionProblem[] => {
    const hasContent = found.get(headingKey(section));
    if (hasContent === true) return [];
    return [{ section, empty: hasContent === false }];
  });
}

function headingKey(text: string): string {
  return text.trim().replace(/:$/, '').trim().toLowerCase();
}

function sectionHasContent(following: readonly (RootContent | ElementContent)[]): boolean {
  for (const node of following) {
    if (node.type === 'element' && isSectionBreak(node)) return false;
    if (node.type === 'text' && node.value.trim() === '') continue;
    if (node.type === 'comment' || node.type === 'doctype') continue;
    return true;
  }
  return false;
}

function isSectionBreak(element: Element): boolean {
  return element.tagName === 'h1' || element.tagName === 'h2';
}

export function sectionFindings(rendered: RenderedPage, required: readonly string[]): RawFinding[] {
  const { page } = rendered;
  return sectionProblems(rendered.content, required).map((problem) => ({
    kind: 'missing-section',
    file: page.file,
    line: problem.empty ? headingLine(page.body, problem.section) + page.bodyLineOffset : 1,
    message: problem.empty
      ? `Section \`## ${problem.section}\` of the runbook is empty`
      : `Runbook has no \`## ${problem.section}\` section`,
    hint: problem.empty
      ? 'write what the reader needs under the heading'
      : `add a \`## ${problem.section}\` section (check.requiredSections in the config lists the required ones)`,
  }));
}

/** The body line of a `## Name` heading, 1 when it is not written as one (a shortcode's heading). */
function headingLine(body: string, section: string): number {
  const lines = body.split('\n');
  const index = lines.findIndex((line) => {
    const match = /^ {0,3}##\s+(.*?)\s*#*\s*$/.exec(line);
    return match !== null && headingKey(match[1]!) === headingKey(section);
  });
  return index + 1 || 1;
}
