/**
 * Review files' dates, read from their `date:` line (csp writes it at the
 * start of a line) without the YAML parser, so that a warm `csp status` or
 * `csp validate` stays fast: the dashboard's "since the last review", and
 * reviews dated before the plan was adopted (most often a mistyped year).
 * A review file that is broken is reported by the review check itself.
 */
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { RawFile } from './assemble.js';

export interface ReviewDate {
  name: string;
  date: string;
  file: string;
  /** Where the date is written (1-based). */
  line: number;
  column: number;
  /** The file's text, for showing the line. */
  text: string;
}

/** Each review file that has a `date:` line, oldest first (then by name). */
export function reviewDates(files: readonly RawFile[]): ReviewDate[] {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const out: ReviewDate[] = [];
  for (const f of files) {
    if (!f.bytes) continue;
    const text = decoder.decode(f.bytes);
    const lines = text.split(/\r?\n/);
    const line = lines.findIndex((l) => /^date:\s*["']?\d{4}-\d{2}-\d{2}/.test(l));
    if (line < 0) continue;
    const date = /\d{4}-\d{2}-\d{2}/.exec(lines[line]!)![0];
    const name = f.path.slice(f.path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
    out.push({ name, date, file: f.path, line: line + 1, column: lines[line]!.indexOf(date) + 1, text });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name < b.name ? -1 : 1));
}

/** Warnings for reviews dated before the adoption, with the text of their files. */
export function reviewsBeforeAdoption(reviews: readonly ReviewDate[], adopted: string): (Diagnostic & { source: string })[] {
  return reviews
    .filter((r) => r.date < adopted)
    .map((r) => ({
      ...diagnostic(
        { file: r.file, line: r.line, column: r.column },
        'date-before-adoption',
        `the review is dated ${r.date}, before the plan was adopted on ${adopted}`,
        'check the year; a review freezes the plan as of a day after its adoption',
        'warning',
      ),
      source: r.text,
    }));
}
