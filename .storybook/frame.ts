/**
 * The page around a story, as an embedding site would set it: its own `color-scheme` and
 * colours, and `--hubbub-color-scheme` for the widgets. Stories then show (and the smoke test's
 * axe checks) the widgets on a page of their theme, widgets without a background included.
 */
import { visuallyHidden } from '../src/elements/internal/component.styles.js';

const SCHEMES: Record<string, string> = { light: 'light', dark: 'dark', auto: 'light dark' };

const PAGE_CSS = `
  html {
    background: light-dark(#ffffff, #0f1115);
    color: light-dark(#1b1d22, #e8eaf0);
  }
  .hubbub-story {
    display: block;
  }
  /* The harness's heading (\`visually-hidden\`), for screen readers and axe only. */
  .hubbub-story-title {
    margin: 0;
  }
  ${visuallyHidden.cssText}
`;

export function storyFrame(theme: string): void {
  const root = document.documentElement;
  if (!document.getElementById('hubbub-story-frame')) {
    const style = document.createElement('style');
    style.id = 'hubbub-story-frame';
    style.textContent = PAGE_CSS;
    document.head.append(style);
  }
  const scheme = SCHEMES[theme] ?? 'light';
  root.style.colorScheme = scheme;
  root.style.setProperty('--hubbub-color-scheme', scheme);
}
