/**
 * Reading an action-plan document into plan data. Pure: text in, pillars,
 * themes and initiatives out, with notes on everything the reader had to
 * tolerate. The shape it reads is the seed's:
 *
 *   Title line
 *   Backgrounder / paragraphs …
 *   Pillar N: Pillar title
 *   Thematic area heading
 *   Its paragraph(s)
 *   …
 *   Initiatives: First commitment; Second commitment; … last commitment.
 *
 * Paragraphs are separated by blank lines. Text is kept verbatim (inner
 * spacing, no-break spaces and all) except for whitespace at its ends.
 */
import type { Initiative } from '../model.js';
import type { Cadence, Kind } from '../vocabulary.js';

interface ImportedTheme {
  id: string;
  title: string;
  text?: string;
}

interface ImportedPillar {
  number: number;
  title: string;
  themes: ImportedTheme[];
  /** How many commitments its list(s) name, duplicates included. */
  listed: number;
}

/** An initiative as the document lists it: the model's fields that a document gives. */
export interface ImportedInitiative extends Pick<Initiative, 'id' | 'pillar' | 'alsoListedUnder' | 'title' | 'text' | 'kind' | 'cadence'> {
  /** Line of the list it came from, 1-based. */
  line: number;
}

interface ImportNote {
  line: number;
  message: string;
}

export interface ImportedPlan {
  title?: string;
  /** Paragraphs before the first pillar (after the title and any heading), verbatim. */
  background: string[];
  pillars: ImportedPillar[];
  initiatives: ImportedInitiative[];
  /** What the reader tolerated or left out: worth a look, not errors. */
  notes: ImportNote[];
  /** What makes the document unusable; nothing should be written when there are any. */
  problems: ImportNote[];
}

/** What an import read, counted: thematic areas, commitments as listed (one under two pillars twice), and each pillar's own. */
export interface ImportCounts {
  themes: number;
  listed: number;
  /** By pillar number: the commitments kept in that pillar's folder. */
  kept: ReadonlyMap<number, number>;
}

export function importCounts(imported: ImportedPlan): ImportCounts {
  return {
    themes: imported.pillars.reduce((n, p) => n + p.themes.length, 0),
    listed: imported.pillars.reduce((n, p) => n + p.listed, 0),
    kept: new Map(imported.pillars.map((p) => [p.number, imported.initiatives.filter((i) => i.pillar === p.number).length])),
  };
}

interface Paragraph {
  line: number;
  text: string;
}

/** Blocks of text separated by blank lines; the lines of a block joined by a space. */
function paragraphs(text: string): Paragraph[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Paragraph[] = [];
  let current: { line: number; lines: string[] } | undefined;
  lines.forEach((l, i) => {
    if (/^\s*$/.test(l)) {
      if (current) out.push({ line: current.line, text: current.lines.join(' ') });
      current = undefined;
    } else if (current) current.lines.push(l.trim());
    else current = { line: i + 1, lines: [l.trim()] };
  });
  if (current) out.push({ line: current.line, text: current.lines.join(' ') });
  return out;
}

const PILLAR_HEADING = /^Pillar\s+(\d{1,2})\s*[:.\-–—]\s*(\S.*)$/i;
const INITIATIVES = /^Initiatives(\s*:)?\s*/;

/** A heading: short, and not ending like a sentence. */
function isHeading(text: string): boolean {
  return text.length <= 100 && !/[.;!?]$/.test(text) && !INITIATIVES.test(text);
}

/** Is this paragraph an "Initiatives:" list (also "InitiativesJointly…", the seed's missing colon and space)? */
function initiativesList(p: Paragraph): { rest: string; glitch?: string } | undefined {
  const m = INITIATIVES.exec(p.text);
  if (!m) return undefined;
  const rest = p.text.slice(m[0].length);
  if (rest === '') return undefined; // a bare "Initiatives:" heading: the list is the next paragraph
  if (m[1]) return { rest };
  if (/^[A-Z]/.test(rest) && m[0] === 'Initiatives') {
    return { rest, glitch: `'Initiatives' runs into the first commitment ('Initiatives${rest.slice(0, 12)}…'): read as 'Initiatives: ${rest.slice(0, 12)}…'` };
  }
  return undefined;
}

/** Splits a list at semicolons outside parentheses; drops the list's final full stop. */
export function splitList(list: string): string[] {
  const body = list.trim().replace(/\.$/, '');
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ';' && depth === 0) {
      items.push(body.slice(start, i));
      start = i + 1;
    }
  }
  items.push(body.slice(start));
  return items.map((s) => s.trim());
}

/** What the first words of a commitment say about its kind (and cadence). First match wins. */
const KIND_RULES: readonly { pattern: RegExp; kind: Kind; cadence?: Cadence }[] = [
  { pattern: /^Annually\b/i, kind: 'recurring', cadence: 'annual' },
  { pattern: /^(?:Convene|Hold|Meet|Organi[sz]e)\s+regular\b/i, kind: 'recurring', cadence: 'regular' },
  { pattern: /^Continue\b/i, kind: 'recurring', cadence: 'continuing' },
  { pattern: /^(?:Conclude|Sign)\b/i, kind: 'deliverable' },
  { pattern: /^(?:Explore|Consider)\b/i, kind: 'exploratory' },
];

export function kindOf(text: string): { kind?: Kind; cadence?: Cadence } {
  const rule = KIND_RULES.find((r) => r.pattern.test(text));
  if (!rule) return {};
  return rule.cadence ? { kind: rule.kind, cadence: rule.cadence } : { kind: rule.kind };
}

export const TITLE_MAX = 60;

const TRAILING_WORDS = new Set(
  'a an the of to and or on in for with by through at as from under between our its their into toward towards including such other that which so be is are this these those we us both each'.split(' '),
);

/**
 * A short title from the first words of a commitment, since the document has
 * none: the whole text when it is short; otherwise the words that fit in
 * TITLE_MAX characters, cut at a comma when that leaves enough, never ending on
 * a small word or inside parentheses, and marked with "…".
 */
export function deriveTitle(text: string, max = TITLE_MAX): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const words: string[] = [];
  for (const w of t.split(' ')) {
    if ([...words, w].join(' ').length > max - 1) break;
    words.push(w);
  }
  if (words.length === 0) return `${t.slice(0, max - 1).trimEnd()}…`;
  let cut = words.join(' ');
  const clause = Math.max(cut.lastIndexOf(','), cut.lastIndexOf(';'), cut.lastIndexOf(':'));
  if (clause >= 25) cut = cut.slice(0, clause);
  const open = cut.lastIndexOf('(');
  if (open > 0 && cut.indexOf(')', open) < 0) cut = cut.slice(0, open);
  const kept = cut.trim().split(' ');
  const isFiller = (w: string) => TRAILING_WORDS.has(w.toLowerCase()) || !/[\p{L}\p{N}]/u.test(w);
  while (kept.length > 1 && isFiller(kept[kept.length - 1]!)) kept.pop();
  return `${kept.join(' ').replace(/[\s,;:.\-–—/&]+$/u, '')}…`;
}

/** A kebab-case id from a heading: "Energy Security & Sustainable Energy Sources" → energy-security-and-sustainable-energy-sources. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const normalised = (s: string) => s.replace(/\s+/g, ' ').trim();

export function parseActionPlan(text: string): ImportedPlan {
  const paras = paragraphs(text);
  const notes: ImportNote[] = [];
  const problems: ImportNote[] = [];
  const pillars: ImportedPillar[] = [];
  const initiatives: ImportedInitiative[] = [];
  const background: string[] = [];
  const themeIds = new Set<string>();
  let title: string | undefined;

  const firstPillar = paras.findIndex((p) => PILLAR_HEADING.test(p.text));
  if (firstPillar < 0) {
    problems.push({ line: 1, message: "no pillar headings found: the document needs lines like 'Pillar 1: Title of the pillar'" });
    return { background, pillars, initiatives, notes, problems };
  }
  paras.slice(0, firstPillar).forEach((p, i) => {
    if (i === 0 && isHeading(p.text)) title = p.text;
    else if (!isHeading(p.text)) background.push(p.text);
  });

  // Group the rest by pillar.
  const groups: { heading: Paragraph; number: number; title: string; body: Paragraph[] }[] = [];
  for (const p of paras.slice(firstPillar)) {
    const m = PILLAR_HEADING.exec(p.text);
    if (m) groups.push({ heading: p, number: Number(m[1]), title: m[2]!.trim(), body: [] });
    else groups[groups.length - 1]!.body.push(p);
  }

  for (const g of groups) {
    if (pillars.some((p) => p.number === g.number)) {
      problems.push({ line: g.heading.line, message: `pillar ${g.number} appears twice` });
      continue;
    }
    const pillar: ImportedPillar = { number: g.number, title: g.title, themes: [], listed: 0 };
    pillars.push(pillar);
    // Everything after the pillar's last list is left out (e.g. a web page's "Page details" footer).
    const lastList = g.body.map((p) => initiativesList(p) !== undefined || /^Initiatives\s*:?\s*$/.test(p.text)).lastIndexOf(true);
    if (lastList < 0) notes.push({ line: g.heading.line, message: `pillar ${g.number} has no 'Initiatives:' list` });
    const used = lastList < 0 ? g.body : g.body.slice(0, lastList + 1);
    const left = lastList < 0 ? [] : g.body.slice(lastList + 1);
    // A list on its own paragraph after a bare "Initiatives:" heading.
    if (lastList >= 0 && /^Initiatives\s*:?\s*$/.test(g.body[lastList]!.text) && left.length > 0) used.push(left.shift()!);
    if (left.length) {
      notes.push({
        line: left[0]!.line,
        message: `left out ${left.length} paragraph${left.length === 1 ? '' : 's'} after the last list of pillar ${g.number}: ${left.map((p) => `'${p.text.slice(0, 40)}'`).join(', ')}`,
      });
    }

    let theme: ImportedTheme | undefined;
    let position = 0;
    for (let i = 0; i < used.length; i++) {
      const p = used[i]!;
      let list = initiativesList(p);
      if (!list && /^Initiatives\s*:?\s*$/.test(p.text)) {
        const next = used[++i];
        list = next ? { rest: next.text } : { rest: '' };
      }
      if (list) {
        theme = undefined;
        if (list.glitch) notes.push({ line: p.line, message: list.glitch });
        for (const item of splitList(list.rest)) {
          if (item === '') {
            notes.push({ line: p.line, message: `an empty entry in the list of pillar ${g.number} (two semicolons, or one at the end) was skipped` });
            continue;
          }
          position++;
          pillar.listed++;
          const id = `p${g.number}.${position}`;
          const same = initiatives.find((x) => normalised(x.text) === normalised(item));
          if (same && same.pillar === g.number) {
            notes.push({ line: p.line, message: `${id} repeats ${same.id} in the same list: left out` });
            continue;
          }
          if (same) {
            if (!same.alsoListedUnder.includes(g.number)) same.alsoListedUnder.push(g.number);
            notes.push({ line: p.line, message: `${id} is the same commitment as ${same.id}: kept once, as ${same.id}, also listed under pillar ${g.number} (${id} is not used)` });
            continue;
          }
          initiatives.push({ id, pillar: g.number, alsoListedUnder: [], title: deriveTitle(item), text: item, ...kindOf(item), line: p.line });
        }
        continue;
      }
      if (isHeading(p.text)) {
        let heading = p.text;
        if (/[:：]$/.test(heading)) {
          heading = heading.replace(/\s*[:：]$/, '');
          notes.push({ line: p.line, message: `heading '${p.text}' ends with a colon: read as '${heading}'` });
        }
        let id = slugify(heading) || `theme-${g.number}-${pillar.themes.length + 1}`;
        if (themeIds.has(id)) {
          let n = 2;
          while (themeIds.has(`${id}-${n}`)) n++;
          id = `${id}-${n}`;
        }
        themeIds.add(id);
        theme = { id, title: heading };
        pillar.themes.push(theme);
        continue;
      }
      if (!theme) {
        notes.push({ line: p.line, message: `a paragraph of pillar ${g.number} has no thematic-area heading before it and was left out: '${p.text.slice(0, 40)}…'` });
        continue;
      }
      theme.text = theme.text === undefined ? p.text : `${theme.text}\n\n${p.text}`;
    }
  }
  if (initiatives.length === 0 && problems.length === 0) {
    problems.push({ line: 1, message: "no initiatives found: each pillar needs a paragraph 'Initiatives: first; second; …'" });
  }
  const result: ImportedPlan = { background, pillars, initiatives, notes, problems };
  if (title !== undefined) result.title = title;
  return result;
}
