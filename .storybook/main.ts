import type { StorybookConfig } from '@storybook/web-components-vite';
import { relayInPage } from './relay-in-page.js';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({ ...vite, plugins: [...(vite.plugins ?? []), relayInPage()] }),
};

export default config;
