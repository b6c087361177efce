import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { fingerprint } from '../fingerprint.js';
import type { Translations } from '../model.js';
import type { PathSegment } from '../parse.js';
import { TRANSLATION_LANGS } from '../vocabulary.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/**
 * A translation says which English it was made from (basis: a fingerprint
 * per field). When the English has changed since, the translation is stale;
 * without a basis it cannot be checked. Both are warnings: the plan stays
 * usable, and the hint gives the fingerprint to record once it is updated.
 */
export function translationsCurrent(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = <K extends string>(file: string, at: PathSegment[], english: Partial<Record<K, string>>, translations: Translations<K> | undefined) => {
    for (const lang of TRANSLATION_LANGS) {
      const t = translations?.[lang];
      if (!t) continue;
      for (const field of Object.keys(english).sort() as K[]) {
        const source = english[field];
        if (t[field] === undefined || source === undefined) continue;
        const current = fingerprint(source);
        const basis = t.basis?.[field];
        if (basis === current) continue;
        const path = [...at, 'translations', lang, field];
        out.push(
          basis === undefined
            ? diagnostic(
                fieldPos(ctx, file, path, 'key'),
                'translation-unverified',
                `the ${lang} ${field} does not record which English ${field} it translates`,
                `once it matches the current English, add 'basis: { ${field}: "${current}" }' under ${lang}`,
                'warning',
              )
            : diagnostic(
                fieldPos(ctx, file, path, 'key'),
                'translation-stale',
                `the ${lang} ${field} was made from an earlier English ${field} (which has changed since)`,
                `update the translation, then set its basis to ${field}: "${current}"`,
                'warning',
              ),
        );
      }
    }
  };
  const m = ctx.plan.manifest;
  check(m.file, [], { title: m.title, partnership: m.partnership }, m.translations);
  ctx.plan.pillars.forEach((p) => {
    const pi = rawIndexOfPillar(ctx, p.number);
    check(m.file, ['pillars', pi], { title: p.title, ...(p.short !== undefined ? { short: p.short } : {}) }, p.translations);
    p.themes.forEach((t, ti) =>
      check(m.file, ['pillars', pi, 'themes', ti], { title: t.title, ...(t.text !== undefined ? { text: t.text } : {}) }, t.translations),
    );
  });
  for (const i of ctx.plan.initiatives) {
    check(i.file, [], { title: i.title, text: i.text }, i.translations);
    for (const n of i.notes) check(n.pos.file, n.at, { text: n.text }, n.translations);
  }
  return out;
}

/** The model sorts pillars; positions refer to the order in the file. */
function rawIndexOfPillar(ctx: RuleContext, number: number): number {
  const raw = ctx.parsed.get(ctx.plan.manifest.file)?.value as { pillars?: { number?: unknown }[] } | undefined;
  return Math.max(0, raw?.pillars?.findIndex((p) => p.number === number) ?? 0);
}
