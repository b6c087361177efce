/**
 * What changed in the plan, for people: a terminal text (grouped by pillar,
 * coloured, readable without colour), markdown for pull-request comments
 * and the report, and JSON. Pure.
 */
import type { Change, DiffSummary, EditedChange, EditedField, NotesChange, PlanDiff } from '../core/diff.js';
import type { SnapshotNote, SnapshotSource } from '../core/snapshot.js';
import { type ReportLang, STATUSES, type Status } from '../core/vocabulary.js';
import { linkLabel } from '../core/input/links.js';
import { escapeMarkdown, markdownLink } from './markdown.js';
import { type DiffMessages, MESSAGES } from './messages.js';
import { termSafe, termSafeLine } from './sanitize.js';
import { statusLabel, type Style } from './style.js';
import { displayWidth, wrap, wrapAfter } from './width.js';

/** The terminal speaks English; markdown speaks the language it is asked for (the report's). */
const EN = MESSAGES.en.diff;

/** Where a snapshot comes from, in words. Plain text: callers escape it for their medium. */
function sourceLabel(s: SnapshotSource, m: DiffMessages = EN): string {
  switch (s.kind) {
    case 'review':
      return m.source.review(s.name, s.date);
    case 'date':
      return m.source.date(s.date);
    case 'revision': {
      const short = s.commit.slice(0, 7);
      // A revision typed as a commit id is named once: "revision 5a8574e", not "revision 5a8574e (5a8574e)".
      if (/^[0-9a-f]{4,40}$/i.test(s.revision) && s.commit.startsWith(s.revision.toLowerCase())) return m.source.revision(short, short).replace(` (${short})`, '');
      return m.source.revision(s.revision, short);
    }
    case 'worktree':
      return m.source.worktree(s.asOf);
  }
}

/** "3 moved to completed · 12 received notes · 1 added · 1 removed"; empty when nothing changed. */
function summaryParts(s: DiffSummary, m: DiffMessages = EN, statusWords: Record<Status, string> = MESSAGES.en.status): string[] {
  return [
    ...STATUSES.filter((st) => s.movedTo[st]).map((st) => m.movedTo(s.movedTo[st]!, statusWords[st])),
    s.sideChanges ? m.sideChanges(s.sideChanges) : '',
    s.receivedNotes ? m.receivedNotes(s.receivedNotes) : '',
    s.lostNotes ? m.lostNotes(s.lostNotes) : '',
    s.added ? m.added(s.added) : '',
    s.removed ? m.removed(s.removed) : '',
    s.edited ? m.edited(s.edited) : '',
  ].filter(Boolean);
}

interface Group {
  pillar: number;
  title: string;
  initiatives: { id: string; title: string; changes: Change[] }[];
}

/** Changes grouped by pillar, then by initiative, in the diff's order. */
function groups(diff: PlanDiff): Group[] {
  const out: Group[] = [];
  for (const c of diff.changes) {
    // Filtered to one pillar, everything shown is under that pillar (some only as also listed there).
    const pillar = diff.pillar ?? c.pillar;
    let g = out.at(-1);
    if (!g || g.pillar !== pillar) {
      g = { pillar, title: diff.pillars.find((p) => p.number === pillar)?.title ?? '', initiatives: [] };
      out.push(g);
    }
    let i = g.initiatives.at(-1);
    if (!i || i.id !== c.id) {
      i = { id: c.id, title: c.title, changes: [] };
      g.initiatives.push(i);
    }
    i.changes.push(c);
  }
  return out;
}

function fieldValue(field: EditedField, v: unknown, m: DiffMessages = EN): string {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, string>);
    return entries.length ? entries.map(([k, x]) => `${k}: ${x}`).join('; ') : '—';
  }
  return field === 'pillar' ? m.pillarValue(String(v)) : String(v);
}

function noteMeta(n: SnapshotNote): string[] {
  return [n.side !== 'joint' ? n.side : '', n.author ?? ''].filter(Boolean);
}

// ---------------------------------------------------------------- text

export interface DiffTextOptions {
  style: Style;
  width: number;
}

export function renderDiffText(diff: PlanDiff, o: DiffTextOptions): string {
  const { style } = o;
  const w = Math.max(40, o.width);
  const out: string[] = wrap(`Changes from ${termSafeLine(sourceLabel(diff.from))} to ${termSafeLine(sourceLabel(diff.to))}`, w).map((l) => style.bold(l));
  if (diff.pillar !== undefined) out.push(style.dim(`Only initiatives listed under pillar ${diff.pillar}`));
  const parts = summaryParts(diff.summary);
  if (parts.length === 0) return `${[...out, 'No changes.'].join('\n')}\n`;
  out.push(...wrap(parts.join(' · '), w));
  for (const g of groups(diff)) {
    out.push('', ...wrap(termSafeLine(`Pillar ${g.pillar} · ${g.title}`), w).map((l) => style.bold(l)));
    for (const i of g.initiatives) out.push(...initiativeText(i, style, w));
  }
  return `${out.join('\n')}\n`;
}

function initiativeText(i: Group['initiatives'][number], style: Style, width: number): string[] {
  const head = `${termSafeLine(i.id)}  ${termSafeLine(i.title)}`;
  const first = i.changes[0]!;
  if (first.kind === 'added') {
    const notes = first.noteCount === 1 ? '1 note' : `${first.noteCount} notes`;
    return wrapAfter('    ', `${style.bold(head)}  ${style.ok('added')}, ${style.status(first.status, statusLabel(first.status))}, ${notes}`, width).map((l, k) => (k === 0 ? `  ${style.ok('+')} ${l.slice(4)}` : l));
  }
  if (first.kind === 'removed') {
    return wrapAfter('    ', `${style.bold(head)}  ${style.error('removed')}, was ${style.status(first.status, statusLabel(first.status))}`, width).map((l, k) => (k === 0 ? `  ${style.error('-')} ${l.slice(4)}` : l));
  }
  const out = wrapAfter('    ', style.bold(head), width).map((l, k) => (k === 0 ? `  ${style.accent('~')} ${l.slice(4)}` : l));
  const indent = '      ';
  const wrapped = (text: string, extra = '  ') => wrap(termSafe(text), width - indent.length - extra.length).map((l) => `${indent}${extra}${l}`);
  for (const c of i.changes) {
    if (c.kind === 'status') {
      const since = c.since ? ` since ${c.since}` : '';
      out.push(`${indent}status: ${style.status(c.from, statusLabel(c.from))} → ${style.status(c.to, statusLabel(c.to))}${since}`);
    } else if (c.kind === 'side-status') {
      const show = (st: Status | undefined) => (st ? style.status(st, statusLabel(st)) : 'not reported');
      out.push(`${indent}${termSafeLine(c.party)}'s assessment: ${show(c.from)} → ${show(c.to)}`);
    } else if (c.kind === 'notes') {
      out.push(`${indent}${notesHeadline(c)}${c.notes?.length ? ':' : ''}`);
      for (const n of c.notes ?? []) {
        const meta = noteMeta(n);
        const status = n.status ? ` ${style.status(n.status, `[${n.status}]`)}` : '';
        out.push(`${indent}  ${style.bold(n.date)}${status}${meta.length ? style.dim(` (${termSafeLine(meta.join(' · '))})`) : ''}`);
        out.push(...wrapped(n.text, '    '));
      }
    } else if (c.kind === 'edited') {
      out.push(`${indent}edited: ${c.fields.join(', ')}`);
      for (const f of c.fields.filter((x) => x !== 'translations')) {
        const [was, now] = [termSafeLine(fieldValue(f, c.before[f])), termSafeLine(fieldValue(f, c.after[f]))];
        const oneLine = `${indent}  ${f}: ${was} → ${now}`;
        if (displayWidth(oneLine) <= width) out.push(`${indent}  ${style.dim(`${f}:`)} ${was} → ${now}`);
        else out.push(`${indent}  ${style.dim(`${f} was:`)}`, ...wrapped(was, '    '), `${indent}  ${style.dim(`${f} now:`)}`, ...wrapped(now, '    '));
      }
    }
  }
  return out;
}

function notesHeadline(c: NotesChange, m: DiffMessages = EN): string {
  const parts = [c.count ? m.newNotes(c.count) : '', c.removed ? m.notesRemoved(c.removed) : ''].filter(Boolean);
  // A review records how many notes there were, not which: say so rather than guess.
  const unknown = c.count > 0 && c.notes === undefined ? ` ${m.countOnly}` : '';
  return `${parts.join(', ')}${unknown}`;
}

// ---------------------------------------------------------------- markdown

export interface DiffMarkdownOptions {
  /** Level of the section heading (default 2: "##"); pillars get the next level. */
  headingLevel?: number;
  /** The section heading's text (plain, escaped here); default "Changes from … to …". */
  heading?: string;
  /** The language of the words around the plan's text (default English). */
  lang?: ReportLang;
  /** Pillar and initiative titles in that language (plain text; escaped here). Default: as in the diff. */
  pillarTitle?: (pillar: number, title: string) => string;
  initiativeTitle?: (id: string, title: string) => string;
  /** A note's text in that language (plain text; escaped here). Default: as written. */
  noteText?: (id: string, note: SnapshotNote) => string;
}

/**
 * The diff as a markdown section with its own heading: for a pull-request
 * comment or job summary, and for the report's "changes since" section.
 * Every plan string is escaped; only notes' http(s)/mailto links are links.
 */
export function renderDiffMarkdown(diff: PlanDiff, options: DiffMarkdownOptions = {}): string {
  const all = MESSAGES[options.lang ?? 'en'];
  const m = all.diff;
  const level = Math.min(5, Math.max(1, options.headingLevel ?? 2));
  const h = (n: number) => '#'.repeat(n);
  const [from, to] = [sourceLabel(diff.from, m), sourceLabel(diff.to, m)];
  const out: string[] = [`${h(level)} ${escapeMarkdown(options.heading ?? m.heading(from, to))}`, ''];
  if (options.heading !== undefined) out.push(escapeMarkdown(m.fromTo(from, to)), '');
  if (diff.pillar !== undefined) out.push(`_${escapeMarkdown(m.onlyPillar(diff.pillar))}_`, '');
  const parts = summaryParts(diff.summary, m, all.status);
  if (parts.length === 0) return `${[...out, escapeMarkdown(m.noChanges)].join('\n')}\n`;
  out.push(`**${escapeMarkdown(parts.join(' · '))}**`, '');
  for (const g of groups(diff)) {
    const pillarTitle = options.pillarTitle ? options.pillarTitle(g.pillar, g.title) : g.title;
    out.push(`${h(level + 1)} ${escapeMarkdown(all.pillarHeading(g.pillar, pillarTitle))}`, '');
    for (const i of g.initiatives) {
      const shown = options.initiativeTitle ? { ...i, title: options.initiativeTitle(i.id, i.title) } : i;
      out.push(...initiativeMarkdown(shown, m, all.status, options.noteText ? (n) => options.noteText!(i.id, n) : (n) => n.text));
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function initiativeMarkdown(i: Group['initiatives'][number], m: DiffMessages, statusWords: Record<Status, string>, noteText: (n: SnapshotNote) => string): string[] {
  const words = (st: Status) => escapeMarkdown(statusWords[st]);
  const head = `- **${escapeMarkdown(i.id)}** ${escapeMarkdown(i.title)}`;
  const first = i.changes[0]!;
  if (first.kind === 'added' || first.kind === 'removed') {
    const { label, detail } = first.kind === 'added' ? m.addedInitiative(statusWords[first.status], first.noteCount) : m.removedInitiative(statusWords[first.status]);
    return [`${head} — **${escapeMarkdown(label)}** (${escapeMarkdown(detail)})`];
  }
  const out = [head];
  for (const c of i.changes) {
    if (c.kind === 'status') {
      out.push(`  - ${escapeMarkdown(m.status)}${m.colon}${words(c.from)} → **${words(c.to)}**${c.since ? ` (${escapeMarkdown(m.since(c.since))})` : ''}`);
    } else if (c.kind === 'side-status') {
      const show = (st: Status | undefined) => (st ? words(st) : escapeMarkdown(m.notReported));
      out.push(`  - ${escapeMarkdown(m.assessment(c.party))}${m.colon}${show(c.from)} → **${show(c.to)}**`);
    } else if (c.kind === 'notes') {
      out.push(`  - ${escapeMarkdown(notesHeadline(c, m))}${c.notes?.length ? m.colon.trimEnd() : ''}`);
      for (const n of c.notes ?? []) {
        const meta = [n.status ? statusWords[n.status] : '', ...noteMeta(n)].filter(Boolean).join(' · ');
        const links = n.links.map((l) => markdownLink(linkLabel(l), l)).join(', ');
        out.push(`    - **${n.date}**${meta ? ` (${escapeMarkdown(meta)})` : ''}${m.colon}${escapeMarkdown(noteText(n))}${links ? ` — ${links}` : ''}`);
      }
    } else if (c.kind === 'edited') out.push(...editedMarkdown(c, m));
  }
  return out;
}

function editedMarkdown(c: EditedChange, m: DiffMessages): string[] {
  const out = [`  - ${escapeMarkdown(m.editedLabel)}${m.colon}${escapeMarkdown(c.fields.map((f) => m.field[f]).join(', '))}`];
  for (const f of c.fields.filter((x) => x !== 'translations')) {
    out.push(
      `    - ${escapeMarkdown(m.was(m.field[f]))}${m.colon}${escapeMarkdown(fieldValue(f, c.before[f], m))}`,
      `    - ${escapeMarkdown(m.now(m.field[f]))}${m.colon}${escapeMarkdown(fieldValue(f, c.after[f], m))}`,
    );
  }
  return out;
}

// ---------------------------------------------------------------- JSON

export function diffJson(diff: PlanDiff): unknown {
  return {
    from: { ...diff.from, asOf: diff.fromAsOf },
    to: { ...diff.to, asOf: diff.toAsOf },
    ...(diff.pillar !== undefined ? { pillar: diff.pillar } : {}),
    summary: diff.summary,
    changes: diff.changes.map(({ id, kind, ...rest }) => ({ id, kind, ...rest })),
    events: diff.events,
  };
}
