import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineElements } from '../src/elements/register.js';
import { storyFrame } from './frame.js';

defineElements();

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  // One switch for every story: the toolbar, or `&globals=theme:dark;dir:rtl;locale:ar` in the URL.
  globalTypes: {
    theme: {
      description: 'Colour scheme of the widgets and the page around them',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Auto (prefers-color-scheme)' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction of the story',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description:
        'Language of the widgets (`lang` around the story; Arabic implies right to left)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
          { value: 'de', title: 'Deutsch' },
          { value: 'fr', title: 'Français' },
          { value: 'ja', title: '日本語' },
          { value: 'ar', title: 'العربية' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', dir: 'ltr', locale: 'en' },
  decorators: [
    (story, context) => {
      const theme = String(context.globals['theme'] ?? 'light');
      const locale = String(context.globals['locale'] ?? 'en');
      const dir = context.globals['dir'] === 'rtl' || locale === 'ar' ? 'rtl' : 'ltr';
      storyFrame(theme);
      // A page has one main landmark and one h1; the story is the page's content. Without them,
      // axe's page-level rules would fail on the harness and hide what the widgets get wrong.
      return html`<main class="hubbub-story" lang=${locale} dir=${dir} data-theme=${theme}>
        <h1 class="hubbub-story-title visually-hidden">${context.title} / ${context.name}</h1>
        ${story()}
      </main>`;
    },
  ],
};

export default preview;
