/**
 * Hostile plan files (issue 6, the read side): every file of the corpus in
 * test/fixtures/hostile/, plus a few made here (too large, symbolic links),
 * dropped into one plan and checked by one `csp validate` run of the built
 * CLI in a child process. Each file must give exactly the diagnostics listed
 * below (rule code and line), and the run must end with exit 1, never a crash.
 */
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_NESTING, parseYamlFile, scanStructure } from '../src/core/parse.js';
import { runCli } from './helpers/cli.js';
import { initiative, loadTree, MANIFEST, withManifest, writeTree } from './helpers/plan.js';

const CORPUS = path.join(import.meta.dirname, 'fixtures/hostile');

/** File name → its diagnostics as "line rule", in output order. */
const EXPECTED: Record<string, string[]> = {
  // bytes and encodings
  'p1-utf16le.yaml': ['1 file-encoding'],
  'p1-utf16be.yaml': ['1 file-encoding'],
  'p1-utf16le-no-bom.yaml': ['1 file-encoding'],
  'p1-nul-byte.yaml': ['3 file-encoding'],
  'p1-invalid-utf8.yaml': ['4 file-encoding'],
  'p1-latin1.yaml': ['3 file-encoding'],
  'p1-overlong-utf8.yaml': ['3 file-encoding'],
  'p1-utf8-surrogate.yaml': ['3 file-encoding'],
  'p1-truncated-utf8.yaml': ['4 file-encoding'],
  'p1-raw-escape.yaml': ['3 file-encoding'],
  'p1-raw-c1-control.yaml': ['4 file-encoding'],
  'p1-lone-cr.yaml': ['1 file-encoding'],
  // a byte-order mark and CRLF line ends are fine, and positions stay right
  'p1-bom.yaml': [],
  'p1-crlf.yaml': [],
  'p1-bom-crlf-error.yaml': ['5 unknown-field'],
  // not a plan file
  'p1-only-bom.yaml': ['1 empty-file'],
  'p1-empty.yaml': ['1 empty-file'],
  'p1-only-comments.yaml': ['1 empty-file'],
  'p1-whitespace.yaml': ['1 empty-file'],
  'p1-null.yaml': ['1 empty-file'],
  'p1-document-marker-only.yaml': ['1 empty-file'],
  'p1-scalar.yaml': ['1 not-a-mapping'],
  'p1-list.yaml': ['1 not-a-mapping'],
  'p1-two-documents.yaml': ['5 yaml-multi-document'],
  'p1-conflict-markers.yaml': ['3 merge-conflict', '5 merge-conflict', '7 merge-conflict'],
  // YAML features plan files refuse
  'p1-tag-js-function.yaml': ['3 yaml-tag'],
  'p1-tag-local.yaml': ['3 yaml-tag'],
  'p1-tag-on-mapping.yaml': ['5 yaml-tag'],
  'p1-anchor-alias.yaml': ['3 yaml-alias', '4 yaml-alias'],
  'p1-alias-undefined.yaml': ['3 yaml-alias'],
  'p1-alias-star-text.yaml': ['4 yaml-alias', '4 yaml-syntax'],
  'p1-merge-key.yaml': ['3 yaml-alias', '5 yaml-alias'],
  // one diagnostic per anchor and alias (a line of 'x: &x [*w, … nine times]' each), nothing expanded
  'p1-billion-laughs.yaml': ['1 yaml-alias', ...[2, 3, 4, 5, 6, 7, 8, 9].flatMap((line) => Array<string>(10).fill(`${line} yaml-alias`))],
  'p1-key-number.yaml': ['5 yaml-key-type'],
  'p1-key-bool.yaml': ['5 yaml-key-type'],
  'p1-key-null.yaml': ['5 yaml-key-type'],
  'p1-key-complex.yaml': ['5 yaml-key-type'],
  'p1-duplicate-key.yaml': ['5 yaml-duplicate-key'],
  'p1-proto-key.yaml': ['5 yaml-key-type'],
  'p1-id-number.yaml': ['1 wrong-type'],
  'p1-escape-in-key.yaml': ['5 unknown-field'],
  // syntax: reported where the mistake is, not where the parser gave up
  'p1-unclosed-quote.yaml': ['3 yaml-syntax'],
  'p1-unclosed-bracket.yaml': ['3 yaml-syntax'],
  'p1-tab-indent.yaml': ['6 yaml-syntax'],
  'p1-nbsp-after-colon.yaml': ['3 yaml-syntax'],
  // nesting: measured before the parser sees the file
  'p1-nested-brackets-a.yaml': ['3 yaml-nesting'],
  'p1-nested-brackets-b.yaml': ['3 yaml-nesting'],
  'p1-deep-block.yaml': ['69 yaml-nesting'],
  'p1-deep-seq-of-maps.yaml': ['37 yaml-nesting'],
  'p1-deep-compact-seq.yaml': ['6 yaml-nesting'],
  'p1-deep-block-then-flow.yaml': ['46 yaml-nesting'],
  'p1-deep-explicit-keys.yaml': ['69 yaml-nesting'],
  // brackets, dashes and quotes inside text are text: no false alarm
  'p1-brackets-in-text.yaml': [],
  // made by this test
  'p1-too-large.yaml': ['1 file-too-large'],
  'p1-largest-allowed.yaml': [],
  'p1-long-line-error.yaml': ['3 yaml-syntax'],
  'p1-link-outside.yaml': ['1 file-symlink'],
  'p1-link-inside.yaml': ['1 file-symlink'],
  'p1-linked-folder': ['1 file-symlink'],
};

/** A valid initiative file of exactly `size` bytes: a long single-line text. */
function initiativeOfSize(id: string, size: number): string {
  const head = `id: ${id}\npillar: 1\ntitle: Largest\ntext: `;
  return `${head}${'a'.repeat(size - head.length - 1)}\n`;
}

const SECRET = 'TOP-SECRET-CONTENT-OUTSIDE-THE-REPOSITORY';

/** The corpus, the generated files and the links, in one plan. */
function buildHostilePlan(): { root: string; outside: string } {
  const root = writeTree(withManifest({}));
  const pillar = path.join(root, 'plan/pillar-1');
  mkdirSync(pillar, { recursive: true });
  cpSync(CORPUS, pillar, { recursive: true });
  writeFileSync(path.join(pillar, 'p1-too-large.yaml'), initiativeOfSize('p1-too-large', MAX_FILE_BYTES + 1));
  writeFileSync(path.join(pillar, 'p1-largest-allowed.yaml'), initiativeOfSize('p1-largest-allowed', MAX_FILE_BYTES));
  writeFileSync(path.join(pillar, 'p1-long-line-error.yaml'), `id: p1-long-line-error\npillar: 1\ntitle: "${'x'.repeat(300_000)}" and more\ntext: Text\n`);
  // Outside the repository: a secret that must never be read or shown, and a folder.
  const outside = writeTree({ 'secret.yaml': `title: ${SECRET}\n`, 'folder/p1.9.yaml': `title: ${SECRET}\n` });
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(pillar, 'p1-link-outside.yaml'));
  symlinkSync('p1-bom.yaml', path.join(pillar, 'p1-link-inside.yaml'));
  symlinkSync(path.join(outside, 'folder'), path.join(pillar, 'p1-linked-folder'));
  return { root, outside };
}

describe('the hostile corpus through csp validate', () => {
  let root: string;
  let outside: string;
  let json: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    ({ root, outside } = buildHostilePlan());
    json = await runCli(['--plan', path.join(root, 'plan'), 'validate', '--format', 'json']);
  });

  it('every corpus file has its expectation, and every expectation a file', () => {
    const inCorpus = readdirSync(CORPUS).sort();
    const expectedCorpus = Object.keys(EXPECTED).filter((f) => inCorpus.includes(f)).sort();
    expect(expectedCorpus).toEqual(inCorpus);
  });

  it('exits 1 with JSON on stdout and nothing on stderr: no crash, no abort', () => {
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('gives each file exactly its diagnostics (rule and line)', () => {
    const data = JSON.parse(json.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string }[] };
    const got: Record<string, string[]> = {};
    for (const name of Object.keys(EXPECTED)) got[name] = [];
    for (const d of data.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      (got[path.posix.basename(d.file)] ??= []).push(`${d.line} ${d.rule}`);
    }
    expect(got).toEqual(EXPECTED);
  });

  it('says "quote it" with the number as written for id: 1.10', () => {
    const data = JSON.parse(json.stdout) as { diagnostics: { file: string; rule: string; hint?: string }[] };
    const d = data.diagnostics.find((x) => x.file.endsWith('/p1-id-number.yaml'))!;
    expect(d.hint).toContain('"1.10"');
  });

  it('neither follows nor prints a symbolic link target', async () => {
    const text = await runCli(['--plan', path.join(root, 'plan'), 'validate']);
    expect(text.code).toBe(1);
    for (const out of [json.stdout, text.stdout, text.stderr]) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(outside);
    }
  });

  it('prints the text report with every source line short and sanitised', async () => {
    const text = await runCli(['--plan', path.join(root, 'plan'), 'validate']);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const longest = Math.max(...text.stdout.split('\n').map((l) => l.length));
    expect(longest).toBeLessThan(400);
  });
});

describe('the nesting guard', () => {
  it('keeps two 3 KB files of nested brackets from aborting Node in one run', async () => {
    const deep = (id: string) => `id: ${id}\npillar: 1\ntitle: ${'['.repeat(3000)}\ntext: Text\n`;
    const root = writeTree(withManifest({ 'plan/pillar-1/p1.1.yaml': deep('p1.1'), 'plan/pillar-1/p1.2.yaml': deep('p1.2') }));
    const r = await runCli(['--plan', path.join(root, 'plan'), 'validate', '--format', 'json']);
    expect(r.code).toBe(1);
    const rules = (JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; rule: string }[] }).diagnostics.map(
      (d) => `${d.file}:${d.line} ${d.rule}`,
    );
    expect(rules).toEqual(['plan/pillar-1/p1.1.yaml:3 yaml-nesting', 'plan/pillar-1/p1.2.yaml:3 yaml-nesting']);
  });

  it('accepts nesting up to the limit and refuses one level more', () => {
    const nested = (levels: number) => `${initiative('p1.1', 1)}leads: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;
    // The top-level mapping is one level, 'leads' holds the rest.
    expect(loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': nested(MAX_NESTING) })).diagnostics.map((d) => d.rule)).not.toContain('yaml-nesting');
    expect(loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': nested(MAX_NESTING + 1) })).diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual([
      '5 yaml-nesting',
    ]);
  });

  const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
  it.each([
    ['a block mapping', (n: number) => `${lines(n, (i) => `${'  '.repeat(i)}k${i}:`)} v\n`, (n: number) => n],
    ['a block sequence', (n: number) => `${lines(n, (i) => `${'  '.repeat(i)}-`)} v\n`, (n: number) => n],
    ['a sequence of mappings', (n: number) => `${lines(n, (i) => `${'  '.repeat(i)}- k:`)} v\n`, (n: number) => 2 * n],
    ['compact sequences', (n: number) => `${'- '.repeat(n)}v\n`, (n: number) => n],
    ['explicit keys', (n: number) => `${lines(n, (i) => `${'  '.repeat(i)}?`)} v\n`, (n: number) => n],
    ['flow sequences', (n: number) => `k: ${'['.repeat(n)}${']'.repeat(n)}\n`, (n: number) => n + 1],
    ['flow mappings', (n: number) => `k: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`, (n: number) => n + 1],
    ['block then flow', (n: number) => `${lines(n, (i) => `${'  '.repeat(i)}k${i}:`)} ${'['.repeat(n)}${']'.repeat(n)}\n`, (n: number) => 2 * n],
  ])('measures %s as deep as the parser builds it', (_, make, depth) => {
    for (const n of [10, 30]) expect(scanStructure(make(n)).depth).toBe(depth(n));
  });

  it('checks the syntax tree too: nesting the parser makes of malformed entries the token count does not model', () => {
    // In a flow mapping, "*x- k:" (an alias and a word before one colon) makes the parser nest a block mapping.
    const text = `k: ${'{*x- k: '.repeat(40)}\n`;
    expect(scanStructure(text).depth).toBeLessThanOrEqual(MAX_NESTING);
    const parsed = parseYamlFile('f.yaml', text);
    expect(parsed.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual(['1 yaml-nesting']);
  });

  it.each([
    ['double quotes', `k: "${'['.repeat(200)}"\n`],
    ['double quotes over lines', `k: "a\n  ${'['.repeat(200)}\n  b"\n`],
    ['an escaped quote', `k: "a\\" ${'['.repeat(200)}"\n`],
    ['single quotes over lines', `k: 'it''s\n  ${'{'.repeat(200)}'\n`],
    ['a comment', `# ${'['.repeat(200)}\nk: v\n`],
    ['a literal block', `k: |\n  ${'['.repeat(200)}\n  ${'- '.repeat(200)}\nj: v\n`],
    ['a folded block', `k: >-\n  ${'{'.repeat(200)}\n\n  ${'['.repeat(200)}\n`],
    ['plain text', `k: a ${'['.repeat(200)} b\n`],
    ['plain text over lines', `k: it's a\n  'quote ${'['.repeat(200)}\nj: v\n`],
  ])('is not fooled by brackets in %s', (_, text) => {
    expect(scanStructure(text).depth).toBeLessThanOrEqual(1);
  });
});

describe('file size', () => {
  it('accepts 1 MiB and refuses 1 MiB + 1 byte, naming the size', () => {
    const ok = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiativeOfSize('p1.1', MAX_FILE_BYTES) }));
    expect(ok.diagnostics).toEqual([]);
    const big = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiativeOfSize('p1.1', MAX_FILE_BYTES + 1) }));
    expect(big.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual(['1 file-too-large']);
    expect(big.diagnostics[0]!.message).toContain(String(MAX_FILE_BYTES + 1));
  });
});

describe('positions', () => {
  it('count lines and columns the same with a byte-order mark and CRLF line ends', () => {
    const lf = 'id: 1.10\npillar: 1\ntitle: Title\ntext: Text\nnotes:\n  - date: 2025-02-30\n    text: Note\n';
    const positions = (text: string) =>
      loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': text })).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);
    const expected = ['1:5 wrong-type', '6:11 invalid-date'];
    expect(positions(lf)).toEqual(expected);
    expect(positions(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(positions(`\ufeff${lf.replace(/\n/g, '\r\n')}`)).toEqual(expected);
  });
});

describe('file names', () => {
  it('refuses two files whose names differ only in case (they are one file on Windows and macOS)', () => {
    // In memory only: such a pair cannot even be checked out on a case-insensitive file system.
    const result = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1), 'plan/pillar-1/P1.1.yaml': initiative('p1.1', 1) }));
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toContain('plan/pillar-1/p1.1.yaml:1 id-case-collision');
  });
});

describe('the plan folder', () => {
  it('refuses a plan folder that is a symbolic link (exit 1), without reading through it', async () => {
    const real = writeTree({ 'plan/plan.yaml': MANIFEST, 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1) });
    const repo = writeTree({ 'README.md': 'a repository whose plan folder is a link\n' });
    symlinkSync(path.join(real, 'plan'), path.join(repo, 'plan'));
    const r = await runCli(['validate'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('symbolic link');
    expect(r.stderr).not.toContain(real);
    expect(r.stdout).toBe('');
  });
});
