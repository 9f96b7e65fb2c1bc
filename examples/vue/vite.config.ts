import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** Hubbub's tags are custom elements, not Vue components. */
const isCustomElement = (tag: string) => tag.startsWith('live-') || tag === 'presence-bar';

// `base: './'`: the built app works from any folder (the browser test serves it from its own).
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement } } })],
});
