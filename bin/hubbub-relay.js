#!/usr/bin/env node
// The relay is written in TypeScript; tsx runs it without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
await main();
