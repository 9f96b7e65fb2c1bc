/**
 * Preloaded into a relay process (NODE_OPTIONS=--import) to run its clock ahead by
 * HUBBUB_TEST_CLOCK_OFFSET_MS: a relay on a machine whose clock is later, so tests can see what
 * happens after a minute-long deadline without waiting a minute. The relay's code is untouched.
 */
const offset = Number(process.env.HUBBUB_TEST_CLOCK_OFFSET_MS ?? 0);
const realNow = Date.now;
Date.now = () => realNow() + offset;
