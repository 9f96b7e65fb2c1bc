/**
 * The widgets in headless Chromium under load, before and after: every scenario runs on the build
 * of this tree (`dist/`) and on the build of an earlier commit (`--before`, built on the fly from
 * `git archive` into a temporary folder), one after the other, each in a fresh browser and relay.
 *
 *   npm run bench:browser                       # print the figures
 *   npm run bench:browser -- --write            # also write results/browser.json and browser.md
 *   npm run bench:browser -- --only chat-slow   # some scenarios (comma separated)
 *   npm run bench:browser -- --before none      # this build only
 *   npm run bench:browser -- --profile /tmp/p   # V8 CPU profiles of the pages (DevTools)
 *   npm run bench:browser -- --trace /tmp/t     # timeline traces (DevTools' Performance panel)
 *
 * Before each row the bench waits (at most `--quiet-max-s`) until processes outside it use less
 * than `--quiet-threshold` % of a core, and each row says what they used while it ran.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { waitForQuiet, watchMachine } from '../lib/machine.js';
import * as scenarios from './scenarios.js';
import type { Run } from './scenarios.js';

const repo = join(import.meta.dirname, '..', '..');
const results = join(repo, 'bench', 'results');

/** The code as it was before issue 12, item 1 (render once per frame, skip to live). */
const BEFORE_COMMIT = '72b4953';

const { values: flags } = parseArgs({
  options: {
    write: { type: 'boolean', default: false },
    only: { type: 'string' },
    before: { type: 'string', default: BEFORE_COMMIT },
    'catch-up-s': { type: 'string', default: '30' },
    'quiet-threshold': { type: 'string', default: '25' },
    'quiet-max-s': { type: 'string', default: '60' },
    profile: { type: 'string' },
    trace: { type: 'string' },
  },
});

/** Targets of issue 12, item 1. */
const TARGETS = { frameP99Ms: 50, longTaskMs: 100, lagP95Ms: 2_000, inputP95Ms: 100 };

type Figures = Awaited<ReturnType<typeof scenarios.chat>> & { votes?: number };

interface Scenario {
  name: string;
  what: string;
  throttle: number;
  run(run: Run): Promise<Figures>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'chat-burst',
    what: '`<live-chat>`, 1,000 messages/s for 5 s',
    throttle: 1,
    run: (run) => scenarios.chat(run, { perSecond: 1_000, seconds: 5 }),
  },
  {
    name: 'chat-slow',
    what: '`<live-chat>`, 50 messages/s for 20 s',
    throttle: 6,
    run: (run) => scenarios.chat(run, { perSecond: 50, seconds: 20 }),
  },
  {
    name: 'typing-slow',
    what: '`<live-chat>` with no traffic, only the viewer typing, for 10 s (the floor of the input latency)',
    throttle: 6,
    run: (run) => scenarios.typing(run, { seconds: 10 }),
  },
  ...[1, 6].map((throttle) => ({
    name: throttle === 1 ? 'qa' : 'qa-slow',
    what: '`<live-qa sort="time">`, 1,000 questions, 200 votes/s and 2 new questions/s for 20 s',
    throttle,
    run: (run: Run) =>
      scenarios.qa(run, { questions: 1_000, votesPerSecond: 200, asksPerSecond: 2, seconds: 20 }),
  })),
  ...[1, 6].map((throttle) => ({
    name: throttle === 1 ? 'presence' : 'presence-slow',
    what: '`<presence-bar>`, 10,000 viewers entering at 1,000/s',
    throttle,
    run: (run: Run) => scenarios.presence(run, { viewers: 10_000, perSecond: 1_000 }),
  })),
];

/** Builds `commit`'s script-tag bundle in a temporary folder (once); returns its dist/. */
function buildCommit(commit: string): string {
  const dir = join(os.tmpdir(), `hubbub-bench-${commit}`);
  const dist = join(dir, 'dist');
  if (existsSync(join(dist, 'hubbub.js'))) return dist;
  mkdirSync(dir, { recursive: true });
  execSync(`git archive ${commit} | tar -x -C ${JSON.stringify(dir)}`, { cwd: repo });
  if (!existsSync(join(dir, 'node_modules'))) {
    symlinkSync(realpathSync(join(repo, 'node_modules')), join(dir, 'node_modules'));
  }
  execFileSync(join(dir, 'node_modules', '.bin', 'vite'), ['build'], { cwd: dir, stdio: 'ignore' });
  return dist;
}

async function main() {
  const only = flags.only?.split(',');
  const chosen = SCENARIOS.filter((scenario) => !only || only.includes(scenario.name));
  const builds: [string, string][] = [['after', join(repo, 'dist')]];
  if (flags.before !== 'none') builds.unshift(['before', buildCommit(flags.before)]);
  const head = execSync('git rev-parse --short HEAD', { cwd: repo }).toString().trim();
  const rows = [];
  for (const scenario of chosen) {
    for (const [label, dist] of builds) {
      const quiet = await waitForQuiet(
        Number(flags['quiet-threshold']),
        Number(flags['quiet-max-s']) * 1000,
      );
      const loadAverage = os.loadavg().map((load) => Number(load.toFixed(2)));
      const machine = watchMachine();
      process.stdout.write(`${scenario.name} ${label} (${scenario.throttle}× CPU)… `);
      const figures = await scenario.run({
        dist,
        throttle: scenario.throttle,
        catchUpMs: Number(flags['catch-up-s']) * 1000,
        profile: flags.profile && join(flags.profile, `${scenario.name}-${label}.cpuprofile`),
        trace: flags.trace && join(flags.trace, `${scenario.name}-${label}.json`),
      });
      const others = machine.stop();
      console.log(
        `renderer CPU ${figures.busy.rendererCpuMs} ms, busy ${figures.busy.taskMs} ms (layout ${figures.busy.layoutMs}, style ${figures.busy.styleMs}, script ${figures.busy.scriptMs}), ` +
          `frame p99 ${figures.frames.p99Ms} ms, longest task ${figures.longTasks.maxMs} ms, ` +
          `lag p95 ${figures.lag.p95Ms} ms, input p95 ${figures.input.p95Ms} ms`,
      );
      rows.push({
        scenario: scenario.name,
        build: label,
        commit: label === 'before' ? flags.before : `${head} (working tree)`,
        throttle: scenario.throttle,
        loadAverage,
        waitedForQuietS: quiet.waitedS,
        othersCpuPercent: others.othersCpuPercent,
        machineBusyPercent: others.busyPercent,
        ...figures,
      });
    }
  }
  const result = {
    date: new Date().toISOString(),
    command: `npm run bench:browser -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      memoryGB: Number((os.totalmem() / 1e9).toFixed(1)),
      node: process.version,
    },
    targets: TARGETS,
    rows,
  };
  if (!flags.write) return;
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'browser.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(results, 'browser.md'), markdown(result, chosen));
  console.log('wrote bench/results/browser.json and bench/results/browser.md');
}

type Result = {
  date: string;
  command: string;
  machine: Record<string, string | number>;
  rows: (Figures & {
    scenario: string;
    build: string;
    commit: string;
    throttle: number;
    loadAverage: number[];
    othersCpuPercent: number;
  })[];
};

const ms = (value: number) => `${(value / 1000).toFixed(1)} s`;

function markdown(result: Result, chosen: Scenario[]): string {
  const { machine } = result;
  const lines = [
    '# The widgets in the browser under load',
    '',
    `\`${result.command}\` on ${result.date} (bench/browser/run.ts). Headless Chromium ` +
      `(Debian), a real relay and the load generator on one machine: ${machine.cpus} × ` +
      `${machine.cpu}, ${machine.memoryGB} GB, ${machine.os}, Node ${machine.node}. **A shared ` +
      '2-core machine**: "others\' CPU" is what processes outside the bench used meanwhile ' +
      '(100 % = one core), and moves every figure.',
    '',
    `Before: commit \`${result.rows.find((row) => row.build === 'before')?.commit ?? 'none'}\`, ` +
      'each event rendered on its own, a layout read per message. After: this tree, rendering at ' +
      'most once per animation frame, no layout read while rendering, `<live-chat>` skipping to ' +
      'live past 50 new messages in a frame.',
    '',
    'Targets: at 1× CPU, frame p99 ≤ 50 ms and no long task over 100 ms; at 6× CPU throttle, ' +
      'the newest item on screen within 2 s of its publish (p95) and input latency (key down to ' +
      'the next paint, Event Timing; under 16 ms counts as 16) under 100 ms.',
  ];
  for (const scenario of chosen) {
    const rows = result.rows.filter((row) => row.scenario === scenario.name);
    const cell = (pick: (row: Result['rows'][number]) => string) =>
      rows.map((row) => pick(row)).join(' | ');
    lines.push(
      '',
      `## ${scenario.name}: ${scenario.what}, ${scenario.throttle}× CPU`,
      '',
      `| measure | ${rows.map((row) => row.build).join(' | ')} |`,
      `| --- | ${rows.map(() => '---:').join(' | ')} |`,
      `| frame time p50 / p99 / max | ${cell((r) => `${r.frames.p50Ms} / ${r.frames.p99Ms} / ${r.frames.maxMs} ms`)} |`,
      `| long tasks: count, over 100 ms, longest | ${cell((r) => `${r.longTasks.count}, ${r.longTasks.over100Ms}, ${r.longTasks.maxMs} ms`)} |`,
      ...(rows.some((row) => row.lag.published > 0)
        ? [
            `| publish → on screen (newest), p50 / p95 / max | ${cell((r) => `${r.lag.p50Ms} / ${r.lag.p95Ms} / ${r.lag.maxMs} ms`)} |`,
            `| never on screen within the wait (of published) | ${cell((r) => `${r.lag.neverShown} of ${r.lag.published}`)} |`,
          ]
        : []),
      `| input latency p50 / p95 / max (keys) | ${cell((r) => `${r.input.p50Ms} / ${r.input.p95Ms} / ${r.input.maxMs} ms (${r.input.keys})`)} |`,
      `| renderer processes' CPU time | ${cell((r) => ms(r.busy.rendererCpuMs))} |`,
      `| main thread busy: tasks (script, style, layout) | ${cell((r) => `${ms(r.busy.taskMs)} (${ms(r.busy.scriptMs)}, ${ms(r.busy.styleMs)}, ${ms(r.busy.layoutMs)})`)} |`,
      `| page errors | ${cell((r) => String(r.pageErrors))} |`,
      `| load average at start; others' CPU | ${cell((r) => `${r.loadAverage[0]}; ${r.othersCpuPercent} %`)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

await main();
