/** One initiative in full, as `csp show` presents it: where it is listed, how overdue, its themes and leads by name. Pure. */
import { daysBetween } from './dates.js';
import { type Initiative, type Plan, pillarsOf } from './model.js';
import type { InitiativeStatus } from './status.js';

export interface InitiativeDetail {
  initiative: Initiative;
  status: InitiativeStatus;
  /** Each pillar it is listed under, its own first, with the pillar's title when the plan has that pillar. */
  pillars: { number: number; own: boolean; title?: string }[];
  /** Days past its next due date on asOf, when it is flagged overdue. */
  overdueDays?: number;
  /** Its thematic areas' titles (the id where no pillar has that theme). */
  themes: string[];
  /** Its leads, in the order of the plan's parties. */
  leads: { party: string; lead: string }[];
  /** When the plan was adopted (an initiative never updated is that old). */
  adopted: string;
}

export function initiativeDetail(plan: Plan, i: Initiative, s: InitiativeStatus, asOf: string): InitiativeDetail {
  const themes = plan.pillars.flatMap((p) => p.themes);
  const detail: InitiativeDetail = {
    initiative: i,
    status: s,
    pillars: pillarsOf(i).map((n) => {
      const title = plan.pillars.find((x) => x.number === n)?.title;
      return { number: n, own: n === i.pillar, ...(title !== undefined ? { title } : {}) };
    }),
    themes: i.themes.map((t) => themes.find((x) => x.id === t)?.title ?? t),
    leads: plan.manifest.parties.flatMap((p) => (i.leads[p.id] ? [{ party: p.id, lead: i.leads[p.id]! }] : [])),
    adopted: plan.manifest.adopted.date,
  };
  if (s.nextDue !== undefined && s.flags.includes('overdue') && s.nextDue < asOf) detail.overdueDays = daysBetween(s.nextDue, asOf);
  return detail;
}
