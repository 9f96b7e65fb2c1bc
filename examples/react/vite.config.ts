import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `base: './'`: the built app works from any folder (the browser test serves it from its own).
export default defineConfig({ base: './', plugins: [react()] });
