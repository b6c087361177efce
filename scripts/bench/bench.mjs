#!/usr/bin/env node
// The benchmark of csp (issues 7 and 20): builds, writes plans of 100, 1,000 and 10,000
// initiatives, times whole csp processes against two yardsticks — `node -e 0` and the peer, a
// script that only reads, parses and validates the files — and writes the tables and the targets
// to docs/benchmarks.md.
//
//   npm run bench [-- --sizes 100,1000,10000 --notes 10 --runs 5 --no-write --keep]
//   npm run bench -- --only-10k      the figures of issue 20 alone: the shipped plan's start-up
//                                    and 10,000 × 10 (cold and warm status, validate, csp note,
//                                    diff at 1 % changed), in about a third of the time
//
// Every process runs with NODE_EXTRA_CA_CERTS unset (with it, each Node start loads a CA bundle:
// `node -e 0` goes from ≈ 39 to ≈ 113 ms, which would hide csp's own cost), its output read
// through pipes as a git hook or CI job reads it. A time is the median of at least 5 runs after a
// warm-up. "cold" runs start without .csp-cache/ (and write it); "warm" runs find it up to date.
// Peak memory is measured in separate runs (scripts/bench/rss.cjs), so that it costs no time.
// Commands that this build does not have are reported as "n/a", not as failures.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CSP = path.join(ROOT, 'bin/csp.cjs');
const RSS_PRELOAD = path.join(ROOT, 'scripts/bench/rss.cjs');
const BASELINE = path.join(ROOT, 'scripts/bench/baseline.mjs');

/**
 * The commands measured, in the order of the table. `plans` limits where one runs; `quick` marks
 * those measured with --only-10k; `note` is csp note, measured its own way (see measureNote).
 */
const COMMANDS = [
  { label: 'csp --version', args: ['--version'], plans: ['shipped'], noCache: true },
  { label: 'csp status', args: ['status'] },
  { label: 'csp validate', args: ['validate'], quick: true },
  { label: 'csp status --json', args: ['status', '--json'], quick: true },
  { label: 'csp diff HEAD~1 HEAD', args: ['diff', 'HEAD~1', 'HEAD'], quick: true },
  { label: 'csp note ID TEXT', args: ['note'], note: true, quick: true },
  { label: 'csp report', args: ['report'] },
];

/**
 * Issue 20's targets (ratios to the peer, read + parse + validate, in the same run), and issue 7's
 * that still hold (growth with size; start-up).
 */
const TARGETS = { version: 1.5, status: 2, coldValidate: 0.35, coldStatus: 0.4, warm: 0.05, note: 0.15, diffWarm: 0.3, diffCold: 0.5, linear: 11, rssMb: 200 };

function parseArgs(argv) {
  const o = { sizes: [100, 1000, 10000], notes: 10, runs: 5, write: true, keep: false, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only-10k') {
      o.quick = true;
      o.sizes = [10000];
    } else if (a === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (a === '--notes') o.notes = Number(argv[++i]);
    else if (a === '--runs') o.runs = Math.max(5, Number(argv[++i]));
    else if (a === '--no-write') o.write = false;
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const env = { ...process.env };
for (const k of Object.keys(env)) if (k === 'NODE_EXTRA_CA_CERTS' || k.startsWith('CSP_') || k === 'NODE_OPTIONS') delete env[k];
const log = (s) => process.stderr.write(`${s}\n`);

function run(cmd, args, { cwd = ROOT, extraEnv = {}, check = true } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

// --- Machine and build ---
const loadBefore = os.loadavg();
if (loadBefore[0] > 0.5) log(`bench: load average is ${loadBefore[0].toFixed(2)}: the numbers will be noisy (wait for < 0.5 for final numbers)`);
log('bench: building');
run(process.execPath, [path.join(ROOT, 'scripts/build.mjs')]);
const version = run(process.execPath, [CSP, '--version']).stdout.trim();
const help = run(process.execPath, [CSP, '--help']).stdout;
const available = new Set([...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]));

// --- Plans: the shipped one and synthetic ones, each a git repository with two commits ---
const work = mkdtempSync(path.join(os.tmpdir(), 'csp-bench-'));
const GIT_ENV = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' };
function gitRepo(root, touched) {
  const git = (...a) => run('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...a], { cwd: root, extraEnv: GIT_ENV });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'plan');
  // The second commit adds a progress note to one initiative in a hundred.
  for (const file of touched) {
    const abs = path.join(root, file);
    let text = readFileSync(abs, 'utf8').replace(/\nnotes: \[\]\n$/, '\nnotes:\n');
    // A file without a notes list (the shipped plan keeps notes in files of their own) gets one.
    if (!/\nnotes:\n/.test(text)) text = `${text.replace(/\n?$/, '\n')}notes:\n`;
    writeFileSync(abs, `${text}  - date: 2026-07-01\n    text: Reviewed at the Strategic Dialogue; work continues.\n`);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'notes');
}
function initiativeFiles(root) {
  const plan = path.join(root, 'plan');
  return readdirSync(plan, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /^pillar-\d+\/[^/]+\.yaml$/.test(f))
    .map((f) => `plan/${f}`)
    .sort();
}
const plans = [];
{
  const root = path.join(work, 'shipped');
  cpSync(path.join(ROOT, 'plan'), path.join(root, 'plan'), { recursive: true });
  gitRepo(root, initiativeFiles(root).slice(0, 1));
  plans.push({ name: 'shipped', label: 'shipped plan', root, initiatives: initiativeFiles(root).length });
}
for (const size of opts.sizes) {
  const root = path.join(work, `n${size}`);
  log(`bench: writing a plan of ${size} initiatives × ${opts.notes} notes`);
  run(process.execPath, [path.join(ROOT, 'scripts/synth.mjs'), '--initiatives', String(size), '--notes', String(opts.notes), '--out', root]);
  const files = initiativeFiles(root);
  gitRepo(root, files.filter((_, k) => k % 100 === 0));
  plans.push({ name: String(size), label: `${size.toLocaleString('en')} × ${opts.notes}`, root, initiatives: size });
}
for (const p of plans) {
  const listing = run('du', ['-sk', path.join(p.root, 'plan')]).stdout;
  p.kb = Number(listing.split('\t')[0]);
  p.files = p.initiatives + 1;
}

// --- The JSON schema the baseline validates against ---
const schemaDir = path.join(work, 'schema');
mkdirSync(schemaDir);
// `csp schema --out DIR`: the JSON Schemas csp generates from its zod schemas (z.toJSONSchema, io: 'input').
run(process.execPath, [CSP, 'schema', '--out', schemaDir]);
const schemaSource = '`csp schema --out DIR` writes (draft 2020-12, generated from the zod schemas with `z.toJSONSchema`)';

// --- Timing ---
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall time of one whole process, ms. */
function timeOnce(cmd, args, cwd, before) {
  before?.();
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, stderr: r.stderr?.toString() ?? '' };
}

/** Median of at least `opts.runs` runs after a warm-up; fast commands get more runs. */
function measure(cmd, args, cwd, before) {
  const warm = timeOnce(cmd, args, cwd, before);
  if (warm.status !== 0 && warm.status !== 1) return { failed: warm.status, stderr: warm.stderr };
  const runs = warm.ms < 200 ? Math.max(opts.runs, 21) : warm.ms < 2000 ? Math.max(opts.runs, 9) : opts.runs;
  const times = [];
  for (let i = 0; i < runs; i++) times.push(timeOnce(cmd, args, cwd, before).ms);
  return { ms: median(times), runs, status: warm.status };
}

/** Peak resident set size of one run, MB. */
function peakRss(cmd, args, cwd, before) {
  before?.();
  const file = path.join(work, 'rss');
  rmSync(file, { force: true });
  spawnSync(cmd, args, { cwd, env: { ...env, NODE_OPTIONS: `--require ${RSS_PRELOAD}`, CSP_BENCH_RSS_FILE: file }, stdio: 'ignore', maxBuffer: 1 << 30 });
  try {
    return Number(readFileSync(file, 'utf8')) / 1024;
  } catch {
    return undefined;
  }
}

const dropCache = (root) => () => rmSync(path.join(root, '.csp-cache'), { recursive: true, force: true });

/**
 * `csp note ID TEXT` as a user runs it, the cache up to date: each run records a new note (a text
 * of its own) on the first initiative; between runs, untimed, the note file goes and `csp status`
 * brings the cache up to date again, so that every run finds the same plan and cache.
 */
function measureNote(plan) {
  const id = 'p1.1';
  const notesDir = path.join(plan.root, 'plan', 'notes');
  const reset = () => {
    rmSync(notesDir, { recursive: true, force: true });
    timeOnce(process.execPath, [CSP, 'status'], plan.root);
  };
  let n = 0;
  const args = () => [CSP, 'note', id, `Bench note ${++n}: talks continued.`, '--date', '2026-07-01'];
  reset();
  const first = timeOnce(process.execPath, args(), plan.root);
  if (first.status !== 0) return { warm: { failed: first.status, stderr: first.stderr } };
  const times = [];
  for (let i = 0; i < opts.runs; i++) {
    reset();
    const r = timeOnce(process.execPath, args(), plan.root);
    if (r.status !== 0) return { warm: { failed: r.status, stderr: r.stderr } };
    times.push(r.ms);
  }
  reset();
  const file = path.join(work, 'rss');
  rmSync(file, { force: true });
  spawnSync(process.execPath, args(), { cwd: plan.root, env: { ...env, NODE_OPTIONS: `--require ${RSS_PRELOAD}`, CSP_BENCH_RSS_FILE: file }, stdio: 'ignore' });
  let rss;
  try {
    rss = Number(readFileSync(file, 'utf8')) / 1024;
  } catch {
    rss = undefined;
  }
  reset();
  return { warm: { ms: median(times), runs: times.length, status: 0 }, rssWarm: rss };
}

// The start-up yardstick and the two start-up targets, measured round-robin so that drifting
// load affects them alike.
log('bench: start-up');
const shipped = plans[0];
const startup = [
  { key: 'node', cmd: process.execPath, args: ['-e', '0'], cwd: ROOT },
  { key: 'version', cmd: process.execPath, args: [CSP, '--version'], cwd: shipped.root },
  { key: 'status', cmd: process.execPath, args: [CSP, 'status'], cwd: shipped.root },
];
for (const s of startup) for (let i = 0; i < 3; i++) timeOnce(s.cmd, s.args, s.cwd); // warm-up, and the cache
const startupTimes = Object.fromEntries(startup.map((s) => [s.key, []]));
const startupRuns = Math.max(opts.runs, 31);
for (let i = 0; i < startupRuns; i++) for (const s of startup) startupTimes[s.key].push(timeOnce(s.cmd, s.args, s.cwd).ms);
const nodeMs = median(startupTimes.node);
const nodeRss = peakRss(process.execPath, ['-e', '0'], ROOT);

const results = [];
for (const plan of plans) {
  log(`bench: ${plan.label}`);
  const baseline = measure(process.execPath, [BASELINE, path.join(plan.root, 'plan'), schemaDir], plan.root);
  const check = run(process.execPath, [BASELINE, path.join(plan.root, 'plan'), schemaDir], { cwd: plan.root });
  const baselineCheck = JSON.parse(check.stdout);
  plan.baseline = { ...baseline, rss: peakRss(process.execPath, [BASELINE, path.join(plan.root, 'plan'), schemaDir], plan.root), check: baselineCheck };
  for (const c of COMMANDS) {
    if (c.plans && !c.plans.includes(plan.name)) continue;
    // With --only-10k: the shipped plan's start-up (measured above) and issue 20's commands.
    if (opts.quick && (plan.name === 'shipped' || !c.quick)) continue;
    if (c.note && plan.name === 'shipped') continue;
    const row = { command: c, plan };
    results.push(row);
    if (!available.has(c.args[0]) && !c.args[0].startsWith('-')) {
      row.na = true;
      continue;
    }
    if (c.note) {
      Object.assign(row, measureNote(plan));
      continue;
    }
    const args = [CSP, ...c.args];
    if (c.noCache) {
      row.warm = measure(process.execPath, args, plan.root);
      row.rssWarm = peakRss(process.execPath, args, plan.root);
      continue;
    }
    row.cold = measure(process.execPath, args, plan.root, dropCache(plan.root));
    row.rssCold = peakRss(process.execPath, args, plan.root, dropCache(plan.root));
    // Two runs bring the cache up to date (files written in the last 2 s are re-checked once).
    for (let i = 0; i < 2; i++) timeOnce(process.execPath, args, plan.root);
    row.warm = measure(process.execPath, args, plan.root);
    row.rssWarm = peakRss(process.execPath, args, plan.root);
  }
}
const loadAfter = os.loadavg();

// --- Report ---
const fmtMs = (m) => (m === undefined ? '—' : m.failed !== undefined ? `failed (exit ${m.failed})` : m.ms >= 1000 ? `${(m.ms / 1000).toFixed(2)} s` : `${m.ms.toFixed(0)} ms`);
const fmtX = (a, b) => (a === undefined || b === undefined || a.failed !== undefined ? '—' : `${(a.ms / b).toFixed(2)}×`);
const fmtMb = (x) => (x === undefined ? '—' : `${x.toFixed(0)} MB`);
const find = (label, plan) => results.find((r) => r.command.label === label && r.plan.name === plan);

const lines = [];
lines.push('# Benchmarks', '');
lines.push(`The latest output of \`npm run bench${opts.quick ? ' -- --only-10k' : ''}\` ([scripts/bench/bench.mjs](../scripts/bench/bench.mjs)). ` + 'Each time is the median of at least 5 runs of a whole process after a warm-up; *cold* runs start without `.csp-cache/` (and write it), *warm* runs find it up to date. Every process runs with `NODE_EXTRA_CA_CERTS` unset, its output read through pipes. Peak memory (peak RSS) is measured in separate runs.', '');
lines.push('## Machine', '');
lines.push(`- ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}; Node ${process.version}; csp ${version}`);
lines.push(`- load average (1, 5, 15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(', ')}; after: ${loadAfter.map((x) => x.toFixed(2)).join(', ')}`);
lines.push(`- run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
lines.push('## Plans', '');
lines.push('| plan | files | size on disk |', '|---|--:|--:|');
for (const p of plans) lines.push(`| ${p.label} | ${p.files.toLocaleString('en')} | ${(p.kb / 1024).toFixed(1)} MB |`);
lines.push('', `Synthetic plans: \`npm run synth -- --initiatives N --notes ${opts.notes}\` (seed 1), the shipped manifest with N initiatives of ${opts.notes} progress notes each. Every plan is a git repository whose last commit adds a note to one initiative in a hundred (what \`csp diff HEAD~1 HEAD\` compares).`, '');
lines.push('## Yardsticks', '');
lines.push(`- \`node -e 0\`: **${nodeMs.toFixed(0)} ms**, ${fmtMb(nodeRss)} — the floor for any Node program.`);
lines.push(`- read + parse + validate: a script ([baseline.mjs](../scripts/bench/baseline.mjs)) that reads every plan file, parses it with \`yaml\` and validates it with ajv against a JSON schema ${schemaSource}.`, '');
lines.push('| plan | read + parse + validate | peak RSS |', '|---|--:|--:|');
for (const p of plans) lines.push(`| ${p.label} | ${fmtMs(p.baseline)} | ${fmtMb(p.baseline.rss)} |`);
lines.push('', '## Commands', '');
lines.push('| command | plan | cold | warm | cold ÷ baseline | warm ÷ baseline | warm ÷ `node -e 0` | peak RSS cold / warm |', '|---|---|--:|--:|--:|--:|--:|--:|');
for (const r of results) {
  if (r.na) {
    lines.push(`| \`${r.command.label}\` | ${r.plan.label} | n/a (command not available) | | | | | |`);
    continue;
  }
  const b = r.plan.baseline.ms;
  lines.push(
    `| \`${r.command.label}\` | ${r.plan.label} | ${fmtMs(r.cold)} | ${fmtMs(r.warm)} | ${fmtX(r.cold, b)} | ${fmtX(r.warm, b)} | ${fmtX(r.warm, nodeMs)} | ${fmtMb(r.rssCold)} / ${fmtMb(r.rssWarm)} |`,
  );
}

// Targets
const targets = [];
const ratio = (a, b) => (a && b && a.ms !== undefined && b.ms !== undefined ? a.ms / b.ms : undefined);
const add = (what, value, limit, unit = '×') =>
  targets.push({ what, value, limit, unit, met: value === undefined ? undefined : value <= limit });
add('`csp --version` ÷ `node -e 0` (measured round-robin)', median(startupTimes.version) / nodeMs, TARGETS.version);
add('`csp status`, shipped plan, warm ÷ `node -e 0` (round-robin)', median(startupTimes.status) / nodeMs, TARGETS.status);
const big = plans.at(-1);
if (big && big.name !== 'shipped') {
  const at = (label) => find(label, big.name);
  const b = big.baseline;
  add(`\`csp validate\` at ${big.label}, cold ÷ peer`, ratio(at('csp validate')?.cold, b), TARGETS.coldValidate);
  add(`\`csp status --json\` at ${big.label}, cold ÷ peer`, ratio(at('csp status --json')?.cold, b), TARGETS.coldStatus);
  add(`\`csp status --json\` at ${big.label}, warm ÷ peer`, ratio(at('csp status --json')?.warm, b), TARGETS.warm);
  add(`\`csp note ID TEXT\` at ${big.label} (cache up to date) ÷ peer`, ratio(at('csp note ID TEXT')?.warm, b), TARGETS.note);
  add(`\`csp diff HEAD~1 HEAD\` at ${big.label}, 1 % of files changed, warm ÷ peer`, ratio(at('csp diff HEAD~1 HEAD')?.warm, b), TARGETS.diffWarm);
  add(`\`csp diff HEAD~1 HEAD\` at ${big.label}, 1 % of files changed, no cache ÷ peer`, ratio(at('csp diff HEAD~1 HEAD')?.cold, b), TARGETS.diffCold);
  add(`peak RSS of \`csp validate\` at ${big.label}, cold`, at('csp validate')?.rssCold, TARGETS.rssMb, ' MB');
  const sizes = plans.filter((p) => p.name !== 'shipped');
  for (let k = 1; k < sizes.length; k++) {
    const [a, c] = [sizes[k - 1], sizes[k]];
    if (c.initiatives !== a.initiatives * 10) continue;
    for (const label of ['csp validate', 'csp status --json']) {
      for (const mode of ['cold', 'warm']) {
        add(`linear: \`${label}\` ${mode}, ${c.label} ÷ ${a.label}`, ratio(find(label, c.name)?.[mode], find(label, a.name)?.[mode]), TARGETS.linear);
      }
    }
  }
}
lines.push('', '## Targets', '', '| target | measured | limit | met |', '|---|--:|--:|:-:|');
for (const t of targets) {
  const v = t.value === undefined ? '—' : t.unit === '×' ? `${t.value.toFixed(2)}×` : `${t.value.toFixed(0)}${t.unit}`;
  lines.push(`| ${t.what} | ${v} | ≤ ${t.limit}${t.unit === '×' ? '×' : t.unit} | ${t.met === undefined ? '—' : t.met ? '✓' : '✗'} |`);
}
lines.push(
  '',
  'Notes: the peer is the read + parse + validate script above, timed in the same run. *No cache* for `csp diff` means a run without `.csp-cache/` (it then keeps what it parsed, in `.csp-cache/revisions-*.jsonl`); its *warm* runs find what the earlier runs kept. `csp note ID TEXT` records a note on p1.1 of a plan whose cache is up to date (between runs, untimed, the note file goes and `csp status` runs); it is in the *warm* column. The baseline uses `yaml` as Node loads it (its CommonJS build); csp bundles yaml\'s ES-module build. A load average above 0.5 before the run means other work shared the two cores: the times are then noisy, and worst for csp\'s parse threads.',
);
const invalid = plans.filter((p) => p.baseline.check.invalid > 0);
if (invalid.length) lines.push('', `Note: the baseline found files invalid against the JSON schema in ${invalid.map((p) => p.label).join(', ')}.`);
const text = `${lines.join('\n')}\n`;
process.stdout.write(text);
if (opts.write) {
  writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), text);
  log('bench: wrote docs/benchmarks.md');
}
if (!opts.keep) rmSync(work, { recursive: true, force: true });
else log(`bench: plans kept in ${work}`);
