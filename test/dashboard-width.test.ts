/**
 * The dashboard fits the terminal: at 60, 80, 100 and 200 columns, on a plan
 * whose sides disagree, with long, Korean and unbreakable titles, no line is
 * wider than the terminal and every title can be read whole (wrapped in its
 * column, never cut), with or without colour.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { planStatus } from '../src/core/status.js';
import { renderStatusText } from '../src/render/status.js';
import { makeStyle } from '../src/render/style.js';
import { withoutColour } from '../src/render/width.js';
import { titlesOf } from './helpers/dashboard.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

const AS_OF = '2026-11-28';
const side = (date: string, status: string, who: string) => `  - date: ${date}\n    text: Note.\n    status: ${status}\n    side: ${who}\n`;

const TITLES: Record<string, string> = {
  'p1.1': 'Human rights dialogue',
  'p1.2': 'Implement the Action Plan of the MOU on Cooperation in Critical Mineral Supply Chains, the Clean Energy Transition and Energy Security',
  'p1.3': '북한 인권 대화 및 정보 교환을 위한 연례 협의체 운영',
  'p1.4': 'Supercalifragilisticexpialidociousandevenlongerthanthatwithoutanyspace',
  'p1.10': 'Classified military information sharing agreement',
  'p2.1': 'Coast guard forum',
};

function plan() {
  const file = (id: string, pillar: number, extra = '') => initiative(id, pillar, extra).replace(`title: Title of ${id}`, `title: "${TITLES[id]}"`);
  const tree = withManifest({
    'plan/pillar-1/p1.1.yaml': file('p1.1', 1, 'kind: recurring\ncadence: annual\nnotes:\n' + side('2024-11-05', 'ongoing', 'joint')),
    'plan/pillar-1/p1.2.yaml': file('p1.2', 1, 'notes:\n' + side('2026-09-01', 'completed', 'ca') + side('2026-10-01', 'discontinued', 'kr')),
    'plan/pillar-1/p1.3.yaml': file('p1.3', 1, 'notes:\n' + side('2026-09-01', 'in-progress', 'ca') + side('2026-10-01', 'not-started', 'kr')),
    'plan/pillar-1/p1.4.yaml': file('p1.4', 1),
    'plan/pillar-1/p1.10.yaml': file('p1.10', 1, 'notes:\n' + side('2025-01-01', 'at-risk', 'ca') + side('2025-02-01', 'in-progress', 'kr')),
    'plan/pillar-2/p2.1.yaml': file('p2.1', 2, 'alsoListedUnder: [1]\n'),
  });
  const r = loadTree(tree, AS_OF);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

const plain = withoutColour;

describe('the status dashboard at any width', () => {
  const p = plan();
  const status = planStatus(p, { asOf: AS_OF });

  for (const width of [60, 80, 100, 200]) {
    for (const color of [false, true]) {
      it(`fits ${width} columns${color ? ' in colour' : ''}, every title whole`, () => {
        const text = plain(renderStatusText(p, status, { style: makeStyle(color), width }));
        const lines = text.split('\n');
        const tooWide = lines.filter((l) => stringWidth(l) > width);
        expect(tooWide).toEqual([]);
        const titles = titlesOf(text);
        expect([...titles.keys()].sort()).toEqual(['p1.1', 'p1.10', 'p1.2', 'p1.3', 'p1.4', 'p2.1', 'p2.1'].filter((x, k, a) => a.indexOf(x) === k).sort());
        for (const [id, title] of Object.entries(TITLES)) {
          const shown = titles.get(id)!.replace(/ \(also\u00a0pillar\u00a0\d\)$/, '');
          // Wrapping puts a space where a line ended; a word broken across lines gets one too.
          expect(shown.replace(/ /g, ''), `${id} at ${width}`).toBe(title.replace(/ /g, ''));
          expect(shown.replace(/ +/g, ' ').startsWith(title.split(' ')[0]!.slice(0, 10)), `${id} at ${width}`).toBe(true);
        }
        // Every table's lines are as wide as its top border.
        const tables = text.split(/\n(?=┌)/).slice(1).map((t) => t.split('\n').filter((l) => /^[┌│└]/.test(l)));
        for (const t of tables) expect(new Set(t.map((l) => stringWidth(l))).size).toBe(1);
      });
    }
  }

  it('keeps at least 24 columns for titles at 80 columns, and cuts no title word but unbreakable ones', () => {
    const text = renderStatusText(p, status, { style: makeStyle(false), width: 80 });
    const header = text.split('\n').find((l) => l.startsWith('│ ID'))!;
    expect(header.split('│')[2]!.length - 2).toBeGreaterThanOrEqual(24);
    const wrapped = [...titlesOf(text).values()].join(' ');
    for (const word of TITLES['p1.2']!.split(' ')) expect(wrapped.split(' ')).toContain(word);
  });

  it("shows both sides' statuses where they differ, compact or on two lines, with keys for what is abbreviated", () => {
    const at = (width: number) => renderStatusText(p, status, { style: makeStyle(false), width });
    expect(at(200)).toContain('ca ◐ in progress / kr ○ not started');
    const narrow = at(80);
    expect(narrow).toMatch(/│ ca ◐ in progress +│/);
    expect(narrow).toMatch(/│ +│[^│]*│ kr ○ not started +│/);
    expect(narrow).toContain('Flags: S stale · O overdue · D sides differ');
    expect(at(60)).toContain('Statuses: ○ not started');
    expect(at(200)).not.toContain('Flags:');
    for (const w of [60, 200]) expect(at(w)).toContain('Bars: █ completed · ▓ in progress or ongoing · ▒ at risk · ░');
  });

  it('keeps the scale\'s words on the OGP and compliance scales, and fits 60 columns with them', () => {
    for (const scale of ['ogp', 'compliance'] as const) {
      const text = renderStatusText(p, status, { style: makeStyle(false), width: 60, scale });
      expect(text.split('\n').filter((l) => stringWidth(l) > 60)).toEqual([]);
      expect(text).not.toContain('Statuses:');
      expect(text).toContain(scale === 'ogp' ? 'substantial' : '+1 full');
    }
  });

  it('says "never" for an initiative without notes, and how long ago the others were updated', () => {
    const text = renderStatusText(p, status, { style: makeStyle(false), width: 200 });
    expect(text).toMatch(/│ p1\.4 .*│ never +│/);
    expect(text).toContain('2024-11-05 (2 y ago)');
  });

  it('with a filter, leaves out pillars without a match; with no match at all, says so in one line', () => {
    const only = planStatus(p, { asOf: AS_OF, status: 'at-risk' });
    expect(only.initiatives).toEqual([]);
    const none = renderStatusText(p, only, { style: makeStyle(false), width: 80, filter: '--status at-risk' });
    expect(none.split('\n').filter(Boolean).slice(2)).toEqual(['No initiative matches --status at-risk.']);
    const some = planStatus(p, { asOf: AS_OF, status: 'ongoing' });
    const text = renderStatusText(p, some, { style: makeStyle(false), width: 80, filter: '--status ongoing' });
    expect(text).toContain('Pillar 1 · ');
    expect(text).not.toContain('Pillar 2 · ');
  });
});
