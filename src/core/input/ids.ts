/**
 * Initiative ids as people type them: any case, "1.3" for "p1.3", and an
 * unused id of a pillar whose list names a commitment kept under another
 * pillar (p4.7 for p3.4). One message for each mistake. Pure.
 */
import type { Initiative, Plan } from '../model.js';
import { nearest } from '../text.js';
import { ID_PATTERN } from '../vocabulary.js';
import type { InputProblem } from './problem.js';

/**
 * What people type for an id, in the plan's spelling: trimmed, lower-case,
 * and "1.3" read as "p1.3" (the pillar's letter left out).
 */
export function normalizeId(id: string): string {
  const t = id.trim().toLowerCase();
  return /^\d+\.\d+$/.test(t) ? `p${t}` : t;
}

/**
 * The commitment an unused id of pillar N stands for, when pillar N's list
 * names a commitment kept under another pillar (alsoListedUnder): p4.7 is
 * the 7th item of pillar 4's list, kept once as p3.4. Answered only when it
 * is unambiguous: the id is a gap in pillar N's numbering, and pillar N has
 * as many gaps as commitments listed there from elsewhere, matched in order.
 */
function aliasOf(plan: Plan, id: string): Initiative | undefined {
  const m = /^p(\d+)\.(\d+)$/.exec(id);
  if (!m) return undefined;
  const [pillar, position] = [Number(m[1]), Number(m[2])];
  const positions = new Set<number>();
  for (const i of plan.initiatives) {
    const k = new RegExp(`^p${pillar}\\.(\\d+)$`).exec(i.id);
    if (k && i.pillar === pillar) positions.add(Number(k[1]));
  }
  const last = Math.max(0, ...positions);
  if (position > last) return undefined;
  const gaps = Array.from({ length: last }, (_, k) => k + 1).filter((k) => !positions.has(k));
  const visitors = plan.initiatives.filter((i) => i.pillar !== pillar && i.alsoListedUnder.includes(pillar));
  if (gaps.length !== visitors.length) return undefined;
  return visitors[gaps.indexOf(position)];
}

export type FoundInitiative =
  | { initiative: Initiative; /** Said when the id typed stands for a commitment kept under another id. */ alias?: string }
  | { problem: InputProblem };

/**
 * The initiative a typed id names (see normalizeId and aliasOf), or why there
 * is none, naming the nearest ids. `shown`: the id as typed, safe to print.
 */
export function findInitiativeById(plan: Plan, typed: string, shown: string): FoundInitiative {
  const id = normalizeId(typed);
  const found = plan.initiatives.find((i) => i.id === id);
  if (found) return { initiative: found };
  const alias = aliasOf(plan, id);
  if (alias) {
    const pillars = [alias.pillar, ...alias.alsoListedUnder].sort((a, b) => a - b);
    return { initiative: alias, alias: `${id} is ${alias.id}: one commitment, listed under pillars ${pillars.slice(0, -1).join(', ')} and ${pillars.at(-1)}, kept once as ${alias.id}` };
  }
  const close = nearest(id, plan.initiatives.map((i) => i.id));
  const hint = close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : "'csp status' lists every initiative";
  if (!ID_PATTERN.test(id)) return { problem: { message: `'${shown}' is not an initiative id`, hint: close.length ? hint : 'ids look like p1.3' } };
  return { problem: { message: `no initiative '${shown}'`, hint } };
}
