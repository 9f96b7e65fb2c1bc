import type { Preview } from '@storybook/web-components-vite';
import { defineElements } from '../src/elements/register.js';

defineElements();

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
