// The plan data (plan/) checked against the source document (seeds/), independently of csp's own code:
// the seed is parsed here on its own, and every string the data claims to quote must be found in it verbatim.
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../../src/core/load.js';
import { planStatus } from '../../src/core/status.js';
import { readPlanFiles } from '../../src/io/plan-files.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seed = readFileSync(join(root, 'seeds', 'canada-korea-csp-action-plan.txt'), 'utf8');

interface SeedPillar {
  number: number;
  title: string;
  themes: { title: string; text: string }[];
  initiatives: string[];
}

// Non-empty, trimmed lines (String.prototype.trim also removes the seed's stray no-break spaces).
const lines = seed
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l !== '');

function parseSeed(): { preamble: string[]; pillars: SeedPillar[] } {
  const preamble: string[] = [];
  const pillars: SeedPillar[] = [];
  let current: SeedPillar | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === 'Page details') break;
    const heading = /^Pillar (\d+): (.+)$/.exec(line);
    if (heading) {
      current = { number: Number(heading[1]), title: heading[2]!, themes: [], initiatives: [] };
      pillars.push(current);
      continue;
    }
    if (!current) {
      preamble.push(line);
      continue;
    }
    if (line.startsWith('Initiatives')) {
      // Pillar 1 reads "InitiativesJointly…" (no colon); the others "Initiatives: …".
      current.initiatives = line
        .replace(/^Initiatives:?/, '')
        .split(';')
        .map((s) => s.trim().replace(/\.$/, '').trim())
        .filter((s) => s !== '');
      continue;
    }
    // A thematic area: its heading line, then its paragraph line.
    const text = lines[++i];
    if (text === undefined) throw new Error(`theme heading without paragraph: ${line}`);
    current.themes.push({ title: line.replace(/:$/, ''), text });
  }
  return { preamble, pillars };
}

const { preamble, pillars: seedPillars } = parseSeed();

interface Theme {
  id: string;
  title: string;
  text: string;
}
interface Pillar {
  number: number;
  title: string;
  short: string;
  themes: Theme[];
}
interface Manifest {
  title: string;
  background: string;
  review: { cadence: string; body: string; text: string };
  baseline: { since: string; text: string; items: string[] };
  pillars: Pillar[];
}
interface Initiative {
  id: string;
  pillar: number;
  alsoListedUnder?: number[];
  title: string;
  text: string;
  kind?: string;
  cadence?: string;
  notes: unknown[];
}

const planDir = join(root, 'plan');
const manifest = parse(readFileSync(join(planDir, 'plan.yaml'), 'utf8')) as Manifest;

interface InitiativeFile {
  folderPillar: number;
  fileName: string;
  data: Initiative;
}
const files: InitiativeFile[] = [];
for (const dir of readdirSync(planDir)) {
  const m = /^pillar-(\d+)$/.exec(dir);
  if (!m) continue;
  for (const fileName of readdirSync(join(planDir, dir))) {
    if (!fileName.endsWith('.yaml')) continue;
    files.push({
      folderPillar: Number(m[1]),
      fileName,
      data: parse(readFileSync(join(planDir, dir, fileName), 'utf8')) as Initiative,
    });
  }
}

describe('the seed, as parsed by this test', () => {
  it('has 5 pillars, 19 thematic areas and 37 listed initiatives', () => {
    expect(seedPillars.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(seedPillars.map((p) => p.themes.length)).toEqual([4, 4, 6, 2, 3]);
    expect(seedPillars.map((p) => p.initiatives.length)).toEqual([6, 11, 5, 9, 6]);
  });
});

describe('plan/plan.yaml', () => {
  it('has the 5 pillars with the seed’s titles verbatim', () => {
    expect(manifest.pillars).toHaveLength(5);
    expect(manifest.pillars.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(manifest.pillars.map((p) => p.title)).toEqual(seedPillars.map((p) => p.title));
    for (const p of manifest.pillars) {
      expect(typeof p.short).toBe('string');
      expect(p.short.length).toBeGreaterThan(0);
    }
  });

  it('has the title of the document', () => {
    expect(manifest.title).toBe(lines[0]);
  });

  it('has the 19 thematic areas, titles and paragraphs verbatim from the seed', () => {
    const themes = manifest.pillars.flatMap((p) => p.themes);
    expect(themes).toHaveLength(19);
    manifest.pillars.forEach((p, i) => {
      const expected = seedPillars[i]!.themes;
      expect(p.themes.map((t) => t.title)).toEqual(expected.map((t) => t.title));
      expect(p.themes.map((t) => t.text)).toEqual(expected.map((t) => t.text));
    });
    for (const t of themes) {
      expect(seed.includes(t.title)).toBe(true);
      expect(seed.includes(t.text)).toBe(true);
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(new Set(themes.map((t) => t.id)).size).toBe(themes.length);
  });

  it('quotes the background, the baseline and the review sentence verbatim', () => {
    // The backgrounder's two paragraphs come right after its heading.
    expect(preamble[1]).toBe('Backgrounder');
    expect(manifest.background).toBe(preamble[2]);
    expect(manifest.baseline.text).toBe(preamble[3]);
    expect(manifest.background.includes(manifest.review.text)).toBe(true);
    expect(manifest.baseline.text.includes(`since ${manifest.baseline.since}`)).toBe(true);
  });

  it('lists baseline items that each appear verbatim in the seed', () => {
    expect(manifest.baseline.items.length).toBeGreaterThan(0);
    for (const item of manifest.baseline.items) {
      expect(seed.includes(item)).toBe(true);
      expect(manifest.baseline.text.includes(item)).toBe(true);
    }
  });
});

describe('plan/pillar-N/*.yaml', () => {
  it('has 36 files, each with id = file name and pillar = folder, notes kept in note files', () => {
    expect(files).toHaveLength(36);
    for (const f of files) {
      expect(f.fileName).toBe(`${f.data.id}.yaml`);
      expect(f.data.id).toMatch(/^p\d+\.\d+$/);
      expect(f.data.pillar).toBe(f.folderPillar);
      // Notes live in plan/notes/ID/ (one file each, so that branches merge), not in the initiative file.
      expect(f.data.notes).toBeUndefined();
      expect(existsSync(join(planDir, `pillar-${f.data.pillar}`, f.fileName))).toBe(true);
    }
    expect(new Set(files.map((f) => f.data.id)).size).toBe(files.length);
  });

  it('holds every one of the 37 listed initiatives verbatim, exactly once, under its pillar', () => {
    let listings = 0;
    for (const sp of seedPillars) {
      sp.initiatives.forEach((sentence, index) => {
        listings++;
        const matches = files.filter((f) => f.data.text === sentence);
        expect(matches, sentence).toHaveLength(1);
        const f = matches[0]!;
        const underThisPillar =
          f.folderPillar === sp.number || (f.data.alsoListedUnder ?? []).includes(sp.number);
        expect(underThisPillar, sentence).toBe(true);
        // A file kept in this pillar's folder is numbered by its position in this pillar's list.
        if (f.folderPillar === sp.number) expect(f.data.id).toBe(`p${sp.number}.${index + 1}`);
      });
    }
    expect(listings).toBe(37);
  });

  it('has no initiative that the seed does not list', () => {
    const listed = new Set(seedPillars.flatMap((p) => p.initiatives));
    for (const f of files) expect(listed.has(f.data.text), f.fileName).toBe(true);
  });

  it('marks only the critical-minerals commitment as listed under a second pillar', () => {
    const cross = files.filter((f) => f.data.alsoListedUnder !== undefined);
    expect(cross.map((f) => [f.data.id, f.data.alsoListedUnder])).toEqual([['p3.4', [4]]]);
    expect(files.some((f) => f.data.id === 'p4.7')).toBe(false);
  });

  it('sets kind and cadence only where the wording says so', () => {
    for (const f of files) {
      const t = f.data.text;
      let expected: { kind?: string; cadence?: string } = {};
      if (/^Annually hold /.test(t)) expected = { kind: 'recurring', cadence: 'annual' };
      else if (/^(Convene|Hold) regular /.test(t)) expected = { kind: 'recurring', cadence: 'regular' };
      else if (/^Continue /.test(t)) expected = { kind: 'recurring', cadence: 'continuing' };
      else if (/^(Conclude|Sign) /.test(t)) expected = { kind: 'deliverable' };
      else if (/^(Explore|Consider) /.test(t)) expected = { kind: 'exploratory' };
      expect({ kind: f.data.kind, cadence: f.data.cadence }, f.fileName).toEqual({
        kind: expected.kind,
        cadence: expected.cadence,
      });
    }
  });

  it('gives every initiative a short title', () => {
    for (const f of files) {
      const words = f.data.title.split(/\s+/).length;
      expect(words, f.fileName).toBeGreaterThanOrEqual(3);
      expect(words, f.fileName).toBeLessThanOrEqual(8);
    }
  });
});

describe('progress recorded in the shipped plan', () => {
  // Loaded as csp loads it: initiative files and note files together.
  const loaded = loadPlan(readPlanFiles({ planDir: join(root, 'plan'), root }), { today: '2026-12-02' });
  const plan = loaded.plan!;
  const notes = plan.initiatives.flatMap((i) => i.notes.map((n) => ({ id: i.id, ...n })));
  const noteFiles = existsSync(join(root, 'plan/notes'))
    ? readdirSync(join(root, 'plan/notes')).flatMap((id) => readdirSync(join(root, 'plan/notes', id)).map((f) => `${id}/${f}`))
    : [];

  it('loads without errors, every note file read (no note silently missing)', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(notes.length).toBe(noteFiles.length);
    // The count recorded from public sources in December 2026 (docs/progress-sources.md); more may come, none may go.
    expect(notes.length).toBeGreaterThanOrEqual(35);
  });

  it('every note is dated after adoption and cites at least one http(s) source', () => {
    for (const n of notes) {
      expect(n.date > plan.manifest.adopted.date, `${n.id} ${n.date}`).toBe(true);
      expect(n.links.length, `${n.id} ${n.date}`).toBeGreaterThan(0);
      for (const l of n.links) expect(l, `${n.id} ${n.date}`).toMatch(/^https?:\/\//);
    }
    expect(plan.manifest.rules?.notesNeedLink).toBe(true);
  });

  it('at least 20 initiatives carry a dated note after adoption', () => {
    expect(new Set(notes.map((n) => n.id)).size).toBeGreaterThanOrEqual(20);
  });

  it('shows the classified-information agreement completed and the 2+2 launched as of 2026-03-01, and mid-2025 as it was', () => {
    const at = (asOf: string) => Object.fromEntries(planStatus(plan, { asOf }).initiatives.map((s) => [s.id, s.status]));
    expect(at('2026-03-01')).toMatchObject({ 'p2.1': 'completed', 'p2.2': 'completed' });
    expect(at('2025-06-30')).toMatchObject({ 'p2.1': 'in-progress', 'p2.2': 'in-progress' });
    expect(at('2024-07-18')['p2.1']).toBe('not-started');
  });

  it('records the events of the plan as a whole, each with a source, among them the agreement to update the Action Plan', () => {
    const events = plan.manifest.events ?? [];
    expect(events.length).toBeGreaterThanOrEqual(7);
    for (const e of events) expect(e.links?.length, e.date).toBeGreaterThan(0);
    expect(events.some((e) => e.date === '2026-02-25' && e.kind === 'decision' && /update/.test(e.text))).toBe(true);
  });
});

describe("the README's sample output", () => {
  it('is what csp status prints on the shipped plan (regenerate it by running the command it names)', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const m = /<!-- status-sample: csp (.*?), at 100 columns[^\n]*-->\n```text\n\$ csp [^\n]*\n([\s\S]*?)```\n/.exec(readme);
    expect(m, 'the sample block in README.md').not.toBeNull();
    const r = await runCli(m![1]!.split(' '), { cwd: root });
    expect(r.code).toBe(0);
    expect(m![2]).toBe(r.stdout);
  });
});
