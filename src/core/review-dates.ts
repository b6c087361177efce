/**
 * Reviews dated before the plan was adopted: most often a mistyped year. Read
 * from the review file's `date:` line (csp writes it at the start of a line)
 * without the YAML parser, so that a warm `csp validate` stays fast.
 */
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { RawFile } from './assemble.js';

/** Each review file's name and date, read from its `date:` line (no YAML parser): for the dashboard's "since the last review". */
export function reviewDates(files: readonly RawFile[]): { name: string; date: string }[] {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const out: { name: string; date: string }[] = [];
  for (const f of files) {
    if (!f.bytes) continue;
    const m = /^date:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(decoder.decode(f.bytes));
    if (m) out.push({ name: f.path.slice(f.path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, ''), date: m[1]! });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name < b.name ? -1 : 1));
}

export function reviewsBeforeAdoption(files: readonly RawFile[], adopted: string): (Diagnostic & { source: string })[] {
  const out: (Diagnostic & { source: string })[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const f of files) {
    if (!f.bytes) continue;
    const text = decoder.decode(f.bytes);
    const lines = text.split(/\r?\n/);
    const line = lines.findIndex((l) => /^date:\s*["']?\d{4}-\d{2}-\d{2}/.test(l));
    if (line < 0) continue;
    const date = /\d{4}-\d{2}-\d{2}/.exec(lines[line]!)![0];
    if (date >= adopted) continue;
    const column = lines[line]!.indexOf(date) + 1;
    out.push({
      ...diagnostic(
        { file: f.path, line: line + 1, column },
        'date-before-adoption',
        `the review is dated ${date}, before the plan was adopted on ${adopted}`,
        'check the year; a review freezes the plan as of a day after its adoption',
        'warning',
      ),
      source: text,
    });
  }
  return out;
}
