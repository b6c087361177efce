/**
 * Fuzzing the read side (issue 6): random bytes and random mutations of the
 * shipped plan files through the pure loader (in-process, a few hundred runs
 * each), a few mutated plans through the built CLI, and the nesting measure
 * against the parser's own syntax tree. Whatever the input: no exception,
 * every diagnostic with a known rule code and a position inside its file,
 * output free of control characters, and exit 0 or 1 without a stack trace.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Parser, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../src/core/diagnostics.js';
import { type LoadResult, loadPlan, type RawFile } from '../src/core/load.js';
import { MAX_NESTING, parseYamlFile, scanStructure, treeDepth } from '../src/core/parse.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../src/render/diagnostics.js';
import { makeStyle } from '../src/render/style.js';
import { SHIPPED_ROOT, runCli } from './helpers/cli.js';
import { MANIFEST } from './helpers/plan.js';

const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const encoder = new TextEncoder();

/** The shipped plan: every file under plan/, by its path from the repository root. */
function shippedPlan(): RawFile[] {
  const out: RawFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (name.endsWith('.yaml')) out.push({ path: path.relative(SHIPPED_ROOT, abs).split(path.sep).join('/'), bytes: readFileSync(abs) });
    }
  };
  walk(path.join(SHIPPED_ROOT, 'plan'));
  return out;
}

const PLAN = shippedPlan();
const MANIFEST_FILE = PLAN.find((f) => f.path === 'plan/plan.yaml')!;
const INITIATIVES = PLAN.filter((f) => f !== MANIFEST_FILE);
/** The small test manifest, where the manifest is not what is under test. */
const SMALL_MANIFEST: RawFile = { path: 'plan/plan.yaml', bytes: encoder.encode(MANIFEST) };

/** Everything a diagnostic must be, whatever the input. */
function checkResult(result: LoadResult, files: readonly RawFile[]): void {
  const paths = new Set(files.map((f) => f.path));
  for (const d of result.diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} ${d.rule}`;
    expect(RULE_CODES, where).toContain(d.rule);
    expect(['error', 'warning'], where).toContain(d.severity);
    expect(Number.isInteger(d.line) && d.line >= 1, where).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
    expect(typeof d.message === 'string' && d.message.length > 0, where).toBe(true);
    if (d.rule !== 'manifest-missing') expect(paths.has(d.file), where).toBe(true);
    const text = result.sources.get(d.file);
    if (text !== undefined) {
      const lines = text.split('\n');
      expect(d.line, where).toBeLessThanOrEqual(lines.length);
      expect(d.column, where).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
    }
  }
  // Every way of printing them works and sends no control character.
  const style = makeStyle(false);
  for (const out of [
    formatDiagnosticsText(result.diagnostics, result.sources, style, { files: files.length }),
    formatDiagnosticsJson(result.diagnostics),
    formatDiagnosticsGithub(result.diagnostics, { files: files.length }),
  ]) {
    expect(out).not.toMatch(RAW_UNSAFE);
  }
}

function load(files: RawFile[]): LoadResult {
  return loadPlan({ planDir: 'plan', files }, { today: '2026-01-01' });
}

// ---------------------------------------------------------------------------------------------
// Mutations of real files

/** Text a person (or a bad merge, or another program) might put into a plan file. */
const SPECIAL = [
  '[', ']', '{', '}', '"', "'", ': ', ':', '- ', '? ', '#', ' #', '|', '>', '&a ', '*a', '!t ', '!!js/function ', '---\n', '...\n',
  '<<<<<<< HEAD\n', '=======\n', '>>>>>>> b\n', '\t', '\r', '\r\n', '\n', '\ufeff', '\u0000', '\u001b[31m', '\u009b', '\u202e', '\u00a0',
  'é', '서울', '😀', '%YAML 1.1\n', '~', 'null', '1.10', '2025-02-30', '\\', '@', '`', '<<: ', '__proto__: ', 'id: ', 'notes:\n  - ',
];

type Mutation =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'indent'; line: number; by: number; tab: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.constantFrom(...SPECIAL).map((s) => encoder.encode(s))) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(-4, -2, -1, 1, 2, 4), tab: fc.boolean() }),
);

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  switch (m.kind) {
    case 'insert': {
      const at = n === 0 ? 0 : m.at % (n + 1);
      return concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    }
    case 'delete': {
      if (n === 0) return bytes;
      const at = m.at % n;
      return concat([bytes.subarray(0, at), bytes.subarray(Math.min(n, at + m.length))]);
    }
    case 'replace': {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[m.at % n] = m.byte;
      return out;
    }
    default: {
      const lines = splitLines(bytes);
      if (lines.length === 0) return bytes;
      if (m.kind === 'duplicate-line') {
        const k = m.line % lines.length;
        lines.splice(k, 0, lines[k]!);
      } else if (m.kind === 'swap-lines') {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      } else {
        const k = m.line % lines.length;
        const line = lines[k]!;
        let indent = 0;
        while (line[indent] === 0x20) indent++;
        const width = Math.max(0, indent + m.by);
        const pad = m.tab ? '\t'.repeat(Math.ceil(width / 2)) : ' '.repeat(width);
        lines[k] = concat([encoder.encode(pad), line.subarray(indent)]);
      }
      return concat(lines);
    }
  }
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

// ---------------------------------------------------------------------------------------------

describe('the pure loader under random input', () => {
  it('random bytes as an initiative file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1500 }), (bytes) => {
        const files: RawFile[] = [SMALL_MANIFEST, { path: 'plan/pillar-1/p1.1.yaml', bytes }];
        checkResult(load(files), files);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes as the manifest', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1500 }), (bytes) => {
        const files: RawFile[] = [{ path: 'plan/plan.yaml', bytes }, INITIATIVES[0]!];
        checkResult(load(files), files);
      }),
      { numRuns: 100 },
    );
  });

  it('random text made of YAML punctuation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SPECIAL, 'a', 'b c', '  ', '\n', '\n  '), { maxLength: 80 }), (parts) => {
        const files: RawFile[] = [SMALL_MANIFEST, { path: 'plan/pillar-1/p1.1.yaml', bytes: encoder.encode(parts.join('')) }];
        checkResult(load(files), files);
      }),
      { numRuns: 200 },
    );
  });

  it('mutations of the shipped initiative files', () => {
    fc.assert(
      fc.property(fc.nat(INITIATIVES.length - 1), mutations, (k, ms) => {
        const original = INITIATIVES[k]!;
        const bytes = ms.reduce<Uint8Array>((b, m) => mutate(b, m), original.bytes!);
        const files: RawFile[] = [MANIFEST_FILE, { path: original.path, bytes }];
        checkResult(load(files), files);
      }),
      { numRuns: 200 },
    );
  });

  it('mutations of the shipped manifest', () => {
    fc.assert(
      fc.property(mutations, (ms) => {
        const bytes = ms.reduce<Uint8Array>((b, m) => mutate(b, m), MANIFEST_FILE.bytes!);
        const files: RawFile[] = [{ path: 'plan/plan.yaml', bytes }, ...INITIATIVES.slice(0, 3)];
        checkResult(load(files), files);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the nesting measure against the parser', () => {
  /** Depth of the parser's syntax tree, as the composer will walk it. */
  const parserDepth = (text: string) => treeDepth(Array.from(new Parser().parse(text)), Number.MAX_SAFE_INTEGER).depth;
  const fragment = fc.constantFrom('- ', '? ', ': ', 'k: ', 'k:', '[', ']', '{', '}', ', ', '"', "'", '# c', '|', '>', '|-', '\n', '\n', '  ', '  ', ' ', 'a', '&x ', '!t ', '*x', '---\n', '\\', 'b c', '\t', '-', ':');

  it('is never shallower than the tree the parser builds from well-formed YAML', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 100 }), (parts) => {
        const text = parts.join('');
        const docs = parseAllDocuments(text);
        fc.pre(Array.isArray(docs) && docs.every((d) => d.errors.length === 0));
        expect(scanStructure(text, Number.MAX_SAFE_INTEGER).depth).toBeGreaterThanOrEqual(parserDepth(text));
      }),
      { numRuns: 400 },
    );
  });

  it('never lets a tree deeper than the limit through, well-formed or not', () => {
    // Mostly things that open a level, many of them malformed ("[a: b: ", "*x- k: ") so that the parser's
    // error recovery nests in ways the token count does not model; the syntax-tree check must catch those.
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom('[', '{', '{a: ', '[a: b: ', '*x- k: ', '- ', 'k: ', '? ', '[- ', 'a: b: '), weight: 12 },
      { arbitrary: fc.constantFrom(']', '}', '\n', ', ', 'a', '\n  ', '"q"', ' #c\n'), weight: 2 },
    );
    let deep = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 100, maxLength: 400 }), (parts) => {
        const text = parts.join('');
        const refused = parseYamlFile('f.yaml', text).diagnostics.some((d) => d.rule === 'yaml-nesting');
        if (parserDepth(text) > MAX_NESTING) {
          deep++;
          expect(refused).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    // The generator does reach past the limit, or this test would prove nothing.
    expect(deep).toBeGreaterThan(30);
  });
});

describe('mutated plans through the CLI', () => {
  it('exit 0 or 1, never a stack trace or an internal error', async () => {
    // Ten plans: the shipped plan with one to three of its files mutated.
    const plans = fc.sample(fc.array(fc.tuple(fc.nat(PLAN.length - 1), mutations), { minLength: 1, maxLength: 3 }), 10);
    const roots = plans.map((edits) => {
      const root = mkdtempSync(path.join(tmpdir(), 'csp-fuzz-'));
      cpSync(path.join(SHIPPED_ROOT, 'plan'), path.join(root, 'plan'), { recursive: true });
      for (const [k, ms] of edits) {
        const abs = path.join(root, PLAN[k]!.path);
        writeFileSync(abs, ms.reduce<Uint8Array>((b, m) => mutate(b, m), readFileSync(abs)));
      }
      return root;
    });
    // validate on each, status (which renders a clean plan, or stops with the first errors) on a few.
    const runs: [string, string][] = [...roots.map((r): [string, string] => [r, 'validate']), ...roots.slice(0, 3).map((r): [string, string] => [r, 'status'])];
    for (const [root, command] of runs) {
      for (const r of [await runCli([command, '--as-of', '2026-01-01'], { cwd: root })]) {
        expect([0, 1]).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stderr).not.toContain('internal error');
        expect(r.stdout + r.stderr).not.toMatch(RAW_UNSAFE);
      }
    }
  });
});
