/**
 * The fast path of parsing (core/parse-fast.ts, js-yaml's core schema) never
 * changes an answer (issue 20). For every input of the YAML test suite, the
 * hostile corpus, the fixtures, the shipped plan, a synthetic plan and a
 * fuzz corpus, two things hold:
 *
 * - where the fast path accepts a text, the full path (yaml@2) reads it
 *   without a single diagnostic, to the same data, and the positions the
 *   model keeps (the first field, an initiative's id, each note) are the
 *   same;
 * - loading the file with and without the fast path gives the same result:
 *   data, model, diagnostics with their positions and the verdict.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../src/core/load-file.js';
import { decodeText, type PathSegment, parseYamlFile, parseYamlFileFast } from '../src/core/parse.js';
import { REPO_ROOT } from './helpers/cli.js';

const encoder = new TextEncoder();

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (/\.ya?ml$/i.test(name)) out.push(abs);
    }
  };
  walk(dir);
  return out;
}

interface Input {
  name: string;
  bytes: Uint8Array;
}

const fromDir = (rel: string): Input[] =>
  filesUnder(path.join(REPO_ROOT, rel)).map((abs) => ({ name: path.relative(REPO_ROOT, abs), bytes: readFileSync(abs) }));

const CORPORA: Record<string, Input[]> = {
  'yaml-test-suite': fromDir('test/fixtures/yaml-test-suite/cases'),
  hostile: fromDir('test/fixtures/hostile'),
  fixtures: [...fromDir('test/fixtures/rules'), ...fromDir('test/fixtures/sample'), ...fromDir('test/fixtures/hostile-report')],
  'shipped plan': fromDir('test/fixtures/shipped/plan'),
  'build fixture': fromDir('scripts/build-fixture'),
};

/** The paths whose positions the model keeps, for a text's data. */
function modelPaths(value: unknown): PathSegment[][] {
  const paths: PathSegment[][] = [[], ['id']];
  const notes = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).notes : undefined;
  const count = Array.isArray(notes) ? notes.length : 0;
  for (let k = 0; k <= count; k++) paths.push(['notes', k]);
  return paths;
}

/** Where the two paths part, as a message; undefined when they agree. */
function disagreement(text: string): string | undefined {
  const fast = parseYamlFileFast('plan/pillar-1/p1.1.yaml', text);
  if (!fast) return undefined;
  const full = parseYamlFile('plan/pillar-1/p1.1.yaml', text);
  if (full.diagnostics.length > 0) return `fast path accepted, full path says: ${full.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`).join('; ')}`;
  if (!isDeepStrictEqual(fast.value, full.value)) return `data differs: ${JSON.stringify(fast.value)} vs ${JSON.stringify(full.value)}`;
  for (const p of modelPaths(full.value)) {
    if (!isDeepStrictEqual(fast.locate(p), full.locate(p))) return `position of ${JSON.stringify(p)} differs: ${JSON.stringify(fast.locate(p))} vs ${JSON.stringify(full.locate(p))}`;
  }
  return undefined;
}

/** Loading one file with and without the fast path, under every kind of plan file. */
function loadDisagreement(bytes: Uint8Array): string | undefined {
  for (const file of ['plan/pillar-1/p1.1.yaml', 'plan/notes/p1.1/2025-01-01-a.yaml', 'plan/plan.yaml']) {
    const raw = { path: file, bytes };
    const fast = loadFile(raw, 'plan/plan.yaml').result;
    const full = loadFile(raw, 'plan/plan.yaml', { fast: false }).result;
    if (!isDeepStrictEqual(fast, full)) return `${file}: ${JSON.stringify(fast)} vs ${JSON.stringify(full)}`;
  }
  return undefined;
}

describe('the fast path of parsing', () => {
  for (const [corpus, inputs] of Object.entries(CORPORA)) {
    it(`gives the full path's answer on every file of ${corpus}`, () => {
      expect(inputs.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const input of inputs) {
        const text = decodeText(input.name, input.bytes).text;
        const d = (text === undefined ? undefined : disagreement(text)) ?? loadDisagreement(input.bytes);
        if (d) problems.push(`${input.name}: ${d}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('takes the files people and csp write (the shipped plan and the build fixture)', () => {
    const plain = [...CORPORA['shipped plan']!, ...CORPORA['build fixture']!];
    const refused = plain.filter((f) => parseYamlFileFast(f.name, decodeText(f.name, f.bytes).text!) === undefined).map((f) => f.name);
    expect(refused).toEqual([]);
  });

  it('refuses what it cannot be sure of', () => {
    const refused = [
      'id: p1.1\nx: &a 1\ny: *a\n',
      'id: !!str 1\n',
      'id: ! p1.1\n',
      '%YAML 1.1\n---\nid: yes\n',
      'id: p1.1\n---\nid: p1.2\n',
      'id: p1.1\nid: p1.2\n',
      'id: p1.1\n<<: {a: 1}\n',
      'id: 0x10\n',
      'id: 1.5\n',
      'id: 1e3\n',
      'id: 01\n',
      'id: -0\n',
      '1: a\n',
      'true: a\n',
      '__proto__: a\n',
      '[a]: b\n',
      'id: "a\n  b"\n',
      'id: |2\n   a\n',
      'id:\tp1.1\n',
      '- a\n',
      'a\n',
      '',
      '# only a comment\n',
      `${'['.repeat(70)}${']'.repeat(70)}\n`,
      `a:${' x:'.repeat(0)}\n${Array.from({ length: 70 }, (_, k) => `${' '.repeat(k + 1)}k${k}:`).join('\n')} v\n`,
      'a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n',
    ];
    for (const text of refused) expect(parseYamlFileFast('f.yaml', text), JSON.stringify(text)).toBeUndefined();
  });

  it('gives the full path\'s answer on random texts made of YAML\'s pieces', () => {
    const piece = fc.constantFrom(
      'id', 'notes', 'date', 'text', ':', ': ', '- ', '-', '\n', '\n  ', '\n    ', '  ', ' ', '#', ' # c', '"', "'", '\\', '[', ']', '{', '}', ',', ', ',
      '|', '>', '|-', '>+', '?', '? ', '&a', '*a', '!', '!!str', '~', 'null', 'true', 'False', '0', '12', '-3', '+4', '0o7', '0x1f', '1.5', '.inf',
      '2025-01-01', 'a b', 'p1.1', '__proto__', '<<', '---', '...', '%', '\r\n', 'é', '💡', '\u00a0',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const d = disagreement(text) ?? loadDisagreement(encoder.encode(text));
        expect(d, JSON.stringify(text)).toBeUndefined();
      }),
      { numRuns: 1500, seed: 20 },
    );
  });

  it("gives the full path's answer on mutations of the shipped plan's files", () => {
    const files = CORPORA['shipped plan']!.map((f) => decodeText(f.name, f.bytes).text!);
    const insert = fc.constantFrom('\n', ' ', '  ', '- ', ': ', '#', '"', "'", '[', '{', '&a ', '*a', '!!int ', '|\n', '? ', '\n---\n', '~', '0x1', '-0', '1e2');
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(3), insert), { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = files[which]!;
        for (const [at, cut, add] of edits) {
          const k = at % (text.length + 1);
          text = text.slice(0, k) + add + text.slice(k + cut);
        }
        const d = disagreement(text) ?? loadDisagreement(encoder.encode(text));
        expect(d, JSON.stringify(text)).toBeUndefined();
      }),
      { numRuns: 500, seed: 17 },
    );
  });
});
