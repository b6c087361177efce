#!/usr/bin/env node
// Writes a synthetic plan repository for benchmarks and scale tests:
//
//   npm run synth -- --initiatives N --notes M --out DIR [--seed S] [--force]
//
// DIR/plan/plan.yaml is the shipped manifest (5 pillars, 19 themes); DIR/plan/pillar-K/pK.J.yaml
// are N initiatives with M progress notes each, written as people write them (plain scalars,
// the shipped plan's field order and text lengths). The output is a function of (N, M, seed):
// the same arguments give the same bytes. `csp --plan DIR/plan validate` passes on it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run synth -- --initiatives N --notes M --out DIR [--seed S] [--force]';

/** Notes are dated in this window, oldest first: after adoption, and in the past. */
const FIRST_DAY = Date.UTC(2024, 6, 19);
const LAST_DAY = Date.UTC(2026, 5, 30);

function parseArgs(argv) {
  const opts = { initiatives: undefined, notes: 10, out: undefined, seed: 1, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    const count = (v, flag) => {
      if (!/^\d+$/.test(v)) fail(`${flag} '${v}' is not a whole number`);
      return Number(v);
    };
    if (a === '--initiatives') opts.initiatives = count(value(), a);
    else if (a === '--notes') opts.notes = count(value(), a);
    else if (a === '--seed') opts.seed = count(value(), a);
    else if (a === '--out') opts.out = value();
    else if (a === '--force') opts.force = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`unknown argument '${a}'`);
  }
  if (opts.initiatives === undefined || opts.out === undefined) fail('--initiatives and --out are required');
  return opts;
}

function fail(message) {
  process.stderr.write(`synth: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** mulberry32: a small, fast, seedable PRNG; enough for test data. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words of the Action Plan itself, so the text has its length and feel. */
function vocabulary() {
  const seed = readFileSync(path.join(REPO, 'seeds/canada-korea-csp-action-plan.txt'), 'utf8');
  const words = seed.split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z’-]*[a-z]$/.test(w) && w.length > 1);
  return [...new Set(words)].sort();
}

export function synthesize({ initiatives, notes, seed }) {
  const random = rng(seed * 2654435761 + initiatives * 97 + notes);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const words = vocabulary();
  const manifestText = readFileSync(path.join(REPO, 'plan/plan.yaml'), 'utf8');
  const manifest = parse(manifestText);
  const pillars = manifest.pillars.map((p) => ({ number: p.number, themes: p.themes.map((t) => t.id) }));

  const sentence = (min, max) => {
    const n = min + int(max - min + 1);
    const out = [];
    for (let k = 0; k < n; k++) out.push(pick(words));
    let s = out.join(' ');
    s = s[0].toUpperCase() + s.slice(1);
    return s;
  };
  const paragraph = (sentences, min, max) => {
    const out = [];
    for (let k = 0; k < sentences; k++) out.push(`${sentence(min, max)}.`);
    return out.join(' ');
  };
  const title = () => sentence(3, 7);

  const LEADS = {
    ca: ['Global Affairs Canada', 'Department of National Defence', 'Natural Resources Canada', 'Health Canada', 'Canadian Heritage'],
    kr: ['Ministry of Foreign Affairs', 'Ministry of National Defense', 'Ministry of Trade, Industry and Energy', 'Ministry of Health and Welfare'],
  };
  const AUTHORS = ['Korea desk', 'Canada desk', 'Embassy of Canada in Seoul', 'Embassy of the Republic of Korea in Ottawa', 'Policy planning'];
  const SIDES = ['ca', 'kr', 'joint'];
  const PROGRESS = ['in-progress', 'ongoing', 'at-risk', 'completed'];
  const CADENCES = ['annual', 'semiannual', 'quarterly', 'regular', 'continuing'];
  const day = 24 * 3600 * 1000;
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

  const files = new Map();
  // The shipped plan's own rules (every note cites a source) are not the synthetic notes' concern.
  files.set('plan/plan.yaml', manifestText.replace(/(^#[^\n]*\n)?^rules:\n(?:[ \t][^\n]*\n)*/m, ''));
  // Initiative k goes to pillar (k mod P)+1 as its next number: p1.1, p2.1, …, p1.2, …
  const perPillar = new Map(pillars.map((p) => [p.number, 0]));
  const ids = [];
  for (let k = 0; k < initiatives; k++) {
    const pillar = pillars[k % pillars.length];
    const n = perPillar.get(pillar.number) + 1;
    perPillar.set(pillar.number, n);
    ids.push({ id: `p${pillar.number}.${n}`, pillar });
  }
  for (const { id, pillar } of ids) {
    const lines = ['# yaml-language-server: $schema=../../schema/initiative.schema.json'];
    lines.push(`id: ${id}`, `pillar: ${pillar.number}`);
    const other = pillars[int(pillars.length)];
    if (int(40) === 0 && other.number !== pillar.number) lines.push(`alsoListedUnder: [${other.number}]`);
    lines.push(`title: ${title()}`, `text: ${paragraph(1 + int(2), 8, 24)}`);
    const kind = pick(['recurring', 'deliverable', 'exploratory']);
    lines.push(`kind: ${kind}`);
    if (kind === 'recurring') lines.push(`cadence: ${pick(CADENCES)}`);
    if (pillar.themes.length > 0 && int(3) > 0) {
      const themes = [...new Set([pick(pillar.themes), pick(pillar.themes)])];
      lines.push(`themes: [${themes.join(', ')}]`);
    }
    if (int(2) === 0) lines.push('leads:', `  ca: ${pick(LEADS.ca)}`, `  kr: ${pick(LEADS.kr)}`);
    if (ids.length > 1 && int(4) === 0) {
      const rel = pick(ids).id;
      if (rel !== id) lines.push(`related: [${rel}]`);
    }
    if (notes === 0) lines.push('notes: []');
    else {
      lines.push('notes:');
      // Ascending dates: M sorted draws from the window.
      const dates = Array.from({ length: notes }, () => FIRST_DAY + int((LAST_DAY - FIRST_DAY) / day + 1) * day).sort((a, b) => a - b);
      for (const d of dates) {
        lines.push(`  - date: ${isoDay(d)}`, `    text: ${paragraph(1 + int(3), 6, 20)}`);
        if (int(3) === 0) lines.push(`    status: ${pick(PROGRESS)}`);
        if (int(2) === 0) lines.push(`    side: ${pick(SIDES)}`);
        if (int(2) === 0) lines.push(`    author: ${pick(AUTHORS)}`);
        if (int(5) === 0) lines.push(`    links: [https://example.org/${id}/${isoDay(d)}]`);
      }
    }
    files.set(`plan/pillar-${pillar.number}/${id}.yaml`, `${lines.join('\n')}\n`);
  }
  return files;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const out = path.resolve(opts.out);
  const planDir = path.join(out, 'plan');
  if (existsSync(planDir) && readdirSync(planDir).length > 0) {
    if (!opts.force) fail(`${planDir} exists and is not empty; pass --force to replace it`);
    rmSync(planDir, { recursive: true, force: true });
  }
  const files = synthesize(opts);
  let bytes = 0;
  for (const [rel, text] of files) {
    const abs = path.join(out, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
  }
  process.stdout.write(`synth: wrote ${files.size} files (${(bytes / 1e6).toFixed(1)} MB) to ${planDir}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
