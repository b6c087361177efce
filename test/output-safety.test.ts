/**
 * Output that cannot be hijacked (issue 6): text from plan files (titles,
 * notes, leads, links, keys, file names) and text typed on the command line
 * reaches the terminal, the report, JSON and GitHub annotations only as inert
 * text. Control characters, escape sequences and bidi overrides come out
 * escaped, in every command and in diagnostic messages that echo user text.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostics.js';
import { escapeGithubData, escapeGithubProperty, formatDiagnosticsGithub, sourceExcerpt } from '../src/render/diagnostics.js';
import { escapeMarkdown, markdownLink } from '../src/render/markdown.js';
import { termSafe, termSafeLine, toSafeJson } from '../src/render/sanitize.js';
import { displayWidth } from '../src/render/width.js';
import { runCli } from './helpers/cli.js';
import { MANIFEST, writeTree } from './helpers/plan.js';

/** What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1, bidi controls, line/paragraph separators. */
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A YAML double-quoted string full of what a hostile (or careless) contributor can put in plan text. */
const HOSTILE = '"\\e[31mred\\e[0m \\e]0;pwned\\a \\x9b2J \\u202eexe.txt \\u2066iso\\u2069 \\x7f \\u2028 \\b end"';

const hostileManifest = MANIFEST.replace('partnership: Test Partnership', `partnership: ${HOSTILE}`).replace('title: Pillar One', `title: ${HOSTILE}`);

const hostileInitiative = `id: p1.1
pillar: 1
title: ${HOSTILE}
text: ${HOSTILE}
themes: [human-rights]
leads:
  ca: ${HOSTILE}
notes:
  - date: 2025-01-10
    text: ${HOSTILE}
    author: ${HOSTILE}
    status: in-progress
    links:
      - "https://example.org/\\e[31m\\u202e"
`;

function cleanPlan(): string {
  return path.join(writeTree({ 'plan/plan.yaml': hostileManifest, 'plan/pillar-1/p1.1.yaml': hostileInitiative }), 'plan');
}

/** The clean plan plus a file with an unknown key and a wrong value that echo escape sequences, and a file name holding one. */
function brokenPlan(): string {
  const dir = cleanPlan();
  writeFileSync(
    path.join(dir, 'pillar-1/p1.2.yaml'),
    `id: p1.2\npillar: 1\ntitle: T\ntext: T\n"sta\\e[31mtus\\u202e": done\nkind: "\\e]0;pwned\\arecurring"\n`,
  );
  writeFileSync(path.join(dir, 'pillar-1/p1.3\u001b[31m,x:y.yaml'), 'id: p1.3\npillar: 1\ntitle: T\ntext: T\n');
  return dir;
}

const AS_OF = ['--as-of', '2026-01-01'];

function expectInert(out: string): void {
  expect(out).not.toMatch(RAW_UNSAFE);
}

describe('plan text on the terminal', () => {
  const plan = cleanPlan();

  it.each([
    ['status', ['status']],
    ['show', ['show', 'p1.1']],
    ['report', ['report']],
    ['report --format html', ['report', '--format', 'html']],
  ])('csp %s shows control characters and bidi overrides escaped', async (_, args) => {
    const r = await runCli(['--plan', plan, ...args, ...AS_OF]);
    expect(r.code).toBe(0);
    expectInert(r.stdout);
    expectInert(r.stderr);
    expect(r.stdout).toMatch(/\\u\{0*1B\}/);
    expect(r.stdout).toMatch(/\\u\{0*202E\}/);
  });

  it.each([
    ['status --json', ['status', '--json']],
    ['show --json', ['show', 'p1.1', '--json']],
    ['export --json', ['export', '--json']],
  ])('csp %s writes them as JSON escapes: the same data, inert on a terminal', async (_, args) => {
    const r = await runCli(['--plan', plan, ...args, ...AS_OF]);
    expect(r.code).toBe(0);
    expectInert(r.stdout);
    // Nothing is lost: the parsed JSON holds the characters themselves.
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('\\u001b[31mred');
    expect(r.stdout).toContain('\\u202e');
  });
});

describe('diagnostics that echo user text', () => {
  const plan = brokenPlan();

  it('csp validate (text) shows keys, values and file names escaped', async () => {
    const r = await runCli(['--plan', plan, 'validate', ...AS_OF]);
    expect(r.code).toBe(1);
    expectInert(r.stdout);
    expect(r.stdout).toContain("unknown field 'sta\\u{001B}[31mtus\\u{202E}'");
    expect(r.stdout).toContain('\\u{001B}]0;pwned\\u{0007}recurring');
    expect(r.stdout).toContain('p1.3\\u{001B}[31m,x:y.yaml');
  });

  it('csp validate --format github writes one escaped annotation per diagnostic', async () => {
    const r = await runCli(['--plan', plan, 'validate', '--format', 'github', ...AS_OF]);
    expect(r.code).toBe(1);
    expectInert(r.stdout);
    const json = JSON.parse((await runCli(['--plan', plan, 'validate', '--format', 'json', ...AS_OF])).stdout) as { diagnostics: unknown[] };
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(json.diagnostics.length + 1);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^::(error|warning) file=[^,:]*,line=\d+,col=\d+,title=csp [a-z-]+::/);
    // ':' and ',' of the file name are escaped in the property, so they cannot add properties.
    expect(r.stdout).toContain('file=plan/pillar-1/p1.3\\u{001B}[31m%2Cx%3Ay.yaml,line=');
  });

  it('csp validate --format json keeps the text, escaped', async () => {
    const r = await runCli(['--plan', plan, 'validate', '--format', 'json', ...AS_OF]);
    expectInert(r.stdout);
    const data = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
    expect(data.diagnostics.find((d) => d.rule === 'unknown-field')!.message).toContain('sta\u001b[31mtus\u202e');
  });

  it('a command that refuses a broken file prints its diagnostics escaped on stderr', async () => {
    const r = await runCli(['--plan', plan, 'note', 'p1.2', 'x', ...AS_OF]);
    expect(r.code).toBe(1);
    expectInert(r.stderr);
    expect(r.stderr).toContain('\\u{001B}');
  });

  it('the banner of a dashboard drawn despite broken files names them escaped', async () => {
    const r = await runCli(['--plan', plan, 'status', ...AS_OF]);
    expect(r.code).toBe(1);
    expectInert(r.stdout);
    expect(r.stdout).toContain('plan/pillar-1/p1.2.yaml (');
    expect(r.stdout).toContain('\\u{001B}');
  });

  it('errors that quote the command line are escaped too', async () => {
    for (const args of [['stat\u001b[31mus'], ['--plan', '/nonexistent/x\u001b]0;pwned\u0007', 'status'], ['--plan', plan, 'status', '--status', 'a\u009b2J']]) {
      const r = await runCli(args);
      expect(r.code).toBeGreaterThan(0);
      expectInert(r.stderr);
      expectInert(r.stdout);
    }
  });
});

describe('the sanitiser', () => {
  it('escapes every unsafe character and keeps newline, tab and ordinary text', () => {
    for (const ch of ['\u0000', '\u0007', '\u0008', '\u000b', '\u000d', '\u001b', '\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u2028', '\u202e', '\u2066', '\u2069']) {
      const out = termSafe(`a${ch}b`);
      expect(out, `U+${ch.charCodeAt(0).toString(16)}`).not.toMatch(RAW_UNSAFE);
      expect(out).toMatch(/^a\\u\{[0-9A-F]{4}\}b$/);
    }
    expect(termSafe('Réunion à Séoul — 서울 회의\n\tsuite')).toBe('Réunion à Séoul — 서울 회의\n\tsuite');
    expect(termSafeLine('one\ntwo\r\nthree\tfour')).toBe('one two three four');
  });

  it('never leaves an unsafe character, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(termSafe(s)).not.toMatch(RAW_UNSAFE);
        expect(termSafeLine(s)).not.toMatch(/[\n\t]/);
        expect(escapeMarkdown(s)).not.toMatch(RAW_UNSAFE);
      }),
      { numRuns: 300 },
    );
  });

  it('writes JSON that means the same data and holds no unsafe character', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 40 }), (v, s) => {
        const value = { v, s };
        const json = toSafeJson(value);
        expect(json).not.toMatch(RAW_UNSAFE);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('puts control characters of a link in its URL percent-encoded', () => {
    const md = markdownLink('x\u001b', 'https://example.org/a\u001b[31m\u202e');
    expect(md).not.toMatch(RAW_UNSAFE);
    expect(md).toContain('%1B[31m%E2%80%AE');
  });
});

describe('GitHub annotations', () => {
  it('escape %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeGithubData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeGithubProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    const d: Diagnostic = { file: 'plan/a,b:c.yaml', line: 2, column: 3, severity: 'error', rule: 'yaml-syntax', message: '100% wrong\nsecond line', hint: 'fix::it' };
    const out = formatDiagnosticsGithub([d], { files: 1 });
    expect(out.split('\n')[0]).toBe('::error file=plan/a%2Cb%3Ac.yaml,line=2,col=3,title=csp yaml-syntax::100%25 wrong%0Asecond line — fix::it');
  });
});

describe('source lines under a diagnostic', () => {
  it('shows a long line as a window around the column, with the caret under it', () => {
    const line = `title: "${'x'.repeat(5000)}Y${'z'.repeat(5000)}"`;
    const column = line.indexOf('Y') + 1;
    const { shown, before } = sourceExcerpt(line, column);
    expect(shown.length).toBeLessThan(200);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown[displayWidth(before)]).toBe('Y');
  });

  it('places the caret by display width after escaped characters and wide text', () => {
    const line = 'title: 서울\u001b[31m Y';
    const { shown, before } = sourceExcerpt(line, line.indexOf('Y') + 1);
    expect(shown).not.toMatch(RAW_UNSAFE);
    // Two Hangul syllables are four columns: the caret's column is the width of what precedes it.
    expect(displayWidth(before)).toBe(displayWidth(shown.slice(0, shown.indexOf('Y'))));
  });
});
