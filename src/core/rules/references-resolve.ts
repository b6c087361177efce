import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { noteLabel, type Party, pillarsOf } from '../model.js';
import { clip, didYouMean } from '../text.js';
import { JOINT_SIDE } from '../vocabulary.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/** Pillars, themes, related ids and parties named in a file exist in the plan. */
export function referencesResolve(ctx: RuleContext): Diagnostic[] {
  const { plan } = ctx;
  const out: Diagnostic[] = [];
  const pillarNumbers = new Set(plan.pillars.map((p) => p.number));
  const pillarList = [...pillarNumbers].join(', ');
  const ids = new Set(plan.initiatives.map((i) => i.id));
  const parties = plan.manifest.parties.map((p) => p.id);
  for (const i of plan.initiatives) {
    if (!pillarNumbers.has(i.pillar)) {
      out.push(
        diagnostic(fieldPos(ctx, i.file, ['pillar']), 'unknown-pillar', `pillar ${i.pillar} is not in plan.yaml`, `use one of: ${pillarList}`),
      );
    }
    i.alsoListedUnder.forEach((p, k) => {
      if (!pillarNumbers.has(p)) {
        out.push(
          diagnostic(fieldPos(ctx, i.file, ['alsoListedUnder', k]), 'unknown-pillar', `pillar ${p} is not in plan.yaml`, `use one of: ${pillarList}`),
        );
      }
    });
    const themeIds = plan.pillars.filter((p) => pillarsOf(i).includes(p.number)).flatMap((p) => p.themes.map((t) => t.id));
    i.themes.forEach((t, k) => {
      if (!themeIds.includes(t)) {
        out.push(
          diagnostic(
            fieldPos(ctx, i.file, ['themes', k]),
            'unknown-theme',
            `theme '${clip(t)}' is not a thematic area of pillar ${pillarsOf(i).join(' or ')}`,
            didYouMean(t, themeIds) ?? `use one of: ${themeIds.join(', ') || '(this pillar has no themes)'}`,
          ),
        );
      }
    });
    i.related.forEach((r, k) => {
      const pos = fieldPos(ctx, i.file, ['related', k]);
      if (r === i.id) {
        out.push(diagnostic(pos, 'self-related', `'${r}' lists itself as related`, 'remove it from related'));
      } else if (!ids.has(r)) {
        out.push(diagnostic(pos, 'unknown-related', `related id '${r}' is not an initiative of this plan`, didYouMean(r, ids) ?? 'check the id with csp status'));
      }
    });
    for (const party of Object.keys(i.leads).sort()) {
      if (!parties.includes(party)) {
        out.push(
          diagnostic(
            fieldPos(ctx, i.file, ['leads', party], 'key'),
            'unknown-party',
            `'${clip(party)}' in leads is not a party of this plan`,
            suggestParty(party, plan.manifest.parties, false),
          ),
        );
      }
    }
    for (const note of i.notes) {
      if (note.side !== JOINT_SIDE && !parties.includes(note.side)) {
        out.push({
          ...diagnostic(
            fieldPos(ctx, note.pos.file, [...note.at, 'side']),
            'unknown-party',
            `side '${clip(note.side)}' of ${noteLabel(note)} is not a party of this plan`,
            suggestParty(note.side, plan.manifest.parties),
          ),
          noteDate: note.date,
        });
      }
    }
  }
  return out;
}

/**
 * Which party was meant: one of the plan's parties whose id or name matches
 * the text (Canada, KR, korea), else the list of the plan's parties with
 * their names — never the nearest string of some other kind.
 */
export function suggestParty(written: string, parties: readonly Party[], jointAllowed = true): string {
  const w = written.trim().toLowerCase();
  const match = parties.find((p) => p.id.toLowerCase() === w || p.name.toLowerCase() === w) ?? parties.find((p) => w.length >= 3 && p.name.toLowerCase().includes(w));
  const list = [...parties.map((p) => `${p.id} (${p.name})`), ...(jointAllowed ? [`${JOINT_SIDE} (both)`] : [])].join(', ');
  if (match) return `did you mean '${match.id}' (${match.name})? the parties of this plan are: ${list}`;
  if (jointAllowed && ['both', 'all', 'joint'].includes(w)) return `write '${JOINT_SIDE}' for both sides; the parties of this plan are: ${list}`;
  return `use a party id from plan.yaml: ${list}`;
}
