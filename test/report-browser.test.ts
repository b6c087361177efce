/**
 * The HTML brief in a real browser: headless Chromium prints the brief of
 * the shipped plan after a busy year (test/helpers/busy-plan.ts) to an A4
 * PDF, and poppler's tools read the PDF back: how many pages the front
 * matter and the pillars take, the running footer on every page, no text
 * outside the page (no cut table column), and every chart drawn.
 * Skipped, saying so, when chromium or poppler-utils is not installed
 * (.ci/run installs both).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { BUSY_AS_OF, busyPlan } from './helpers/busy-plan.js';

function which(names: string[]): string | undefined {
  for (const n of names) {
    const r = spawnSync('sh', ['-c', `command -v ${n}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

const CHROMIUM = which(['chromium', 'chromium-browser', 'google-chrome']);
const POPPLER = which(['pdfinfo']) && which(['pdftotext']) && which(['pdftoppm']);
const MISSING = [CHROMIUM ? '' : 'chromium', POPPLER ? '' : 'poppler-utils'].filter(Boolean);
if (MISSING.length) {
  console.warn(`report-browser.test.ts: SKIPPED — ${MISSING.join(' and ')} not installed (apt-get install -y chromium poppler-utils; .ci/run does this)`);
}

const A4 = { width: 595.3, height: 841.9 };
const MARGIN_X = (14 / 25.4) * 72; // the print stylesheet's side margin, in points

/** The colours the charts fill their bars with (report-doc.ts), as RGB. */
const COLOUR = {
  notStarted: [0xc9, 0xce, 0xd6],
  inProgress: [0x4a, 0x90, 0xc8],
  ongoing: [0x2a, 0x7f, 0x62],
  atRisk: [0xd9, 0x82, 0x2b],
  completed: [0x1f, 0x5f, 0x2e],
  regressed: [0xc0, 0x39, 0x2b],
  unchanged: [0x9a, 0xa3, 0xad],
} as const;

/** Pixels of each colour in a binary PPM (P6) image. */
function countColours(ppm: Buffer, colours: Record<string, readonly number[]>): Record<string, number> {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const start = header[0].length;
  const out = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
  for (let k = start; k + 2 < ppm.length; k += 3) {
    for (const [name, [r, g, b]] of Object.entries(colours)) {
      if (Math.abs(ppm[k]! - r!) <= 2 && Math.abs(ppm[k + 1]! - g!) <= 2 && Math.abs(ppm[k + 2]! - b!) <= 2) out[name]!++;
    }
  }
  return out;
}

describe.skipIf(MISSING.length > 0)('the HTML brief printed by headless Chromium', () => {
  it('fits the front matter and pillars in 6 A4 pages, keeps every table on the page and draws every chart', async () => {
    const { root, commit } = await busyPlan();
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-print-'));
    const html = path.join(dir, 'brief.html');
    const pdf = path.join(dir, 'brief.pdf');
    const r = await runCli(['report', '--format', 'html', '--paper', 'a4', '--as-of', BUSY_AS_OF, '-o', html], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const source = readFileSync(html, 'utf8');
    const svgs = (source.match(/<svg /g) ?? []).length;
    expect(svgs).toBe(2 + 5); // status by pillar, trend, one bar per pillar

    // The PDF as csp prints it (--format pdf runs the browser on the same HTML).
    const print = await runCli(['report', '--format', 'pdf', '--paper', 'a4', '--as-of', BUSY_AS_OF, '-o', pdf], { cwd: root, env: { CSP_BROWSER: CHROMIUM } });
    expect(print.code, print.stderr).toBe(0);

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const [w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info)!.slice(1).map(Number);
    expect(Math.abs(w! - A4.width)).toBeLessThan(1);
    expect(Math.abs(h! - A4.height)).toBeLessThan(1);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages);
    const pageOf = (re: RegExp) => text.findIndex((p) => re.test(p)) + 1;
    const pillar1 = pageOf(/^\s*Pillar 1: Defending/m);
    const pillar5 = pageOf(/^\s*Pillar 5: Deepening/m);
    const annex = pageOf(/^\s*Annex\s*$/m);
    // The first page alone: where we stand, what changed since the last review, what the dialogue must decide.
    expect(text[0]).toMatch(/At a glance/);
    expect(text[0]).toMatch(/Since Strategic Dialogue 2025 \(2025-07-18\)/);
    expect(text[0]).toMatch(/Highlights of the period/);
    expect(text[0]).toMatch(/For the dialogue’s attention/);
    expect(pillar1).toBe(2);
    expect(pillar5).toBeGreaterThan(pillar1);
    expect(annex).toBeGreaterThan(pillar5);
    const frontAndPillars = annex - 1;
    console.log(`report-browser: A4, ${pages} pages: front matter and pillars ${frontAndPillars}, annex ${pages - frontAndPillars}`);
    expect(frontAndPillars).toBeLessThanOrEqual(6);

    // The running footer and page number on every page, pinned to the plan's commit.
    text.forEach((p, k) => {
      expect(p, `page ${k + 1}`).toContain(`progress to ${BUSY_AS_OF} · plan at ${commit.slice(0, 12)}`);
      expect(p, `page ${k + 1}`).toMatch(new RegExp(`${k + 1}\\s*/\\s*${pages}`));
    });

    // No word outside the printable width: no table runs off the page.
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const xs = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(xs.length).toBeGreaterThan(1000);
    for (const [x0, x1] of xs) {
      expect(x0).toBeGreaterThanOrEqual(MARGIN_X - 2);
      expect(x1).toBeLessThanOrEqual(A4.width - MARGIN_X + 2);
    }
    // Every column of every table is there (a column cut off by the page is missing from the text),
    // and every commitment is in the annex.
    const pillarText = text.slice(pillar1 - 1, annex - 1).join('\n');
    expect(pillarText.match(/Last update/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    const annexText = text.slice(annex - 1).join('\n');
    for (const head of ['ID', 'Commitment', 'Kind', 'Status', 'Since', 'Last', 'Notes']) expect(annexText).toContain(head);
    const ids = [...source.matchAll(/<tr><td>(p\d+\.\d+)<\/td>/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(36);
    for (const id of new Set(ids)) expect(annexText).toMatch(new RegExp(`^\\s*${id.replace('.', '\\.')}\\s`, 'm'));

    // Every chart drawn: the first page holds the bars of every status the plan has and of the trend;
    // each pillar page holds bars too.
    const ppm = (page: number) => execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), pdf], { maxBuffer: 64 * 1024 * 1024 });
    const first = countColours(ppm(1), COLOUR);
    for (const [name, n] of Object.entries(first)) expect(n, `page 1: ${name} bars`).toBeGreaterThan(15);
    for (let p = pillar1; p <= pillar5; p++) {
      const c = countColours(ppm(p), COLOUR);
      expect(Object.values(c).reduce((a, b) => a + b, 0), `page ${p}: pillar bars`).toBeGreaterThan(50);
    }
  }, 120_000);
});
