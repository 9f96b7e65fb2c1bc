import type { Plugin } from 'vite';

export function retryableImports(): Plugin;
