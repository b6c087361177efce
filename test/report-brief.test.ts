/** The brief (csp report) from plans built here: readable markdown, charts beside it, self-contained HTML, measures. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeTableCell } from '../src/render/markdown.js';
import { runCli, SHIPPED_ROOT } from './helpers/cli.js';
import { commit, gitInit } from './helpers/git.js';
import { initiative, withManifest, writeTree } from './helpers/plan.js';

const toHtml = (md: string) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The text a reader sees in rendered HTML: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The awkward strings of issue #16, each as a note should show it. */
const AWKWARD = ['R&D', '$1.2B', '#42', 'a@b.org', '*x*', 'a | b', '<script>alert(1)</script>', '[x](javascript:alert(1))', 'snake_case', '$5 and $6', '&amp; stays', '_under_', '~~gone~~', '1. not a list', '# not a heading'];

const LONG = `${'Officials reviewed the implementation of the memorandum in detail. '.repeat(8)}The end.`;
const MULTI = 'The working group met twice.\n\nIt agreed on:\n- a joint study;\n- an exchange of officials.\n\nNext meeting in May.';

function yamlBlock(text: string): string {
  return `|-\n${text
    .split('\n')
    .map((l) => (l ? `      ${l}` : ''))
    .join('\n')}`;
}

async function planWithNotes(): Promise<{ root: string; commit: string }> {
  const root = writeTree(
    withManifest({
      'plan/pillar-1/p1.1.yaml': initiative(
        'p1.1',
        1,
        `notes:\n${AWKWARD.map((a, k) => `  - date: 2025-01-${10 + k}\n    text: ${yamlBlock(`Note ${k}: ${a} end`)}\n`).join('')}`,
      ),
      'plan/pillar-1/p1.2.yaml': initiative(
        'p1.2',
        1,
        `kind: recurring\ncadence: annual\nnotes:\n  - date: 2024-11-01\n    text: First meeting.\n    status: ongoing\n  - date: 2025-09-01\n    text: ${yamlBlock(MULTI)}\n    status: in-progress\n    side: ca\n  - date: 2025-10-01\n    text: Korea sees risks.\n    status: at-risk\n    side: kr\n`,
      ),
      'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2, `notes:\n  - date: 2025-08-01\n    text: ${yamlBlock(LONG)}\n    status: completed\n`),
    }),
  );
  gitInit(root);
  commit(root, 'plan');
  expect((await runCli(['review', 'create', 'dialogue-2025', '--date', '2025-06-30', '--title', 'Dialogue 2025', '--as-of', '2025-12-31'], { cwd: root })).code).toBe(0);
  return { root, commit: commit(root, 'review') };
}

const { root, commit: planCommit } = await planWithNotes();
const csp = async (...args: string[]) => await runCli(['--as-of', '2025-12-31', ...args], { cwd: root });

describe('readable markdown', async () => {
  const md = (await csp('report', '--notes', '20')).stdout;
  const html = toHtml(md);
  const seen = visibleText(html);

  it('renders every awkward string as written, and keeps it as written in the raw file', () => {
    for (const a of AWKWARD) {
      expect(seen, a).toContain(`Note ${AWKWARD.indexOf(a)}: ${a} end`);
    }
    // The raw file reads as plain text: no entity, no escape where GFM would not misread.
    for (const plain of ['R&D', '$1.2B', '#42', 'a@b.org', 'a | b', 'snake_case', '1. not a list', '# not a heading']) expect(md).toContain(plain);
    expect(md).not.toMatch(/&amp;(?! stays)|&lt;|&gt;|\\@|\\#|\\&(?!amp;)/);
    // Nothing from plan text becomes markup: no live HTML, no link but the address shown.
    expect(html).not.toMatch(/<script|<del>|<em>x<\/em>|<h1>not|<ol>\s*<li>not/);
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(['mailto:a@b.org']));
  });

  it('keeps a note’s paragraphs and lists, and shortens a long note in summaries only', () => {
    const annex = html.slice(html.indexOf('<h2>Annex</h2>'));
    expect(annex).toContain('<p>The working group met twice.</p>');
    expect(annex).toMatch(/<ul>\s*<li>a joint study;<\/li>\s*<li>an exchange of officials.<\/li>\s*<\/ul>/);
    // In full in the annex (and among the changes since the review), shortened on the first page and in its pillar.
    expect(md.slice(md.indexOf('## Annex'))).toContain(LONG);
    expect(md.slice(0, md.indexOf('## Changes since'))).not.toContain(LONG);
    expect(md.slice(md.indexOf('\n## Pillar 1'), md.indexOf('## Annex'))).not.toContain(LONG);
    const pillar2 = md.slice(md.indexOf('\n## Pillar 2'), md.indexOf('## Annex'));
    expect(pillar2).toMatch(/Officials reviewed .*… \(full text in the annex\)/);
  });

  it('shows the measures: trend since the review, freshness, cadence, highlights and what needs attention', () => {
    expect(md).toContain('**Since Dialogue 2025 (2025-06-30):** ↑ 1 improved · ↓ 1 regressed · → 1 unchanged · + 0 new.');
    expect(md).toContain('Evidence: 2 of 3 open commitments (67%) have a progress note dated after 2025-06-30.');
    expect(md).toContain('| p1.2 | Title of p1.2 | annual | 1 of 1 | 2025-10-01 | 2026-10-01 | — |');
    expect(md).toMatch(/### Highlights of the period\n\n- \*\*p2\.1\*\* Title of p2\.1 — completed \(2025-08-01\)/);
    expect(md).toContain('- **Where assessments differ (1)**: **p1.2** Title of p1.2 (Canada: in progress · Republic of Korea: at risk)');
    // Trend arrows in the pillar tables.
    expect(md).toContain('| p2.1 | Title of p2.1 | completed | ↑ | 2025-08-01 |');
    expect(md).toContain('| p1.2 | Title of p1.2 | Canada: in progress · Republic of Korea: at risk | ↓ | 2025-10-01 |');
  });

  it('speaks the chosen scale, and sides differ only when their values on it differ', async () => {
    const ogp = (await csp('report', '--scale', 'ogp')).stdout;
    expect(ogp).toContain('**3** commitments · **1** not started · **1** limited · **0** substantial · **1** complete · **0** withdrawn');
    // In progress and at risk are both "limited": the sides do not differ on this scale.
    expect(ogp).not.toContain('Where assessments differ');
    expect(ogp).toContain('| p1.2 | Title of p1.2 | limited |');
  });

  it('writes its charts as SVG files beside the report with -o, and references them', async () => {
    const dir = path.join(root, 'out');
    const r = await csp('report', '-o', `${dir}/`);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report-status.svg', 'report-trend.svg', 'report.md']);
    const written = readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(written).toContain('![Status by pillar](report-status.svg)');
    expect(written).toContain('![Trend since the previous review](report-trend.svg)');
    for (const f of ['report-status.svg', 'report-trend.svg']) {
      const svg = readFileSync(path.join(dir, f), 'utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
      expect(svg).not.toMatch(/<script|href|<image|<foreignObject/i);
    }
  });
});

describe('the HTML brief', async () => {
  const r = await csp('report', '--format', 'html', '--notes', '20');
  const html = r.stdout;

  it('is one self-contained file: inline CSS and SVG, no script, nothing fetched', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    // The only URLs: the SVG namespace and links a note carries (none here).
    expect([...html.matchAll(/https?:\/\/[^\s"<)]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect((html.match(/<svg /g) ?? []).length).toBe(2 + 2);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('prints with a running footer pinned to the plan’s commit, and page breaks between sections', async () => {
    const footer = `progress to 2025-12-31 · plan at ${planCommit.slice(0, 12)}`;
    expect(html).toContain(`@bottom-left { content: "${footer}"`);
    expect(html).toContain('counter(page) " / " counter(pages)');
    expect(html).toContain('section.annex { break-before: page; }');
    expect(html).toContain(`<p class="cutoff">${footer}</p>`);
    expect((await csp('report', '--format', 'html', '--paper', 'letter')).stdout).toContain('@page { size: letter;');
  });

  it('says when the plan has uncommitted changes', async () => {
    const file = path.join(root, 'plan/pillar-2/p2.1.yaml');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, `${before}# a comment\n`);
      expect((await csp('report', '--format', 'html')).stdout).toContain(`plan at ${planCommit.slice(0, 12)} (with uncommitted changes)`);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('is the same bytes for the same plan and date, in every format and language', async () => {
    for (const args of [['--format', 'html'], ['--format', 'md'], ['--format', 'html', '--lang', 'fr'], ['--lang', 'ko', '--scale', 'compliance']]) {
      expect((await csp('report', ...args)).stdout).toBe((await csp('report', ...args)).stdout);
    }
  });

  it('marks untranslated plan text one way, and writes French typography', async () => {
    const fr = (await csp('report', '--format', 'html', '--lang', 'fr')).stdout;
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<span lang="en">Title of p1.1</span> <span class="tr">(EN)</span>');
    expect(fr).toContain('En un coup d’œil');
    expect(fr).toMatch(/Depuis Dialogue 2025 \(2025-06-30\)\u00a0:/);
    // No ordinary space before a colon or semicolon in the French words (plan text stays as written).
    const body = visibleText(fr.slice(fr.indexOf('<body>')));
    expect(body).toMatch(/\u00a0: /);
    expect(body).not.toMatch(/ [:;] /);
  });
});

describe("the plan's events in the brief", () => {
  it('are named in the brief’s language, their English text marked as such', async () => {
    const brief = async (lang: string) =>
      visibleText((await runCli(['--as-of', '2026-03-01', 'report', '--format', 'html', '--lang', lang], { cwd: SHIPPED_ROOT })).stdout);
    const en = await brief('en');
    expect(en).toMatch(/2024-11-01 \(ministers\): Inaugural Canada–ROK .*— source 1, source 2/);
    const fr = await brief('fr');
    expect(fr).toMatch(/2024-11-01 \(ministres\)\u00a0: Inaugural Canada–ROK .* \(EN\) — source 1, source 2/);
    expect(fr).toMatch(/\((dirigeants|hauts fonctionnaires|décision)\)\u00a0: /);
    const ko = await brief('ko');
    expect(ko).toMatch(/2024-11-01 \(장관\): Inaugural Canada–ROK .* \(EN\) — 출처 1, 출처 2/);
    for (const text of [fr, ko]) expect(text).not.toMatch(/\((ministers|leaders|senior officials|decision)\)/);
  });
});

describe('the language of a note', () => {
  const langRoot = writeTree(
    withManifest({
      'plan/pillar-1/p1.1.yaml': initiative(
        'p1.1',
        1,
        'notes:\n  - date: 2025-03-01\n    text: Workshop held in Ottawa.\n    status: in-progress\n  - date: 2025-04-01\n    text: 서울에서 후속 회의를 개최했습니다.\n    lang: ko\n',
      ),
    }),
  );
  const report = async (...args: string[]) => (await runCli(['--as-of', '2025-12-31', 'report', '--notes', '5', ...args], { cwd: langRoot })).stdout;

  it('is marked only when it differs from the report’s, always the same way', async () => {
    const en = await report();
    expect(en).toContain('서울에서 후속 회의를 개최했습니다. (KO)');
    expect(en).toMatch(/^Workshop held in Ottawa\.$/m);
    const ko = await report('--lang', 'ko');
    expect(ko).toMatch(/^서울에서 후속 회의를 개최했습니다\.$/m);
    expect(ko).toContain('Workshop held in Ottawa. (EN)');
    expect(ko).toContain('Title of p1.1 (EN)');
    expect(ko).not.toMatch(/_\(EN\)_|\[EN\]/);
  });

  it('is recorded by csp note --lang, and checked against the languages csp knows', async () => {
    const r = await runCli(['--as-of', '2025-12-31', 'note', 'p1.1', 'Réunion tenue à Montréal.', '--date', '2025-05-01', '--lang', 'fr'], { cwd: langRoot });
    expect(r.code, r.stderr).toBe(0);
    const [file] = readdirSync(path.join(langRoot, 'plan/notes/p1.1'));
    expect(readFileSync(path.join(langRoot, 'plan/notes/p1.1', file!), 'utf8')).toMatch(/\ntext: Réunion tenue à Montréal\.\nlang: fr\n/);
    expect((await runCli(['--as-of', '2025-12-31', 'validate'], { cwd: langRoot })).code).toBe(0);
    expect(await report('--lang', 'fr')).toMatch(/^Réunion tenue à Montréal\.$/m);
    expect((await runCli(['--as-of', '2025-12-31', 'note', 'p1.1', 'x', '--lang', 'de'], { cwd: langRoot })).code).toBe(2);
  });
});

describe('csp report --format pdf', () => {
  it('needs -o, and says how to print from a browser when none is installed', async () => {
    const noFile = await csp('report', '--format', 'pdf');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('give -o FILE');
    const none = await runCli(['--as-of', '2025-12-31', 'report', '--format', 'pdf', '-o', path.join(root, 'brief.pdf')], { cwd: root, env: { PATH: '/nonexistent', CSP_BROWSER: undefined } });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/no Chromium, Chrome or Edge found on the PATH[\s\S]*print it to PDF/);
    const broken = await runCli(['--as-of', '2025-12-31', 'report', '--format', 'pdf', '-o', path.join(root, 'brief.pdf')], { cwd: root, env: { CSP_BROWSER: '/bin/false' } });
    expect(broken.code).toBe(3);
    expect(broken.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(root)).not.toContain('brief.pdf');
  });
});

describe('the markdown escaper, on any text', () => {
  const alphabet = fc.constantFrom(...'ab1 .:/@&;#*_~`[]()<>!|$\\-+=>{}"\'wh'.split(''), 'www.', '://', '&amp;', '&#42;', '1. ', '- ', '# ', '```', '~~', '**');
  const text = fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join(''));

  it('renders as the text itself, in a paragraph, at the start of a line and in a table cell', () => {
    fc.assert(
      fc.property(text, (s) => {
        const want = s.replace(/\s+/g, ' ').trim();
        const rendered = toHtml(`x ${escapeMarkdown(s)} y`);
        // No markup but, at most, an e-mail address linked to itself.
        expect(rendered.replace(/<a href="mailto:[^"]*">/g, '').replace(/<\/a>/g, '')).toMatch(/^<p>[^<]*<\/p>$/);
        const para = visibleText(rendered).replace(/\s+/g, ' ').trim();
        expect(para).toBe(`x ${want} y`.replace(/\s+/g, ' '));
        if (want !== '') {
          const start = visibleText(toHtml(escapeMarkdown(s, { lineStart: true }))).replace(/\s+/g, ' ').trim();
          expect(start).toBe(want);
        }
        const cell = toHtml(`| a |\n| --- |\n| ${escapeTableCell(s)} |`);
        expect((cell.match(/<td>/g) ?? []).length).toBe(1);
        expect(visibleText(cell.slice(cell.indexOf('<tbody>'))).replace(/\s+/g, ' ').trim()).toBe(want || '—');
      }),
      { numRuns: 1500, seed: 16 },
    );
  });
});
