/**
 * Printing the HTML brief to PDF with a Chromium-family browser the user
 * already has on the PATH (headless, no network: the HTML is self-contained).
 * Without one, csp says how to print from any browser instead.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { environmentError } from '../errors.js';

/** Browsers tried, in order; CSP_BROWSER names another. */
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'msedge'];

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        if (statSync(candidate).isFile()) {
          accessSync(candidate, constants.X_OK);
          return candidate;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function findBrowser(env: NodeJS.ProcessEnv): string | undefined {
  if (env.CSP_BROWSER) return env.CSP_BROWSER;
  for (const b of BROWSERS) {
    const found = onPath(b, env);
    if (found) return found;
  }
  return undefined;
}

/** The PDF of the HTML, printed by a headless browser. Exit 3 when there is none or it fails. */
export function printToPdf(html: string, env: NodeJS.ProcessEnv): Uint8Array {
  const browser = findBrowser(env);
  if (!browser) {
    throw environmentError(
      'no Chromium, Chrome or Edge found on the PATH to print the PDF with',
      "write HTML instead (csp report --format html -o brief.html), open it in any browser and print it to PDF; or install Chromium, or set CSP_BROWSER to your browser's program",
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-pdf-'));
  try {
    const input = path.join(dir, 'brief.html');
    const output = path.join(dir, 'brief.pdf');
    writeFileSync(input, html);
    const r = spawnSync(
      browser,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', '--no-first-run', `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${output}`, pathToFileURL(input).href],
      { encoding: 'utf8', timeout: 120_000, windowsHide: true },
    );
    let pdf: Uint8Array | undefined;
    try {
      pdf = readFileSync(output);
    } catch {
      pdf = undefined;
    }
    if (r.error || !pdf || pdf.length < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      const why = r.error ? (r.error as NodeJS.ErrnoException).code ?? r.error.message : `exit ${r.status}`;
      throw environmentError(`${path.basename(browser)} could not print the PDF (${why})`, 'write HTML instead (--format html) and print it from your browser; --debug shows more');
    }
    return pdf;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
