/**
 * The brief's annex: all commitments, recurring commitments, where the sides
 * differ, thematic areas, progress notes in full, source and method.
 */
import { linkLabel } from '../core/input/links.js';
import { type Block, type Inline, markerOf, nowrap, strong, t } from './report-blocks.js';
import type { BriefContext } from './report-context.js';

export function annexBlocks(c: BriefContext, revision: string | undefined): Block {
  const { data, m, b } = c;
  const man = data.manifest;
  const byId = new Map(data.plan.initiatives.map((i) => [i.id, i]));
  const annex: Block[] = [{ k: 'h', level: 2, c: [t(b.annex)] }];
  annex.push({ k: 'h', level: 3, c: [t(b.allCommitments)] });
  annex.push({
    k: 'table',
    cls: 'annex',
    head: [m.colId, b.colCommitment, b.colKind, m.colStatus, b.colSince, m.colLastUpdate, b.colNotes],
    align: ['l', 'l', 'l', 'l', 'l', 'l', 'r'],
    widths: [6.5, 40.5, 13, 14, 10, 10, 6],
    rows: data.status.initiatives.map((s) => {
      const i = byId.get(s.id)!;
      const kind = i.kind ? `${b.kind[i.kind]}${i.cadence ? ` (${c.cadenceWord(i.cadence)})` : ''}` : '';
      return [[t(s.id)], [c.titleOf(s.id)], [t(kind)], [t(c.shownStatus(s))], [nowrap(s.statusSince ?? '—')], [nowrap(s.lastUpdate ?? '—')], [t(String(s.notes))]];
    }),
  });
  const cadence = data.measures.cadence;
  if (cadence.length) {
    annex.push({ k: 'h', level: 3, c: [t(b.recurringCommitments)] });
    annex.push({
      k: 'table',
      head: [m.colId, b.colCommitment, b.colCadence, b.colHeld, b.colLastHeld, b.colNextDue, b.colOverdueBy],
      align: ['l', 'l', 'l', 'r', 'l', 'l', 'r'],
      widths: [7, 39, 12, 9, 11, 11, 11],
      rows: cadence.map((x) => [
        [t(x.id)],
        [c.titleOf(x.id)],
        [t(c.cadenceWord(x.cadence))],
        [t(x.expected !== undefined ? b.heldOf(x.held!, x.expected) : '—')],
        [nowrap(x.lastHeld ?? '—')],
        [nowrap(x.nextDue ?? '—')],
        [nowrap(x.overdueDays !== undefined ? b.days(x.overdueDays) : '—')],
      ]),
    });
  }
  const differ = data.attention.sidesDiffer;
  if (differ.length) {
    annex.push({ k: 'h', level: 3, c: [t(m.sidesDiffer)] });
    annex.push({ k: 'p', c: [t(m.sidesDifferIntro)] });
    annex.push({
      k: 'table',
      head: [m.colId, b.colCommitment, ...man.parties.map((p) => p.name)],
      align: ['l', 'l', ...man.parties.map(() => 'l' as const)],
      widths: [8, 44, ...man.parties.map(() => 48 / man.parties.length)],
      rows: differ.map((s) => [
        [t(s.id)],
        [c.titleOf(s.id)],
        ...man.parties.map((p) => {
          const v = s.sides[p.id];
          return v?.status ? [t(`${c.statusWords(v.status)} `), nowrap(`(${v.since})`)] : [t('—')];
        }),
      ]),
    });
  }
  const themed = data.plan.pillars.filter((p) => p.themes.length);
  if (themed.length) {
    annex.push({ k: 'h', level: 3, c: [t(m.thematicAreas)] });
    for (const p of themed) {
      annex.push({ k: 'h', level: 4, c: [t(m.pillarHeading(p.number, '')), c.loc(p.title, p.translations, 'title')] });
      annex.push({
        k: 'ul',
        items: p.themes.map((th) => [strong(c.loc(th.title, th.translations, 'title')), ...(th.text ? [t(' — '), c.loc(th.text, th.translations, 'text')] : [])]),
      });
    }
  }
  if (data.notesInFull) {
    annex.push({ k: 'h', level: 3, c: [t(b.progressNotes)] });
    for (const item of data.notesInFull) {
      annex.push({ k: 'h', level: 4, c: [t(`${item.id} — `), c.titleOf(item.id)] });
      for (const n of item.notes) {
        const meta = [n.status ? c.statusWords(n.status) : '', n.side !== 'joint' ? c.partyName(n.side) : '', n.author ?? ''].filter(Boolean).join(' · ');
        const links: Inline[] = n.links.flatMap((l, k) => [...(k ? [t(', ')] : []), { k: 'link', label: linkLabel(l), url: l } as Inline]);
        annex.push({ k: 'p', c: [strong(nowrap(n.date)), ...(meta ? [t(` · ${meta}`)] : []), ...(links.length ? [t(' — '), ...links] : [])], cls: 'note-meta' });
        const text = c.noteText(n);
        annex.push(text.k === 'foreign' ? { k: 'note', text: text.s, foreign: markerOf(text.lang) } : { k: 'note', text: (text as { s: string }).s });
      }
    }
  }
  annex.push({ k: 'h', level: 3, c: [t(b.sourceAndMethod)] });
  const src = man.source;
  const method: Inline[][] = [
    [t(`${m.sourceDocument}${b.colon}${src.title}${src.file ? ` (${src.file})` : ''}`), ...(src.url ? [t(' — '), { k: 'link', label: src.url, url: src.url } as Inline] : [])],
    [t(m.adoptedLine(man.adopted.date, man.adopted.by))],
    [t(m.statusesFrom(data.asOf))],
    [t(b.scaleNote[c.scale])],
    [t(b.cadenceMethod)],
  ];
  if (revision) method.push([t(b.planAt(revision))]);
  annex.push({ k: 'ul', items: method });
  return { k: 'section', cls: 'annex', blocks: annex };
}
