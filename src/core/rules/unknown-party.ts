import type { Diagnostic } from '../diagnostics.js';
import { noteLabel, type Party } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';
import { clip } from '../text.js';
import { JOINT_SIDE } from '../vocabulary.js';

/** The parties named in an initiative's leads and in its notes' sides are parties of plan.yaml. */
export const rule = defineRule({
  code: 'unknown-party',
  severity: 'error',
  stage: 'plan',
  summary: "an initiative's leads or a note's side names a party that plan.yaml does not declare",
  hint: 'use a party id from plan.yaml',
  check: (ctx) => {
    const { plan } = ctx;
    const parties = plan.manifest.parties.map((p) => p.id);
    const out: Diagnostic[] = [];
    for (const i of plan.initiatives) {
      for (const party of Object.keys(i.leads).sort()) {
        if (parties.includes(party)) continue;
        out.push(
          report(rule, fieldPos(ctx, i.file, ['leads', party], 'key'), `'${clip(party)}' in leads is not a party of this plan`, suggestParty(party, plan.manifest.parties, false)),
        );
      }
      for (const note of i.notes) {
        if (note.side === JOINT_SIDE || parties.includes(note.side)) continue;
        out.push({
          ...report(
            rule,
            fieldPos(ctx, note.pos.file, [...note.at, 'side']),
            `side '${clip(note.side)}' of ${noteLabel(note)} is not a party of this plan`,
            suggestParty(note.side, plan.manifest.parties),
          ),
          noteDate: note.date,
        });
      }
    }
    return out;
  },
});

/**
 * Which party was meant: one of the plan's parties whose id or name matches
 * the text (Canada, KR, korea), else the list of the plan's parties with
 * their names — never the nearest string of some other kind.
 */
function suggestParty(written: string, parties: readonly Party[], jointAllowed = true): string {
  const w = written.trim().toLowerCase();
  const match = parties.find((p) => p.id.toLowerCase() === w || p.name.toLowerCase() === w) ?? parties.find((p) => w.length >= 3 && p.name.toLowerCase().includes(w));
  const list = [...parties.map((p) => `${p.id} (${p.name})`), ...(jointAllowed ? [`${JOINT_SIDE} (both)`] : [])].join(', ');
  if (match) return `did you mean '${match.id}' (${match.name})? the parties of this plan are: ${list}`;
  if (jointAllowed && ['both', 'all', 'joint'].includes(w)) return `write '${JOINT_SIDE}' for both sides; the parties of this plan are: ${list}`;
  return `use a party id from plan.yaml: ${list}`;
}
