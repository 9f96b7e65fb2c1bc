/**
 * axe-core in the smoke test's pages: injected once per page, run on the story as rendered in
 * the light theme (every WCAG A/AA rule), then after switching Storybook's globals to dark and to
 * right-to-left (the colour rules: the markup is the same, only colours and layout change).
 * Results are gathered for the report that `HUBBUB_A11Y_WRITE=1` writes to bench/results/a11y.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** What a mode changes, and which rules can see that change. */
export const MODES = {
  light: { globals: { theme: 'light', dir: 'ltr' }, rules: undefined },
  dark: { globals: { theme: 'dark', dir: 'ltr' }, rules: ['color-contrast', 'link-in-text-block'] },
  rtl: { globals: { theme: 'light', dir: 'rtl' }, rules: ['color-contrast', 'link-in-text-block'] },
} as const;
export type Mode = keyof typeof MODES;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  /** Selector paths of the failing nodes (through shadow roots), at most five. */
  targets: string[];
}

export interface AxeOutcome {
  violations: Violation[];
  /** "Needs review": nodes axe could not decide (text over an image, a pseudo-element...). */
  incomplete: number;
  /** The same, by rule. */
  incompleteByRule: Record<string, number>;
}

/** Runs axe on the page (injecting it on the first run), with `rules` only when given. */
export async function runAxe(page: Page, rules?: readonly string[]): Promise<AxeOutcome> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ only, tags }) => {
      const axe = Reflect.get(window, 'axe') as {
        run(context: unknown, options: unknown): Promise<AxeResults>;
      };
      interface AxeNode {
        target: unknown[];
      }
      interface AxeRule {
        id: string;
        impact: string | null;
        help: string;
        nodes: AxeNode[];
      }
      interface AxeResults {
        violations: AxeRule[];
        incomplete: AxeRule[];
      }
      const results = await axe.run(document, {
        runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      });
      return {
        violations: results.violations.map((rule) => ({
          rule: rule.id,
          impact: rule.impact,
          help: rule.help,
          targets: rule.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
        })),
        incomplete: results.incomplete.reduce((sum, rule) => sum + rule.nodes.length, 0),
        incompleteByRule: Object.fromEntries(
          results.incomplete.map((rule) => [rule.id, rule.nodes.length]),
        ),
      };
    },
    { only: rules ? [...rules] : undefined, tags: TAGS },
  );
}

/**
 * Switches Storybook's globals in the page, as the toolbar does, and waits until the preview's
 * decorator has re-rendered the story with them.
 */
export async function setGlobals(page: Page, globals: { theme: string; dir: string }) {
  await page.evaluate((next) => {
    const channel = Reflect.get(window, '__STORYBOOK_ADDONS_CHANNEL__') as {
      emit(event: string, payload: unknown): void;
    };
    channel.emit('updateGlobals', { globals: next });
  }, globals);
  await page.waitForFunction(
    ({ theme, dir }) => {
      const main = document.querySelector('#storybook-root main.hubbub-story');
      const preview = Reflect.get(window, '__STORYBOOK_PREVIEW__') as
        { currentRender?: { phase?: string } } | undefined;
      return (
        main?.getAttribute('data-theme') === theme &&
        main.getAttribute('dir') === dir &&
        ['completed', 'finished'].includes(preview?.currentRender?.phase ?? '')
      );
    },
    globals,
    { timeout: 8_000 },
  );
  // Lit renders the widgets' new styles in a microtask; two frames see them painted.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Everything axe said, by page (story id or demo page) and mode. */
export class A11yReport {
  readonly #rows: { page: string; mode: string; outcome: AxeOutcome }[] = [];

  add(page: string, mode: string, outcome: AxeOutcome): void {
    this.#rows.push({ page, mode, outcome });
  }

  /** Every `{page, rule}` pair that failed in some mode. */
  pairs(): Set<string> {
    return new Set(
      this.#rows.flatMap((row) => row.outcome.violations.map((v) => `${row.page} ${v.rule}`)),
    );
  }

  summary(): string {
    const pages = new Set(this.#rows.map((row) => row.page)).size;
    const violations = this.#rows.reduce((sum, row) => sum + row.outcome.violations.length, 0);
    const incomplete = this.#rows.reduce((sum, row) => sum + row.outcome.incomplete, 0);
    return `axe: ${pages} pages, ${this.#rows.length} runs, ${violations} violations (rule × page × mode), ${incomplete} nodes need review`;
  }

  /** Nodes that need review, by rule, over every run. */
  incompleteByRule(): [string, number][] {
    const counts = new Map<string, number>();
    for (const row of this.#rows) {
      for (const [rule, count] of Object.entries(row.outcome.incompleteByRule)) {
        counts.set(rule, (counts.get(rule) ?? 0) + count);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1]);
  }

  /** The report as Markdown: totals, the known violations, the "needs review" counts. */
  /** `notes`: more summary lines (the 320 px reflow pass's). */
  markdown(known: ReadonlySet<string>, seconds: number, notes: string[] = []): string {
    const lines = [
      '# Accessibility: axe-core on every story and the demo pages',
      '',
      'Written by `HUBBUB_A11Y_WRITE=1 npm run test:stories` (test/stories/smoke.test.ts).',
      'Light: every WCAG 2.2 A/AA and best-practice rule; dark and RTL: the colour rules.',
      '',
      `- ${this.summary()}`,
      `- known violations (test/stories/a11y-known.ts): ${known.size}`,
      `- time spent in axe and theme switches: ${seconds.toFixed(1)} s`,
      ...notes.map((note) => `- ${note}`),
      `- needs review, by rule: ${
        this.incompleteByRule()
          .map(([rule, count]) => `${rule} ${count}`)
          .join(', ') || 'none'
      }`,
      '',
      '| page | mode | violations | needs review |',
      '| ---- | ---- | ---------- | ------------ |',
    ];
    for (const row of this.#rows) {
      const rules = row.outcome.violations.map((v) => v.rule).join(', ') || '0';
      lines.push(`| ${row.page} | ${row.mode} | ${rules} | ${row.outcome.incomplete} |`);
    }
    return `${lines.join('\n')}\n`;
  }

  write(file: string, known: ReadonlySet<string>, seconds: number, notes: string[] = []): void {
    writeFileSync(file, this.markdown(known, seconds, notes));
  }
}
