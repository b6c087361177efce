/** Review files for people: the list of reviews and one review in full. Pure. */
import type { Review } from '../core/review.js';
import type { ReviewProgress } from '../core/review-progress.js';
import { type Status, STATUSES } from '../core/vocabulary.js';
import { termSafeLine } from './sanitize.js';
import { barAndCounts, countsLine, percent, progressBar } from './status.js';
import { STATUS_SYMBOLS, statusLabel, type Style } from './style.js';
import { renderTable } from './table.js';
import { displayWidth, visibleWidth, wrap, wrapAfter } from './width.js';

/** A review file and its progress (core/review-progress.ts). */
export interface ReviewShown {
  review: Review;
  progress: ReviewProgress;
}

export function renderReviewList(reviews: readonly ReviewShown[], style: Style, width: number): string {
  if (reviews.length === 0) return `${style.dim("No reviews yet. Freeze the plan for a Strategic Dialogue with 'csp review create NAME'.")}\n`;
  const rows = reviews.map(({ review: r, progress }) => [
    termSafeLine(r.name),
    r.data.date,
    termSafeLine(r.data.title ?? ''),
    String(progress.totals.total),
    percent(progress.totals.completedShare),
  ]);
  const head = ['Name', 'Date', 'Title', 'Initiatives', 'Completed'];
  const widths = head.map((h, k) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k]!))));
  const others = widths.reduce((a, w, k) => (k === 2 ? a : a + w + 2), 0) + head.length + 1;
  widths[2] = Math.max(displayWidth(head[2]!), Math.min(widths[2]!, width - others - 2));
  const cut = rows.map((r) => r.map((c, k) => (k === 2 ? wrap(c, widths[2]!).join('\n') : c)));
  return `${renderTable(head, cut, widths.map((w) => w + 2))}\n`;
}

export function reviewListJson(reviews: readonly ReviewShown[]): unknown {
  return {
    reviews: reviews.map(({ review: r, progress }) => ({
      name: r.name,
      file: r.file,
      date: r.data.date,
      ...(r.data.title !== undefined ? { title: r.data.title } : {}),
      plan: r.data.plan,
      initiatives: progress.totals.total,
      counts: progress.totals.counts,
    })),
  };
}

export function renderReviewText({ review: r, progress }: ReviewShown, style: Style, width: number): string {
  const d = r.data;
  const w = Math.max(40, width);
  const out: string[] = [];
  out.push(...wrap(termSafeLine(`Review ${r.name}${d.title !== undefined ? ` · ${d.title}` : ''}`), w).map((l) => style.bold(l)));
  out.push(...wrap(termSafeLine(d.plan), w).map((l) => style.dim(l)));
  out.push(...wrap(`Frozen as of ${d.date} · ${termSafeLine(r.file)}`, w).map((l) => style.dim(l)), '');
  const head = ['ID', 'Title', 'Status', 'Since', 'Notes', 'Last note'];
  // On a narrow terminal statuses show their symbols only (with a key), to leave titles room.
  let words = true;
  const statusCell = (st: Status) => style.status(st, words ? statusLabel(st) : STATUS_SYMBOLS[st]);
  const rowsOf = (p: ReviewProgress['pillars'][number]) =>
    p.initiatives.map((i) => [
        termSafeLine(i.id),
        termSafeLine(i.pillar === p.number ? i.title : `${i.title} (also pillar ${i.pillar})`),
        statusCell(i.status),
        i.statusSince ?? '—',
        String(i.noteCount),
        i.lastNote ?? 'never',
      ]);
  const measure = () => {
    const all = progress.pillars.flatMap(rowsOf);
    const widths = head.map((h, k) => Math.max(displayWidth(h), ...all.map((row) => visibleWidth(row[k]!))));
    const others = widths.reduce((a, x, k) => (k === 1 ? a : a + x + 2), 0) + head.length + 1;
    return { widths, room: w - others - 2 };
  };
  let { widths, room } = measure();
  if (room < 16) {
    words = false;
    ({ widths, room } = measure());
    out.push(...wrapAfter('Statuses: ', STATUSES.map((st) => statusLabel(st)).join(' · '), w).map((l) => style.dim(l)), '');
  }
  widths[1] = Math.max(displayWidth(head[1]!), Math.min(widths[1]!, room));
  for (const p of progress.pillars) {
    out.push(...wrap(termSafeLine(`Pillar ${p.number} · ${p.title}`), w).map((l) => style.bold(l)));
    out.push(...barAndCounts(`${progressBar(p.counts, p.total)} ${percent(p.completedShare)} completed`, `${p.total} initiatives: ${countsLine(p.counts, style)}`, w));
    // Titles wrap in their column, whole.
    const rows = rowsOf(p).map((row) => row.map((c, k) => (k === 1 ? wrap(c, widths[1]!).join('\n') : c)));
    if (rows.length) out.push(renderTable(head, rows, widths.map((x) => x + 2)));
    out.push('');
  }
  const t = progress.totals;
  out.push(style.bold(`Total: ${t.total} initiatives`), ...barAndCounts(`${progressBar(t.counts, t.total)} ${percent(t.completedShare)} completed`, countsLine(t.counts, style), w));
  return `${out.join('\n')}\n`;
}
