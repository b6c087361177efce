/**
 * What every part of the brief needs to say things: the report's language
 * and scale, and plan text in that language (translated where the plan has
 * a translation, else in English with a marker).
 */
import type { PlanDiff } from '../core/diff.js';
import { scaleValue, shorten } from '../core/measures.js';
import type { PlanEvent, ProgressNote, Translations } from '../core/model.js';
import type { DataProblems } from '../core/problems.js';
import type { ReportData } from '../core/report.js';
import type { OgpLevel, Scale } from '../core/scales.js';
import type { InitiativeStatus } from '../core/status.js';
import type { Cadence, ReportLang, Status, TranslationLang } from '../core/vocabulary.js';
import { MESSAGES, type Messages } from './messages.js';
import { type Inline, markerOf, t } from './report-blocks.js';
import { BRIEF_MESSAGES, type BriefMessages } from './report-messages.js';

export interface BriefOptions {
  subtitle?: string;
  changes?: { diff: PlanDiff; since: string };
  lang?: ReportLang;
  /** The git commit of the plan (pass it in; e.g. "3f2a9c1d0b4e" or with " (with uncommitted changes)" decided by the caller). */
  revision?: { commit: string; dirty: boolean };
  /** Add the mermaid pie chart to markdown. */
  mermaid?: boolean;
  /** Plan files with errors the report was drawn without: named on the first page. */
  problems?: DataProblems;
  /** Events of the plan as a whole in the report's period: to the report's date, or since the date of what it compares with. */
  events?: { to: string; since?: string; list: readonly PlanEvent[] };
}

export interface BriefContext {
  data: ReportData;
  options: BriefOptions;
  lang: ReportLang;
  scale: Scale;
  m: Messages;
  b: BriefMessages;
  /** Plan text in the report's language where translated, else the English, marked. */
  loc<K extends string>(english: string, translations: Translations<K> | undefined, field: K): Inline;
  /** The same as plain text, for chart labels. */
  locPlain<K extends string>(english: string, translations: Translations<K> | undefined, field: K): string;
  titleOf(id: string): Inline;
  /** A pillar's short name (else its title), in the report's language. */
  pillarShort(n: number): string;
  partyName(id: string): string;
  /** A value of the report's scale in words. */
  scaleLabel(value: string): string;
  /** A status in words on the report's scale. */
  statusWords(s: Status): string;
  /** An initiative's status; each side's where the sides differ on the report's scale. */
  shownStatus(s: InitiativeStatus): string;
  cadenceWord(c: string | undefined): string;
  /** A note in the report's language as written; else its translation; else as written, marked with its language. */
  noteText(n: ProgressNote): Inline;
  plainOf(x: Inline): string;
  percent(x: number): string;
  /** A note's first paragraph, shortened, with a pointer to the annex when cut. */
  shortNote(n: ProgressNote): Inline[];
}

export function briefContext(data: ReportData, options: BriefOptions): BriefContext {
  const lang = options.lang ?? 'en';
  const scale = data.measures.scale;
  const m = MESSAGES[lang];
  const b = BRIEF_MESSAGES[lang];
  const man = data.manifest;
  const byId = new Map(data.plan.initiatives.map((i) => [i.id, i]));
  const differ = new Set(data.attention.sidesDiffer.map((s) => s.id));

  const loc = <K extends string>(english: string, translations: Translations<K> | undefined, field: K): Inline => {
    if (lang === 'en') return t(english);
    const tr = translations?.[lang as TranslationLang]?.[field];
    return typeof tr === 'string' ? t(tr) : { k: 'foreign', s: english, lang: 'en' };
  };
  const plainOf = (x: Inline): string => (x.k === 'foreign' ? `${x.s} ${markerOf(x.lang)}` : (x as { s: string }).s);
  const locPlain = <K extends string>(english: string, translations: Translations<K> | undefined, field: K): string => plainOf(loc(english, translations, field));
  const scaleLabel = (v: string): string => {
    if (scale === 'ogp') return m.ogp[v as OgpLevel];
    if (scale === 'compliance') return v === '1' ? `+1 ${m.compliance.full}` : v === '0' ? `0 ${m.compliance.partial}` : `−1 ${m.compliance.none}`;
    return m.status[v as Status];
  };
  const statusWords = (s: Status): string => scaleLabel(scaleValue(s, scale));
  const noteText = (n: ProgressNote): Inline => {
    const source = n.lang ?? 'en';
    if (source === lang) return t(n.text);
    const tr = lang !== 'en' ? n.translations?.[lang as TranslationLang]?.text : undefined;
    return typeof tr === 'string' ? t(tr) : { k: 'foreign', s: n.text, lang: source };
  };
  return {
    data,
    options,
    lang,
    scale,
    m,
    b,
    loc,
    locPlain,
    titleOf: (id) => {
      const i = byId.get(id);
      return i ? loc(i.title, i.translations, 'title') : t(id);
    },
    pillarShort: (n) => {
      const p = data.plan.pillars.find((x) => x.number === n)!;
      return p.short !== undefined ? locPlain(p.short, p.translations, 'short') : locPlain(p.title, p.translations, 'title');
    },
    partyName: (id) => man.parties.find((p) => p.id === id)?.name ?? id,
    scaleLabel,
    statusWords,
    shownStatus: (s) => {
      if (!differ.has(s.id)) return statusWords(s.status);
      return man.parties.map((p) => `${p.name}${b.colon}${s.sides[p.id]?.status ? statusWords(s.sides[p.id]!.status!) : '—'}`).join(' · ');
    },
    cadenceWord: (c) => (c ? m.cadence[c as Cadence] : ''),
    noteText,
    plainOf,
    percent: (x) => m.percent(x),
    shortNote: (n) => {
      const text = noteText(n);
      const s = shorten((text as { s: string }).s, 180);
      const shortened: Inline = text.k === 'foreign' ? { ...text, s: s.text } : t(s.text);
      return s.cut ? [shortened, t(` (${b.fullTextInAnnex})`)] : [shortened];
    },
  };
}
