/** The whole loaded plan as one JSON document (`csp export --json`), each initiative with its status as of a day. Field set is a stable contract. */
import { isListedUnder, type Plan } from './model.js';
import { statusAsOf } from './status.js';

export function planExport(plan: Plan, asOf: string): unknown {
  const { file, ...manifest } = plan.manifest;
  return {
    asOf,
    plan: { ...manifest, file },
    pillars: plan.pillars.map((p) => ({
      id: `p${p.number}`,
      number: p.number,
      title: p.title,
      ...(p.short !== undefined ? { short: p.short } : {}),
      folder: p.folder,
      themes: p.themes.map((t) => ({ id: t.id, title: t.title, ...(t.text !== undefined ? { text: t.text } : {}) })),
      initiatives: plan.initiatives.filter((i) => isListedUnder(i, p.number)).map((i) => i.id),
    })),
    initiatives: plan.initiatives.map((i) => {
      const { status, since } = statusAsOf(i, asOf);
      return {
        id: i.id,
        pillar: i.pillar,
        alsoListedUnder: i.alsoListedUnder,
        title: i.title,
        text: i.text,
        ...(i.kind !== undefined ? { kind: i.kind } : {}),
        ...(i.cadence !== undefined ? { cadence: i.cadence } : {}),
        themes: i.themes,
        leads: i.leads,
        related: i.related,
        status,
        ...(since !== undefined ? { statusSince: since } : {}),
        file: i.file,
        notes: i.notes.map((n) => ({
          date: n.date,
          text: n.text,
          ...(n.status !== undefined ? { status: n.status } : {}),
          side: n.side,
          ...(n.author !== undefined ? { author: n.author } : {}),
          links: n.links,
        })),
      };
    }),
  };
}
