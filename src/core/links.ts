/** Every link the plan cites, with where it is written: what `csp validate --links` checks. Pure. */
import type { Plan } from './model.js';

export interface CitedLink {
  url: string;
  /** The file that cites it (relative to the repository root). */
  file: string;
}

/** Each (link, file) once, sorted by file then link: note links, the plan's events and its source. */
export function citedLinks(plan: Plan): CitedLink[] {
  const seen = new Map<string, CitedLink>();
  const add = (url: string, file: string) => seen.set(`${file}\u0000${url}`, { url, file });
  const m = plan.manifest;
  if (m.source.url !== undefined) add(m.source.url, m.file);
  for (const e of m.events ?? []) for (const l of e.links ?? []) add(l, m.file);
  for (const i of plan.initiatives) for (const n of i.notes) for (const l of n.links) add(l, n.pos.file);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
