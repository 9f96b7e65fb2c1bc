#!/usr/bin/env node
// The relay, compiled to JavaScript: no TypeScript at run time. Run it as `node` directly (or
// through this file): SIGTERM then reaches the process that closes the sockets and the store.
import { main } from '../dist/server/cli.js';

await main();
