/**
 * One plan at two points of its history, for tests of reviews and diffs.
 * From v1 to v2: p1.1 moves to completed (with a note), p1.2 receives two
 * notes, p1.3 is retitled and gets a kind, p2.2 is removed, p2.3 is added.
 * p2.1 (listed under pillars 2 and 1) is untouched.
 */
import { initiative } from './plan.js';

export const note = (date: string, text: string, status?: string) => `  - date: ${date}\n    text: ${text}\n${status ? `    status: ${status}\n` : ''}`;

export function planV1(dir = 'plan'): Record<string, string> {
  return {
    [`${dir}/pillar-1/p1.1.yaml`]: initiative('p1.1', 1, `notes:\n${note('2025-01-10', 'Talks began.', 'in-progress')}`),
    [`${dir}/pillar-1/p1.2.yaml`]: initiative('p1.2', 1, `notes:\n${note('2025-02-01', 'Workshop planned.')}`),
    [`${dir}/pillar-1/p1.3.yaml`]: initiative('p1.3', 1),
    [`${dir}/pillar-2/p2.1.yaml`]: initiative('p2.1', 2, `alsoListedUnder: [1]\nnotes:\n${note('2025-03-01', 'Forum met.', 'ongoing')}`),
    [`${dir}/pillar-2/p2.2.yaml`]: initiative('p2.2', 2),
  };
}

/** v2, as changes to v1: a null content means the file is deleted. */
export function planV2Changes(dir = 'plan'): Record<string, string | null> {
  return {
    [`${dir}/pillar-1/p1.1.yaml`]: initiative('p1.1', 1, `notes:\n${note('2025-01-10', 'Talks began.', 'in-progress')}${note('2025-09-01', 'Agreement signed.', 'completed')}`),
    [`${dir}/pillar-1/p1.2.yaml`]: initiative(
      'p1.2',
      1,
      `notes:\n${note('2025-02-01', 'Workshop planned.')}${note('2025-10-01', 'Workshop held.')}${note('2026-02-01', 'Report published.')}    links: [https://example.org/report]\n`,
    ),
    [`${dir}/pillar-1/p1.3.yaml`]: 'id: p1.3\npillar: 1\ntitle: Renamed p1.3\ntext: Text of p1.3\nkind: exploratory\n',
    [`${dir}/pillar-2/p2.2.yaml`]: null,
    [`${dir}/pillar-2/p2.3.yaml`]: initiative('p2.3', 2, `notes:\n${note('2026-03-01', 'Started.', 'in-progress')}`),
  };
}

export function planV2(dir = 'plan'): Record<string, string> {
  const out: Record<string, string> = { ...planV1(dir) };
  for (const [p, content] of Object.entries(planV2Changes(dir))) {
    if (content === null) delete out[p];
    else out[p] = content;
  }
  return out;
}
