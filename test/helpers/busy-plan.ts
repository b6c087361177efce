/**
 * The shipped plan after a busy year: a copy of plan/ in a fresh git
 * repository, every initiative given progress notes (completions, at-risk
 * notes, sides that disagree, a long multi-paragraph note with a list,
 * awkward characters), and a review a year after adoption. Nothing here is
 * real data: it stands in for the notes that will be recorded, to measure
 * the brief when it is full.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHIPPED_ROOT, runCli } from './cli.js';
import { commit, gitInit } from './git.js';

const BUSY_REVIEW_DATE = '2025-07-18';
export const BUSY_AS_OF = '2026-07-18';

const AWKWARD = 'R&D budget of $1.2B agreed (item #42); write to a@b.org. *x* | <script>alert(1)</script> [x](javascript:alert(1)) & that is all.';

const LONG = [
  'The joint working group met three times this year. It agreed terms of reference, exchanged information on national approaches and identified three areas for cooperation:',
  '- a joint study on supply-chain resilience;\n- an exchange of officials in 2026;\n- a shared set of indicators.',
  `${'Officials also reviewed the implementation of the earlier memorandum and noted the progress made by both sides in the areas it covers. '.repeat(12)}`,
  'Next steps: the working group will report to the Strategic Dialogue.',
].join('\n\n');

interface NoteSpec {
  date: string;
  text: string;
  status?: string;
  side?: string;
}

function yamlNotes(notes: NoteSpec[]): string {
  const block = (s: string) => s.split('\n').map((l) => (l === '' ? '' : `      ${l}`)).join('\n');
  return `notes:\n${notes
    .map((n) => `  - date: ${n.date}\n    text: |-\n${block(n.text)}\n${n.status ? `    status: ${n.status}\n` : ''}${n.side ? `    side: ${n.side}\n` : ''}`)
    .join('')}`;
}

function notesFor(k: number): NoteSpec[] {
  switch (k % 6) {
    case 0:
      return [
        { date: '2024-11-05', text: 'Officials met to scope the work.', status: 'in-progress' },
        { date: '2026-03-12', text: k === 0 ? AWKWARD : `Delivered as planned; the outcome document was published (item ${k}).`, status: 'completed' },
      ];
    case 1:
      return [
        { date: '2025-01-20', text: 'First meeting held.', status: 'ongoing' },
        { date: '2026-02-02', text: 'Second meeting held in Ottawa.' },
      ];
    case 2:
      return [
        { date: '2025-02-10', text: 'Work started.', status: 'in-progress' },
        { date: '2026-01-15', text: 'Funding on one side is delayed; the timeline is in doubt.', status: 'at-risk' },
      ];
    case 3:
      return [{ date: '2026-04-01', text: k === 3 ? LONG : '협의를 시작했습니다.', status: 'in-progress' }];
    case 4:
      return [
        { date: '2025-09-01', text: 'Canada considers the work on track.', status: 'ongoing', side: 'ca' },
        { date: '2025-10-01', text: 'Korea notes delays in scheduling.', status: 'at-risk', side: 'kr' },
      ];
    default:
      return [];
  }
}

/** Builds the busy plan; returns the repository root and the plan's commit. */
export async function busyPlan(): Promise<{ root: string; commit: string }> {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-busy-'));
  cpSync(path.join(SHIPPED_ROOT, 'plan'), path.join(root, 'plan'), { recursive: true });
  // Only the made-up notes below: the shipped notes (and the rule that every note cites a source) are left out.
  rmSync(path.join(root, 'plan/notes'), { recursive: true, force: true });
  const manifest = path.join(root, 'plan/plan.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/(^#[^\n]*\n)?^rules:\n(?:[ \t][^\n]*\n)*/m, ''));
  let k = 0;
  for (const dir of readdirSync(path.join(root, 'plan')).filter((d) => d.startsWith('pillar-')).sort()) {
    const files = readdirSync(path.join(root, 'plan', dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const f of files) {
      const file = path.join(root, 'plan', dir, f);
      const notes = notesFor(k++);
      if (notes.length) writeFileSync(file, readFileSync(file, 'utf8').replace(/^notes: \[\]\n/m, '').trimEnd() + `\n${yamlNotes(notes)}`);
    }
  }
  gitInit(root);
  commit(root, 'The plan with a year of notes');
  const r = await runCli(['review', 'create', 'dialogue-2025', '--date', BUSY_REVIEW_DATE, '--title', 'Strategic Dialogue 2025', '--as-of', BUSY_AS_OF], { cwd: root });
  if (r.code !== 0) throw new Error(`review create failed: ${r.stderr}`);
  return { root, commit: commit(root, 'Review dialogue-2025') };
}
