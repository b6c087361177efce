/**
 * A translation says which English it was made from (basis: a fingerprint per
 * field). This walks every translated field of the plan with the fingerprint
 * of the English it should match: the rules translation-stale and
 * translation-unverified judge them.
 */
import { fingerprint } from './fingerprint.js';
import type { Translations } from './model.js';
import type { PathSegment } from './parse.js';
import type { RuleContext } from './rule.js';
import { TRANSLATION_LANGS } from './vocabulary.js';

export interface TranslatedField {
  file: string;
  /** The translated field, e.g. ['translations', 'fr', 'title']. */
  path: PathSegment[];
  lang: string;
  field: string;
  /** The fingerprint of the current English. */
  current: string;
  /** The fingerprint the translation records, if any. */
  basis?: string;
}

// Both rules walk the same fields: once per load.
const walked = new WeakMap<RuleContext, TranslatedField[]>();

export function translatedFields(ctx: RuleContext): TranslatedField[] {
  const known = walked.get(ctx);
  if (known) return known;
  const out: TranslatedField[] = [];
  const add = <K extends string>(file: string, at: PathSegment[], english: Partial<Record<K, string>>, translations: Translations<K> | undefined) => {
    for (const lang of TRANSLATION_LANGS) {
      const t = translations?.[lang];
      if (!t) continue;
      for (const field of Object.keys(english).sort() as K[]) {
        const source = english[field];
        if (t[field] === undefined || source === undefined) continue;
        const f: TranslatedField = { file, path: [...at, 'translations', lang, field], lang, field, current: fingerprint(source) };
        const basis = t.basis?.[field];
        if (basis !== undefined) f.basis = basis;
        out.push(f);
      }
    }
  };
  const m = ctx.plan.manifest;
  add(m.file, [], { title: m.title, partnership: m.partnership }, m.translations);
  ctx.plan.pillars.forEach((p) => {
    const pi = rawIndexOfPillar(ctx, p.number);
    add(m.file, ['pillars', pi], { title: p.title, ...(p.short !== undefined ? { short: p.short } : {}) }, p.translations);
    p.themes.forEach((t, ti) => add(m.file, ['pillars', pi, 'themes', ti], { title: t.title, ...(t.text !== undefined ? { text: t.text } : {}) }, t.translations));
  });
  for (const i of ctx.plan.initiatives) {
    add(i.file, [], { title: i.title, text: i.text }, i.translations);
    for (const n of i.notes) add(n.pos.file, n.at, { text: n.text }, n.translations);
  }
  walked.set(ctx, out);
  return out;
}

/** The model sorts pillars; positions refer to the order in the file. */
function rawIndexOfPillar(ctx: RuleContext, number: number): number {
  const raw = ctx.parsed.get(ctx.plan.manifest.file)?.value as { pillars?: { number?: unknown }[] } | undefined;
  return Math.max(0, raw?.pillars?.findIndex((p) => p.number === number) ?? 0);
}
