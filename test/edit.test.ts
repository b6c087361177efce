/** Byte-preserving edits: the pure splice of a note into an initiative file, and new initiative files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { prepareInitiative, prepareNote } from '../src/core/changes.js';
import { appendNote, changedLines, checkNoteEdit, newInitiativeFile, nextInitiativeId, type NoteToAdd } from '../src/core/edit.js';
import { parseYamlFile } from '../src/core/parse.js';
import { doubleQuoted, isPlainSafe, scalarFieldLines } from '../src/core/yaml-write.js';
import { initiative, loadTree, MANIFEST, withManifest } from './helpers/plan.js';

const NOTE: NoteToAdd = { date: '2025-03-14', text: 'Workshop held in Seoul.', status: 'in-progress', author: 'Desk officer' };

const HEAD = '# yaml-language-server: $schema=../../schema/initiative.schema.json\n';

/** Initiative files in the formatting styles people write; `changed` is how many old lines a diff may show as changed. */
const CORPUS: Record<string, { text: string; changed: 0 | 1 }> = {
  'shipped style, notes: []': { text: `${HEAD}id: p1.1\npillar: 1\ntitle: T\ntext: The text\nnotes: []\n`, changed: 1 },
  'notes: [] with a comment, not last': { text: 'id: p1.1\npillar: 1\nnotes: [] # none yet\ntitle: T\ntext: X\n', changed: 1 },
  'no notes key': { text: `${HEAD}id: p1.1\npillar: 1\ntitle: T\ntext: The text\n`, changed: 0 },
  'no notes key, no final newline': { text: 'id: p1.1\npillar: 1\ntitle: T\ntext: The text', changed: 1 },
  'no notes key, block scalar last, trailing comment': {
    text: 'id: p1.1\npillar: 1\ntitle: T\ntext: |\n  Line one\n  Line two\n\n# end of file\n',
    changed: 0,
  },
  'block list, comments and blank lines kept': {
    text:
      '# Progress on p1.1\nid: p1.1   # the id\npillar: 1\ntitle: \'Quoted: title\'\ntext: "Double quoted"\nrelated: [p1.2,   p1.3]\nnotes:\n' +
      '  # oldest first\n  - date: 2025-01-10\n    text: First.   # trailing comment\n    # a comment inside the note\n  # a comment between notes\n\n' +
      '  - date: 2025-02-01\n    text: Second.\n\n# after the list\nkind: recurring\n',
    changed: 0,
  },
  'block list, dashes at column 0': { text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes:\n- date: 2025-01-10\n  text: First.\n', changed: 0 },
  'block list, items separated by blank lines': {
    text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - date: 2025-01-10\n    text: One.\n\n  - date: 2025-02-10\n    text: Two.\n',
    changed: 0,
  },
  'block list, no final newline': { text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - date: 2025-01-10\n    text: One.', changed: 1 },
  'block list, last note has links and a keep-chomped literal': {
    text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - date: 2025-01-10\n    links:\n      - https://example.org/a\n    text: |+\n      Kept.\n\n\n',
    changed: 0,
  },
  'CRLF line endings': {
    text: 'id: p1.1\r\npillar: 1\r\ntitle: T\r\ntext: X\r\nnotes:\r\n  - date: 2025-01-10\r\n    text: One.\r\n\r\n# end\r\n',
    changed: 0,
  },
  'BOM and CRLF, notes: []': { text: '\uFEFFid: p1.1\r\npillar: 1\r\ntitle: T\r\ntext: X\r\nnotes: []\r\n', changed: 1 },
  'notes: [] last, no final newline': { text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes: []', changed: 1 },
  'block list, dash alone on its line, comment on the key line': {
    text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes: # history\n  -\n    date: 2025-01-10\n    text: One.\n',
    changed: 0,
  },
  'block list, items in flow style': { text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes:\n  - {date: 2025-01-10, text: One.}\n', changed: 0 },
  'BOM, no notes key': { text: '\uFEFFid: p1.1\npillar: 1\ntitle: T\ntext: X\n', changed: 0 },
  'flow list with a note': { text: 'id: p1.1\npillar: 1\ntitle: T\ntext: X\nnotes: [{date: 2025-01-10, text: One.}]\n', changed: 1 },
  'document markers and a long line': {
    text: `---\nid: p1.1\npillar: 1\ntitle: T\ntext: ${'A very long line that an editor would fold. '.repeat(6).trim()}\n...\n`,
    changed: 0,
  },
};

const tmp = mkdtempSync(path.join(tmpdir(), 'csp-edit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The '-' and '+' lines of `git diff --no-index` between two texts. */
function gitDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = path.join(tmp, 'a.yaml');
  const b = path.join(tmp, 'b.yaml');
  writeFileSync(a, before);
  writeFileSync(b, after);
  const r = spawnSync('git', ['diff', '--no-index', '--no-color', '-U0', a, b], { encoding: 'utf8' });
  const lines = r.stdout.split('\n').filter((l) => !/^(diff |index |--- |\+\+\+ |@@|\\ No newline)/.test(l));
  return { removed: lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)), added: lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)) };
}

function valueOf(text: string): Record<string, unknown> {
  const parsed = parseYamlFile('t.yaml', text.replace(/^\uFEFF/, ''));
  expect(parsed.diagnostics).toEqual([]);
  return parsed.value as Record<string, unknown>;
}

function added(text: string, note: NoteToAdd) {
  const r = appendNote(text, note);
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}

describe('appendNote over a corpus of formatting styles', () => {
  for (const [name, { text, changed }] of Object.entries(CORPUS)) {
    it(name, () => {
      const r = added(text, { ...NOTE, links: ['https://example.org/report'] });
      // Every character outside the splice is unchanged.
      expect(r.text.slice(0, r.splice.start)).toBe(text.slice(0, r.splice.start));
      expect(r.text.slice(r.splice.newEnd)).toBe(text.slice(r.splice.oldEnd));
      expect(checkNoteEdit(text, r.text, r, { ...NOTE, links: ['https://example.org/report'] })).toBeUndefined();
      // Line endings and BOM as in the original.
      expect(r.text.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
      if (text.includes('\r\n')) expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
      // git sees only added lines, but for the one line that must change.
      const diff = gitDiff(text, r.text);
      expect(diff.removed).toHaveLength(changed);
      expect(diff.added.length).toBeGreaterThanOrEqual(1);
      if (changed === 1 && !/notes: \[/.test(diff.removed[0]!)) expect(diff.added[0]).toBe(diff.removed[0]); // only the final newline added
      const notes = valueOf(r.text).notes as Record<string, unknown>[];
      expect(notes[r.index]).toEqual({ date: '2025-03-14', text: 'Workshop held in Seoul.', status: 'in-progress', author: 'Desk officer', links: ['https://example.org/report'] });
    });
  }

  it('writes the lines a careful person would, in the file’s indentation', () => {
    const r = added(CORPUS['block list, comments and blank lines kept']!.text, NOTE);
    expect(r.text).toContain(
      '  - date: 2025-02-01\n    text: Second.\n\n  - date: 2025-03-14\n    text: Workshop held in Seoul.\n    status: in-progress\n    author: Desk officer\n\n# after the list\n',
    );
    expect(added(CORPUS['block list, dashes at column 0']!.text, NOTE).text).toMatch(/\n- date: 2025-03-14\n {2}text: Workshop/);
    expect(added(CORPUS['shipped style, notes: []']!.text, NOTE).text).toBe(
      `${HEAD}id: p1.1\npillar: 1\ntitle: T\ntext: The text\nnotes:\n  - date: 2025-03-14\n    text: Workshop held in Seoul.\n    status: in-progress\n    author: Desk officer\n`,
    );
    expect(added(CORPUS['notes: [] with a comment, not last']!.text, NOTE).text).toMatch(/^notes: # none yet\n {2}- date: 2025-03-14\n/m);
  });

  it('keeps the comment lines indented under a note with that note', () => {
    const text = 'id: p1.1\nnotes:\n  - date: 2025-01-10\n    text: One.\n    # about note one\n  # about what follows\n';
    expect(added(text, NOTE).text).toBe(
      'id: p1.1\nnotes:\n  - date: 2025-01-10\n    text: One.\n    # about note one\n  - date: 2025-03-14\n    text: Workshop held in Seoul.\n    status: in-progress\n    author: Desk officer\n  # about what follows\n',
    );
  });

  it('keeps notes oldest first: an earlier date goes before later notes', () => {
    const text = CORPUS['block list, items separated by blank lines']!.text;
    const first = added(text, { date: '2025-01-01', text: 'Earliest.' });
    expect(first.index).toBe(0);
    expect((valueOf(first.text).notes as { text: string }[]).map((n) => n.text)).toEqual(['Earliest.', 'One.', 'Two.']);
    expect(gitDiff(text, first.text).removed).toEqual([]);
    const middle = added(text, { date: '2025-02-10', text: 'Same day as two, so after it.' });
    expect(middle.index).toBe(2);
    const flow = added(CORPUS['flow list with a note']!.text, { date: '2024-12-31', text: 'Before.' });
    expect((valueOf(flow.text).notes as { text: string }[]).map((n) => n.text)).toEqual(['Before.', 'One.']);
  });

  it('refuses files it cannot splice into, with a reason', () => {
    expect(appendNote('{id: p1.1, title: T}\n', NOTE)).toMatchObject({ ok: false, message: expect.stringContaining("'field: value'") });
    expect(appendNote('id: p1.1\nnotes: none\n', NOTE)).toMatchObject({ ok: false, message: expect.stringContaining('not a list') });
    expect(appendNote('id: [unclosed\n', NOTE)).toMatchObject({ ok: false });
  });
});

describe('note text in a form that reads back exactly', () => {
  const AWKWARD = [
    'Agreed: next meeting in May',
    'Item #3 done',
    'He said "yes" and \'no\'',
    '- starts with a dash',
    '한국어로 작성된 진행 상황 메모입니다.',
    'Réunion à Ottawa : « accord » conclu, prochaine étape en été.',
    'true',
    '2025',
    'null',
    '  leading and trailing spaces  ',
    'Line one\nLine two: with colon\n  indented # not a comment\n\nafter a blank line',
    'ends with a newline\n',
    'ends with two newlines\n\n',
    '\nstarts with a newline',
    'tab\there and a \\ backslash',
    'control \u001b[31m red and bidi \u202e override and NEL \u0085 and BOM \ufeff',
    'x'.repeat(10_000),
    `${'Long paragraph with many words. '.repeat(400)}\n${'다음 줄. '.repeat(300)}`,
  ];

  for (const text of AWKWARD) {
    it(JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text), () => {
      for (const base of [CORPUS['shipped style, notes: []']!.text, CORPUS['CRLF line endings']!.text, CORPUS['flow list with a note']!.text]) {
        const note = { date: '2025-03-14', text, author: text.trim() === '' ? 'A' : text };
        const r = added(base, note);
        expect(checkNoteEdit(base, r.text, r, note)).toBeUndefined();
        const notes = valueOf(r.text).notes as { text: string; author: string }[];
        expect(notes[r.index]!.text).toBe(text);
        expect(notes[r.index]!.author).toBe(note.author);
      }
    });
  }

  it('chooses plain, block literal or double quotes', () => {
    expect(scalarFieldLines('text', 'Workshop held.', '    ')).toEqual(['    text: Workshop held.']);
    expect(scalarFieldLines('text', 'One\nTwo', '    ')).toEqual(['    text: |-', '      One', '      Two']);
    expect(scalarFieldLines('text', 'One\n\nTwo\n', '')).toEqual(['text: |', '  One', '', '  Two']);
    expect(scalarFieldLines('text', 'a: b', '')).toEqual(['text: "a: b"']);
    expect(scalarFieldLines('text', 'yes', '')).toEqual(['text: "yes"']); // YAML 1.1 readers would see a boolean
    expect(doubleQuoted('\u202e\u0000"\\')).toBe('"\\u202E\\0\\"\\\\"');
    expect(isPlainSafe('https://example.org/a#b')).toBe(true);
    expect(isPlainSafe('a #b')).toBe(false);
  });
});

describe('property: random notes round-trip and touch nothing else', () => {
  const piece = fc.constantFrom(
    ': ', ' #', '#', '"', "'", '- ', '-', '\n', '\n\n', '\r\n', '\r', '\t', ' ', '  ', 'a', 'Z', '9', '한국', 'é', '«»', '|', '>', '\\', '{', '}',
    '[', ']', ',', '&', '*', '!', '%', '@', '`', '?', '...', '---', 'null', 'true', '0x1F', '~', '\u0085', '\u2028', '\ufeff', '\u202e', '\u0000',
    '\u001b', '😀', '\ud800',
  );
  const awkward = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
  const anyText = fc.oneof(awkward, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }));
  const note = fc.record(
    {
      date: fc.constantFrom('2025-01-01', '2025-01-10', '2025-02-10', '2025-12-31'),
      text: anyText,
      author: anyText,
      links: fc.array(fc.webUrl(), { maxLength: 2 }),
    },
    { requiredKeys: ['date', 'text'] },
  );
  const bases = Object.values(CORPUS).map((c) => c.text);
  const enc = new TextEncoder();

  it('every note reads back exactly; every byte outside the inserted region is unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), note, (base, n) => {
        const r = appendNote(base, n);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const before = enc.encode(base);
        const after = enc.encode(r.text);
        const start = enc.encode(base.slice(0, r.splice.start)).length;
        const tail = enc.encode(base.slice(r.splice.oldEnd)).length;
        expect(Buffer.from(after.subarray(0, start)).equals(Buffer.from(before.subarray(0, start)))).toBe(true);
        expect(Buffer.from(after.subarray(after.length - tail)).equals(Buffer.from(before.subarray(before.length - tail)))).toBe(true);
        expect(checkNoteEdit(base, r.text, r, n)).toBeUndefined();
        const doc = parseDocument(r.text.replace(/^\uFEFF/, ''));
        expect(doc.errors).toEqual([]);
        const back = (doc.toJS() as { notes: Record<string, unknown>[] }).notes[r.index]!;
        expect(back.text).toBe(n.text);
        if (n.author !== undefined) expect(back.author).toBe(n.author);
      }),
      { numRuns: 250 },
    );
  });
});

describe('property: random file layouts', () => {
  const layout = fc.record({
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    header: fc.boolean(),
    notes: fc.constantFrom('none', '[]', '[] # none', 'block', 'block at 0', 'block separated', 'flow items', 'block with comments'),
    notesLast: fc.boolean(),
    finalNewline: fc.boolean(),
    endComment: fc.boolean(),
  });
  const NOTES: Record<string, string[]> = {
    none: [],
    '[]': ['notes: []'],
    '[] # none': ['notes: []   # none yet'],
    block: ['notes:', '  - date: 2025-01-10', '    text: One.'],
    'block at 0': ['notes:', '- date: 2025-01-10', '  text: One.', '- date: 2025-02-10', '  text: Two.'],
    'block separated': ['notes:', '  - date: 2025-01-10', '    text: One.', '', '  - date: 2025-02-10', '    text: Two.', ''],
    'flow items': ['notes: [{date: 2025-01-10, text: One.}, {date: 2025-02-10, text: "Two"}]'],
    'block with comments': ['notes:', '  # oldest first', '  - date: 2025-01-10', '    text: |', '      One.', '    # more', '  # between'],
  };

  it('any layout: the note reads back, the rest is untouched, at most one old line changes', () => {
    fc.assert(
      fc.property(layout, fc.constantFrom('2025-01-01', '2025-02-10', '2025-06-01'), (l, date) => {
        const fields = ['id: p1.1', 'pillar: 1', "title: 'T: t'", 'text: X'];
        const notes = NOTES[l.notes]!;
        const lines = [...(l.header ? ['# header'] : []), ...(l.notesLast ? [...fields, ...notes] : [...fields.slice(0, 2), ...notes, ...fields.slice(2)])];
        if (l.endComment) lines.push('# end');
        const text = (l.bom ? '\uFEFF' : '') + lines.join(l.eol) + (l.finalNewline ? l.eol : '');
        const note = { date, text: 'New: note #1' };
        const r = added(text, note);
        expect(checkNoteEdit(text, r.text, r, note)).toBeUndefined();
        const c = changedLines(text, r.text, r.splice);
        expect(c.removed.length).toBeLessThanOrEqual(1);
        if (c.removed.length === 1 && !c.removed[0]!.startsWith('notes: [')) {
          // Only a missing final line break was added to the old last line.
          expect(l.finalNewline).toBe(false);
          expect(c.added[0]).toBe(c.removed[0]);
        }
        if (l.eol === '\r\n') expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkNoteEdit', () => {
  const base = CORPUS['block list, items separated by blank lines']!.text;
  const r = added(base, NOTE);

  it('notices a change outside the splice, a different note and a lost BOM', () => {
    expect(checkNoteEdit(base, r.text.replace('One.', 'One!'), r, NOTE)).toMatch(/outside/);
    const shifted = { ...r.splice, newEnd: r.splice.newEnd + 1 };
    expect(checkNoteEdit(base, `${r.text.slice(0, r.splice.newEnd)}#${r.text.slice(r.splice.newEnd)}`, { ...r, splice: shifted }, NOTE)).toBeUndefined();
    expect(checkNoteEdit(base, r.text, r, { ...NOTE, text: 'Something else.' })).toMatch(/old data plus the new note/);
    expect(checkNoteEdit(base, r.text, { ...r, index: 0 }, NOTE)).toMatch(/old data plus the new note/);
    const withBom = `\uFEFF${base}`;
    const b = added(withBom, NOTE);
    expect(checkNoteEdit(withBom, b.text.slice(1), { ...b, splice: { start: 0, oldEnd: b.splice.oldEnd, newEnd: b.splice.newEnd - 1 } }, NOTE)).toBeDefined();
  });
});

describe('changedLines', () => {
  it('shows an insertion as added lines with context, and an opened [] as one changed line', () => {
    const text = CORPUS['shipped style, notes: []']!.text;
    const r = added(text, NOTE);
    const c = changedLines(text, r.text, r.splice);
    expect(c).toMatchObject({ line: 6, removed: ['notes: []'], contextBefore: ['title: T', 'text: The text'], contextAfter: [] });
    expect(c.added[0]).toBe('notes:');
    const sep = CORPUS['block list, items separated by blank lines']!.text;
    const s = added(sep, NOTE);
    expect(changedLines(sep, s.text, s.splice)).toMatchObject({ line: 11, removed: [], added: ['', '  - date: 2025-03-14', '    text: Workshop held in Seoul.', '    status: in-progress', '    author: Desk officer'] });
  });
});

describe('new initiative files', () => {
  it('lays out a new file like the shipped ones, and it validates', () => {
    const text = newInitiativeFile({ id: 'p2.3', pillar: 2, title: 'Joint exercise', text: 'Hold a joint exercise: "annually"', kind: 'recurring', cadence: 'annual', themes: ['maritime-security'] });
    expect(text).toBe(
      `${HEAD}id: p2.3\npillar: 2\ntitle: Joint exercise\ntext: "Hold a joint exercise: \\"annually\\""\nkind: recurring\ncadence: annual\nthemes:\n  - maritime-security\n`,
    );
    const result = loadTree(withManifest({ 'plan/pillar-2/p2.3.yaml': text }));
    expect(result.diagnostics).toEqual([]);
  });

  it('takes the next number after the highest in the pillar, gaps left alone', () => {
    expect(nextInitiativeId(4, ['p4.1', 'p4.2', 'p4.3', 'p4.4', 'p4.5', 'p4.6', 'p4.8', 'p4.9', 'p3.4', 'p3.5'])).toBe('p4.10');
    expect(nextInitiativeId(3, ['p4.9', 'p3.4', 'p3.10.yaml'])).toBe('p3.11');
    expect(nextInitiativeId(5, [])).toBe('p5.1');
    expect(nextInitiativeId(1, ['p10.4', 'p1.2'])).toBe('p1.3');
  });

  it('counts files with errors, and checks the new file against the whole plan', () => {
    const files = (tree: Record<string, string>) => ({
      planDir: 'plan',
      files: Object.entries(withManifest(tree)).map(([p, c]) => ({ path: p, bytes: new TextEncoder().encode(c as string) })),
    });
    const r = prepareInitiative(files({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1), 'plan/pillar-1/p1.4.yaml': 'id: [broken\n' }), { pillar: 1, title: 'T', text: 'X' }, '2026-01-01');
    expect(r).toMatchObject({ ok: true, id: 'p1.5', file: 'plan/pillar-1/p1.5.yaml' });
    const broken = prepareInitiative(files({ 'plan/plan.yaml': 'title: [\n' }), { pillar: 1, title: 'T', text: 'X' }, '2026-01-01');
    expect(broken).toMatchObject({ ok: false, kind: 'file-errors' });
  });
});

describe('prepareNote (check before and after)', () => {
  const files = (tree: Record<string, string>) => ({
    planDir: 'plan',
    files: Object.entries({ 'plan/plan.yaml': MANIFEST, ...tree }).map(([p, c]) => ({ path: p, bytes: new TextEncoder().encode(c) })),
  });

  it('writes a note file of its own, named by date, side, first words and a fingerprint', () => {
    const r = prepareNote(files({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1) }), 'p1.1', { ...NOTE, side: 'kr' }, '2026-01-01');
    expect(r).toMatchObject({ ok: true, initiativeFile: 'plan/pillar-1/p1.1.yaml', index: 0, count: 1 });
    if (!r.ok) return;
    expect(r.file).toMatch(/^plan\/notes\/p1\.1\/2025-03-14-kr-workshop-held-in-seoul-[0-9a-f]{8}\.yaml$/);
    const loaded = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1), [r.file]: r.text }));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.plan!.initiatives[0]!.notes.map((n) => n.text)).toEqual([NOTE.text]);
  });

  it('refuses a file with errors and shows them', () => {
    const r = prepareNote(files({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'stauts: done\n') }), 'p1.1', NOTE, '2026-01-01');
    expect(r).toMatchObject({ ok: false, kind: 'file-errors' });
    if (!r.ok && r.kind === 'file-errors') expect(r.diagnostics.map((d) => d.rule)).toEqual(['unknown-field']);
  });

  it('does not write what the plan-wide rules reject afterwards (a note after today, an unknown side)', () => {
    const r = prepareNote(files({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1) }), 'p1.1', { date: '2026-02-01', text: 'Later.' }, '2026-01-01');
    expect(r).toMatchObject({ ok: false, kind: 'rejected' });
    if (!r.ok && r.kind === 'rejected') expect(r.diagnostics.map((d) => d.rule)).toEqual(['note-in-future']);
    const side = prepareNote(files({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1) }), 'p1.1', { ...NOTE, side: 'xx' }, '2026-01-01');
    expect(side).toMatchObject({ ok: false, kind: 'rejected' });
  });

  it('ignores errors in other files, and places the note among the others by date', () => {
    const r = prepareNote(
      files({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2025-06-01\n    text: Later one.\n'), 'plan/pillar-1/p1.2.yaml': 'id: [broken\n' }),
      'p1.1',
      NOTE,
      '2026-01-01',
    );
    expect(r).toMatchObject({ ok: true, index: 0, count: 2 });
  });
});
