/**
 * One tiny repository per rule code under test/fixtures/rules/<code>/, with
 * the diagnostics it must produce (file:line rule) in expect.json; every rule
 * code has one (the rule modules in src/core/rules/ say which codes there are).
 * Fixtures without their own plan/plan.yaml get the standard test manifest.
 *
 * expect.json: { diagnostics, asOf?, files?, reader?, links? }
 * - files: more files, inline: names a checkout cannot hold on every system
 *   (names that differ only in case).
 * - reader: what the reader (io/plan-files.ts) says of a file beyond its bytes:
 *   { problem: 'symlink' | 'unreadable', detail } or { size } (read only in part).
 *   How it finds out is tested on real files by hostile.test.ts and trust.test.ts.
 * - links: also ask the links the plan cites, as csp validate --links does.
 * Files under plan/reviews/ are review files, checked as csp validate checks them.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, RULE_CODES } from '../src/core/diagnostics.js';
import { citedLinks } from '../src/core/links.js';
import type { RawFile } from '../src/core/load.js';
import { loadPlan } from '../src/core/load.js';
import { loadReviews } from '../src/core/review.js';
import { RULES } from '../src/core/rules/index.js';
import { checkLinks } from '../src/io/links.js';
import { renderRulesHelp } from '../src/render/rules.js';
import { runCli } from './helpers/cli.js';
import { type FileTree, MANIFEST } from './helpers/plan.js';

const ROOT = path.join(import.meta.dirname, '..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures/rules');

interface Expect {
  diagnostics: string[];
  asOf?: string;
  files?: Record<string, string>;
  reader?: Record<string, { problem: 'symlink' | 'unreadable'; detail: string } | { size: number }>;
  links?: boolean;
}

function readTree(dir: string, prefix = ''): FileTree {
  const tree: FileTree = {};
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(abs).isDirectory()) Object.assign(tree, readTree(abs, rel));
    else if (rel !== 'expect.json') tree[rel] = readFileSync(abs);
  }
  return tree;
}

/** What csp validate finds in the fixture, through the pure loader. */
async function diagnosticsOf(name: string, expected: Expect): Promise<Diagnostic[]> {
  const dir = path.join(FIXTURES, name);
  const tree = { ...readTree(dir), ...expected.files };
  if (!('plan/plan.yaml' in tree) && name !== 'manifest-missing') tree['plan/plan.yaml'] = MANIFEST;
  const raw = (p: string): RawFile => {
    const content = tree[p];
    const file: RawFile = { path: p };
    if (content !== undefined) file.bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const said = expected.reader?.[p];
    if (said && 'problem' in said) return { path: p, problem: { kind: said.problem, detail: said.detail } };
    if (said) file.size = said.size;
    return file;
  };
  const paths = [...new Set([...Object.keys(tree), ...Object.keys(expected.reader ?? {})])].sort();
  const isReview = (p: string) => p.startsWith('plan/reviews/');
  const result = loadPlan({ planDir: 'plan', files: paths.filter((p) => !isReview(p)).map(raw) }, { today: expected.asOf ?? '2026-01-01' });
  const reviews = loadReviews(paths.filter(isReview).map(raw));
  const dead = expected.links && result.plan ? await checkLinks(dir, citedLinks(result.plan), { timeoutMs: 5000 }) : [];
  return [...result.diagnostics, ...reviews.diagnostics, ...dead];
}

const fixtures = readdirSync(FIXTURES).sort();
const expectOf = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name, 'expect.json'), 'utf8')) as Expect;

describe('rules', () => {
  it.each(fixtures)('%s', async (name) => {
    const expected = expectOf(name);
    const found = await diagnosticsOf(name, expected);
    expect(found.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(expected.diagnostics);
    // Every finding has the severity its rule declares.
    for (const d of found) expect(d.severity, `${d.file}:${d.line} ${d.rule}`).toBe(RULES.find((r) => r.code === d.rule)?.severity);
  });

  it('every rule code has a fixture named after it that produces it', () => {
    expect(fixtures).toEqual([...RULE_CODES].sort());
    for (const name of fixtures) expect(expectOf(name).diagnostics.some((d) => d.endsWith(` ${name}`)), name).toBe(true);
  });

  it('every rule module is named after its code and says what it checks and what to do', () => {
    expect(RULES.map((r) => r.code)).toEqual([...RULE_CODES]);
    for (const r of RULES) {
      expect(r.summary, r.code).toMatch(/^[^\n]{10,}$/);
      expect(r.hint, r.code).toMatch(/^[^\n]{10,}$/);
      // Only plan-wide rules carry a check; the others are checked where their stage runs.
      if (r.check) expect(r.stage, r.code).toBe('plan');
    }
  });

  it('the rule index, RULE_CODES and docs/rules.md are generated from the rule modules (npm run rules)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/rules.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('csp help rules lists every rule code with its severity, summary and hint, in 80 columns', async () => {
    const r = await runCli(['help', 'rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderRulesHelp(RULES));
    for (const rule of RULES) expect(r.stdout).toContain(`  ${rule.code} (${rule.severity})\n`);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('fix: use one of the fields allowed there (see csp help format)');
  });
});
