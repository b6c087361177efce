#!/usr/bin/env node
// Regenerates the committed example brief of the shipped plan (docs/example-report.*) as of 2026-03-01:
// the markdown with its SVG charts, the HTML, and — when chromium and poppler-utils are installed —
// PNG pictures of the first pages of the HTML printed on A4. Run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docs = path.join(root, 'docs');
const csp = (...args) => execFileSync(process.execPath, [path.join(root, 'bin/csp.cjs'), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const AS_OF = '2026-03-01';

csp('report', '--as-of', AS_OF, '-o', path.join(docs, 'example-report.md'));
csp('report', '--as-of', AS_OF, '--format', 'html', '-o', path.join(docs, 'example-report.html'));

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
if (has('chromium') && has('pdftoppm')) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'csp-example-'));
  const html = path.join(tmp, 'a4.html');
  const pdf = path.join(tmp, 'a4.pdf');
  csp('report', '--as-of', AS_OF, '--format', 'html', '--paper', 'a4', '-o', html);
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${path.join(tmp, 'profile')}`, `--print-to-pdf=${pdf}`, pathToFileURL(html).href], { stdio: 'ignore' });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdf, path.join(docs, 'example-report-page')]);
  // pdftoppm pads page numbers to the page count's digits (page-01 for 10 pages or more): keep the names stable.
  for (const f of readdirSync(docs)) {
    const m = /^example-report-page-0+(\d+)\.png$/.exec(f);
    if (m) renameSync(path.join(docs, f), path.join(docs, `example-report-page-${m[1]}.png`));
  }
  console.log(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:.*$/m)[0]);
  rmSync(tmp, { recursive: true, force: true });
} else console.log('chromium or poppler-utils not installed: PNG pages not regenerated');
