/** What `csp note` and `csp add` tell people: what was recorded, and (with --dry-run) the new file as a diff. */
import type { NoteToAdd } from '../core/edit/note-file.js';
import { termSafe, termSafeLine } from './sanitize.js';
import type { Style } from './style.js';
import { truncate } from './width.js';

/** A plan file's lines as a terminal may show them: no byte-order mark, no CR, control characters escaped. */
function shownLine(line: string): string {
  return termSafe(line.replace(/^\uFEFF/, '').replace(/[\r\n]/g, ''));
}

export interface RecordedNote {
  id: string;
  title: string;
  file: string;
  note: NoteToAdd;
  /** 0-based position of the note among the initiative's notes in date order, and how many it now has. */
  index: number;
  count: number;
}

/** "Recorded a note on p1.3 …" with the fields that were written. */
export function renderNoteRecorded(r: RecordedNote, style: Style, width: number, dryRun = false): string {
  const head = dryRun ? 'Would record a note on' : 'Recorded a note on';
  const out = [`${head} ${style.bold(termSafeLine(r.id))} · ${termSafeLine(r.title)}`];
  const field = (label: string, value: string) => out.push(`  ${style.dim(label.padEnd(8))}${value}`);
  const max = Math.max(20, width - 12);
  const where = r.index + 1 === r.count ? `its latest of ${r.count} note${r.count === 1 ? '' : 's'}` : `note ${r.index + 1} of ${r.count}, in date order`;
  field('file', `${termSafeLine(r.file)} (${where})`);
  field('date', r.note.date);
  if (r.note.status) field('status', style.status(r.note.status, r.note.status));
  if (r.note.side) field('side', termSafeLine(r.note.side));
  if (r.note.author) field('author', truncate(termSafeLine(r.note.author), max));
  const lines = r.note.text.split('\n');
  const more = lines.length > 1 ? style.dim(` (${lines.length} lines, ${[...r.note.text].length} characters)`) : '';
  field('text', truncate(termSafeLine(lines[0] ?? ''), max) + more);
  for (const link of r.note.links ?? []) field('link', termSafeLine(link));
  if (dryRun) out.push(style.dim('Dry run: nothing was written.'));
  return `${out.join('\n')}\n`;
}

/** A new file as a unified diff against nothing, for --dry-run of `csp note` and `csp add`. */
export function renderNewFile(file: string, text: string, style: Style): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out = [
    style.bold('--- /dev/null'),
    style.bold(`+++ ${termSafeLine(file)}`),
    style.accent(`@@ -0,0 +1,${lines.length} @@`),
    ...lines.map((l) => style.ok(`+${shownLine(l)}`)),
  ];
  return `${out.join('\n')}\n`;
}
