/** The annual-dialogue report: snapshot, and what a real GFM renderer makes of it. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownLink, markdownTable } from '../src/render/markdown.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { maskRevision } from './helpers/revision.js';

const SAMPLE = path.join(REPO_ROOT, 'test/fixtures/sample/plan');
const HOSTILE = path.join(REPO_ROOT, 'test/fixtures/hostile-report/plan');

const toHtml = (md: string) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/**
 * The report pins the plan to its git commit (the latest that changed the plan folder), which
 * moves whenever fixtures are committed: snapshots hold a placeholder there.
 */

/** Cells per row of every table in the HTML, and each table's header width. */
function tableShapes(html: string): { header: number; rows: number[] }[] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) => ({
    header: (table!.match(/<th[ >]/g) ?? []).length,
    rows: [...table!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map(([, row]) => (row!.match(/<td[ >]/g) ?? []).length),
  }));
}

describe('csp report', () => {
  it('renders the sample plan at a fixed date (snapshot)', async () => {
    const r = await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plan at [0-9a-f]{12}/);
    await expect(maskRevision(r.stdout)).toMatchFileSnapshot('__snapshots__/report-sample.md');
  });

  it.each(['fr', 'ko'])('renders headings, labels and translated text in %s (snapshot)', async (lang) => {
    const r = await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28', '--lang', lang]);
    expect(r.code).toBe(0);
    await expect(maskRevision(r.stdout)).toMatchFileSnapshot(`__snapshots__/report-sample.${lang}.md`);
  });

  it('marks plan text that has no translation, and uses the translation where there is one', async () => {
    const fr = (await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28', '--lang', 'fr'])).stdout;
    expect(fr).toContain('Dialogue sur les droits de la personne');
    expect(fr).not.toContain('Human rights dialogue');
    // One marker for untranslated text, everywhere.
    expect(fr).toContain('Coast guard forum (EN)');
    expect(fr).not.toContain('_(EN)_');
    expect((await runCli(['--plan', SAMPLE, 'report', '--lang', 'de'])).code).toBe(2);
  });

  it("has a section where the sides' assessments differ", async () => {
    const md = (await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28'])).stdout;
    const section = md.slice(md.indexOf('### Where assessments differ'), md.indexOf('### Thematic areas'));
    expect(section).toContain('| ID | Commitment | Canada | Republic of Korea |');
    expect(section).toContain('| p2.1 | Coast guard forum | ongoing (2026-09-01) | at risk (2026-10-01) |');
    // On the first page, among the items for the dialogue's attention, with the parties' names.
    expect(md).toContain('- **Where assessments differ (1)**: **p2.1** Coast guard forum (Canada: ongoing · Republic of Korea: at risk)');
  });

  it('shows the OGP and compliance scales', async () => {
    const ogp = (await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28', '--scale', 'ogp'])).stdout;
    expect(ogp).toContain('| Pillar | not started | limited | substantial | complete | withdrawn | total |');
    const c = (await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28', '--scale', 'compliance'])).stdout;
    expect(c).toContain('| All commitments | 2 | 1 | 2 | 0 | 50% |');
  });

  it('is byte-for-byte deterministic', async () => {
    const a = (await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28'])).stdout;
    const b = (await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28'])).stdout;
    expect(a).toBe(b);
  });

  it('keeps every table rectangular and hostile titles and notes as text', async () => {
    const md = (await runCli(['--plan', HOSTILE, 'report', '--as-of', '2026-01-01'])).stdout;
    const html = toHtml(md);
    const shapes = tableShapes(html);
    expect(shapes.length).toBeGreaterThanOrEqual(2);
    for (const t of shapes) for (const cells of t.rows) expect(cells).toBe(t.header);
    // No live HTML from the plan files, and the only links are the note's http(s)/mailto links.
    expect(html).not.toMatch(/<script|<img|<b>|<[^>]*onerror/);
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(['https://example.org/ok?a=%281%29&amp;b=%3C2%3E', 'mailto:desk@example.org']);
    for (const live of ['<strong>bold</strong>', '<em>bold</em>', '<code>code</code>', '<del>strike</del>', '<h1>heading?', '<h1>not a heading']) {
      expect(html).not.toContain(live);
    }
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Line two | with pipe');
    expect(html).toContain('(https://evil.example)');
  });

  it('writes to a file with -o and says so on stderr', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'csp-report-')), 'report.md');
    const r = await runCli(['--plan', SAMPLE, 'report', '--as-of', '2026-11-28', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(out);
    expect((await runCli(['--plan', SAMPLE, 'report', '-o', '/nonexistent-dir/report.md'])).code).toBe(3);
  });
});

describe('markdown escaping', () => {
  it('leaves no markdown or HTML live', () => {
    for (const hostile of ['*a*', '_a_', '`a`', '[a](b)', '<i>a</i>', 'https://x.example', 'www.x.example', '~~a~~', '# a', 'a\\', '&amp;', '$a$ $b$']) {
      const html = toHtml(`x ${escapeMarkdown(hostile)}`);
      expect(html, hostile).toBe(`<p>x ${hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`);
    }
  });

  it('builds tables whose cells never split, whatever they hold', () => {
    const html = toHtml(markdownTable(['a', 'b'], [['x | y', 'line\nbreak'], ['', '\\|']]));
    expect(tableShapes(html)).toEqual([{ header: 2, rows: [2, 2] }]);
  });

  it('links only http(s) and mailto URLs', () => {
    expect(markdownLink('x', 'javascript:alert(1)')).not.toContain('](');
    expect(toHtml(markdownLink('doc', 'https://example.org/a_(b)'))).toContain('href="https://example.org/a_%28b%29"');
    expect(toHtml(markdownLink('doc', 'https://example.org/a b'))).not.toContain('<a ');
  });
});

describe('reports for a review, with the changes since an earlier one', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-report-reviews-'));
  cpSync(SAMPLE, path.join(root, 'plan'), { recursive: true });
  const csp = async (...args: string[]) => await runCli(args, { cwd: root });
  expect((await csp('--as-of', '2026-11-28', 'review', 'create', 'dialogue-2025', '--date', '2025-06-30', '--title', 'Dialogue 2025')).code).toBe(0);
  expect((await csp('--as-of', '2026-11-28', 'review', 'create', 'dialogue-2026', '--date', '2026-10-15', '--title', 'Dialogue 2026')).code).toBe(0);

  it('reports as of the review date, titled after it, with changes since the previous review', async () => {
    const r = await csp('report', '--review', 'dialogue-2026');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# .* — Dialogue 2026\n/);
    expect(r.stdout).toContain('as of 2026-10-15.');
    const changes = r.stdout.slice(r.stdout.indexOf('## Changes since Dialogue 2025'), r.stdout.indexOf('\n## Pillar 1'));
    expect(changes).toContain('p1.2');
    expect(changes).toContain('completed');
    expect(changes).toContain('p2.1');
    expect(changes).not.toContain('p2.2'); // untouched since 2025-06-30
  });

  it('says what changed in the language of the report', async () => {
    const section = async (lang: string, start: string, end: string) => {
      const r = await csp('report', '--review', 'dialogue-2026', '--lang', lang);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.slice(r.stdout.indexOf(start), r.stdout.indexOf(end));
    };
    // French typography: a no-break space before ':' and inside « ».
    const fr = await section('fr', '## Changements depuis\u00a0: Dialogue 2025', '\n## Pilier 1');
    expect(fr).toContain('Point de départ\u00a0: l’examen «\u00a0dialogue-2025\u00a0» (2025-06-30).');
    expect(fr).toMatch(/- \*\*p1\.2\*\* .*\n {2}- état\u00a0: en cours → \*\*réalisée\*\* \(depuis le 2026-09-15\)/);
    expect(fr).toContain('évaluation de ca\u00a0: non communiquée → **continue**');
    expect(fr).not.toMatch(/ [:;]/);
    const ko = await section('ko', '## Dialogue 2025 이후 변경 사항', '\n## 제1축');
    expect(ko).toContain('상태: 진행 중 → **완료** (2026-09-15부터)');
    expect(ko).toContain('새 기록');
    for (const text of [fr, ko]) {
      expect(text.length).toBeGreaterThan(200);
      // The words are the catalogue's; only the plan's own text (titles, notes) may be English.
      expect(text).not.toMatch(/moved to|new notes?\b|status: |'s assessment|From review/);
    }
    expect(fr).toContain('\u00a0: Workshop delivered; report published. (EN)');
    // A note's translation is used where the plan has one.
    const file = path.join(root, 'plan/pillar-1/p1.2.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('    links: [https://example.org/report]\n', '    links: [https://example.org/report]\n    translations:\n      fr:\n        text: Atelier tenu; rapport publié.\n'));
    try {
      const translated = await section('fr', '## Changements depuis\u00a0: Dialogue 2025', '\n## Pilier 1');
      expect(translated).toContain('(réalisée)\u00a0: Atelier tenu; rapport publié. — [example.org/report]');
      expect(translated).toContain('(à risque · kr)\u00a0: Delays in scheduling the next meeting. (EN)');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('takes --since from the user, and refuses an unknown review (exit 2)', async () => {
    const r = await csp('report', '--review', 'dialogue-2026', '--since', '2026-09-01');
    expect(r.stdout).toContain('## Changes since 2026-09-01');
    const bad = await csp('report', '--review', 'dialogue-2062');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/did you mean .*'dialogue-2026'/);
  });
});
