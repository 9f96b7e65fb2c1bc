/**
 * Reflow at 320 CSS px (WCAG 1.4.10): the smoke test narrows the page to 320 px on every story
 * and fails when the page scrolls sideways or when an element of the story is wider than the
 * viewport (even one clipped by an ancestor: its content is cut off). The check runs in the page
 * as source text, self-contained: the test's compiler would otherwise wrap its inner functions
 * in helpers that the page does not have.
 */
import type { Page } from 'playwright-core';

/** The narrowest screen the widgets must fit without horizontal scrolling. */
export const REFLOW_WIDTH = 320;

/**
 * Walks the story root through shadow roots and returns what is too wide: the page's scroll
 * width, then each element wider than the viewport (at most five), named by tag, class and part.
 */
const measure = (width: number) => `(() => {
  const width = ${width};
  const problems = [];
  const scrollWidth = document.scrollingElement.scrollWidth;
  if (scrollWidth > width) problems.push('the page scrolls sideways: ' + scrollWidth + ' px wide');
  const stack = [document.querySelector('#storybook-root')];
  const wide = [];
  while (stack.length) {
    const root = stack.pop();
    if (!root) continue;
    for (const element of root.children) {
      const box = element.getBoundingClientRect();
      if (box.width > width + 0.5) {
        const part = element.getAttribute('part');
        const name = element.localName + (element.className && typeof element.className === 'string'
          ? '.' + element.className.trim().split(/\\s+/).join('.') : '') + (part ? '[part="' + part + '"]' : '');
        wide.push(name + ' is ' + Math.round(box.width) + ' px wide');
      }
      if (element.shadowRoot) stack.push(element.shadowRoot);
      stack.push(element);
    }
  }
  return problems.concat(wide.slice(0, 5));
})()`;

/**
 * Narrows the page to {@link REFLOW_WIDTH}, lets the story lay out, lists what does not fit,
 * and puts the viewport back as it was.
 */
export async function reflowProblems(page: Page): Promise<string[]> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: before?.height ?? 720 });
  try {
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    return await page.evaluate<string[]>(measure(REFLOW_WIDTH));
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
