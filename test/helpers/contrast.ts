// Colour contrast in a real browser: the computed text and background colours of the page's elements,
// checked against WCAG AA's 4.5:1 for body text. It does not handle background images or gradients.

import type { Page } from 'playwright-core';

/**
 * The visible elements matching `selectors` whose text colour against their background (the nearest
 * ancestor's that is not transparent) is under 4.5:1 (WCAG AA), as `selector "text": ratio`.
 */
export function lowContrast(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate((selectors) => {
    const parse = (color: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a: color.startsWith('rgba') ? a : 1 };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element | null): string => {
      for (let current = element; current; current = current.parentElement) {
        const color = getComputedStyle(current).backgroundColor;
        if (parse(color).a > 0) return color;
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    const failures: string[] = [];
    for (const selector of selectors) {
      for (const element of Array.from(document.querySelectorAll(selector))) {
        if (!(element as HTMLElement).offsetParent && selector !== 'body') continue;
        const ratioOf = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const ratio = ratioOf(luminance(parse(getComputedStyle(element).color)), luminance(parse(backgroundOf(element))));
        if (ratio < 4.5) failures.push(`${selector} "${element.textContent?.slice(0, 30)}": ${ratio.toFixed(2)}`);
      }
    }
    return [...new Set(failures)];
  }, selectors);
}
