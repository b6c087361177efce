/**
 * Where csp report -o writes: a file, or a folder (existing, or named with a trailing slash)
 * that gets report.md, report.html or report.pdf; the files written through writeOutputFile
 * (never a rename over a device, FIFO or link); a PDF printed from the HTML by a browser.
 */
import path from 'node:path';
import { ensureDir, isDirectory } from '../io/files.js';
import { printToPdf } from '../io/pdf.js';
import { writeOutputFile } from '../io/write.js';
import type { Scope } from './scope.js';

/** The file -o names (absolute), or undefined for standard output ('-' or no -o). */
export function reportTarget(scope: Pick<Scope, 'cwd'>, output: string | undefined, ext: string): string | undefined {
  if (output === undefined || output === '-') return undefined;
  const target = path.resolve(scope.cwd, output);
  if (isDirectory(target) || /[/\\]$/.test(output)) {
    ensureDir(target);
    return path.join(target, `report.${ext}`);
  }
  return target;
}

/** Writes one file of the report (an absolute path). */
export function writeReportFile(scope: Pick<Scope, 'cwd'>, file: string, content: string | Uint8Array): void {
  writeOutputFile(file, typeof content === 'string' ? new TextEncoder().encode(content) : content, { display: shownPath(scope, file) });
}

/** The report's HTML printed to PDF by a headless Chromium, Chrome or Edge (the PATH, or CSP_BROWSER, of the run's environment). */
export function printReportPdf(scope: Pick<Scope, 'env'>, html: string): Uint8Array {
  return printToPdf(html, scope.env);
}

/** A path as the user would recognise it: relative to where csp runs, unless that climbs out of it. */
export function shownPath(scope: Pick<Scope, 'cwd'>, file: string): string {
  const rel = path.relative(scope.cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
