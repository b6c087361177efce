/** Byte-preserving edits: the pure splice of a note into an initiative file, and new initiative files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { prepareInitiative, prepareNote } from '../src/core/edit/prepare.js';
import { newInitiativeFile, nextInitiativeId } from '../src/core/edit/initiative-file.js';
import { noteFileText, type NoteToAdd } from '../src/core/edit/note-file.js';
import { removeNotes } from '../src/core/edit/remove-notes.js';
import { parseYamlFile } from '../src/core/parse.js';
import { doubleQuoted, isPlainSafe, scalarFieldLines } from '../src/core/yaml-write.js';
import { initiative, loadTree, MANIFEST, withManifest } from './helpers/plan.js';

const NOTE: NoteToAdd = { date: '2025-03-14', text: 'Workshop held in Seoul.', status: 'in-progress', author: 'Desk officer' };

const HEAD = '# yaml-language-server: $schema=../../schema/initiative.schema.json\n';

/** Initiative files in the formatting styles people write (`changed`: how many old lines the old inline-note splice changed; kept for reference). */
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

/** The value an initiative file reads back as, without its notes. */
function withoutNotes(text: string): Record<string, unknown> {
  const { notes: _notes, ...rest } = valueOf(text);
  return rest;
}

describe('removeNotes (csp split-notes) over a corpus of formatting styles', () => {
  for (const [name, { text }] of Object.entries(CORPUS)) {
    it(name, () => {
      const r = removeNotes(text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      // The file reads back as its old data without notes; the lines taken out are one contiguous piece of it.
      expect(valueOf(r.text)).toEqual(withoutNotes(text));
      expect(r.text.length + r.removed.length).toBe(text.length);
      expect(text.replace(r.removed, '')).toBe(r.text);
      // BOM and line endings as they were; git sees only removed lines.
      expect(r.text.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
      expect(gitDiff(text, r.text).added).toEqual([]);
    });
  }

  it('takes the comment lines indented under the list with it, and leaves the rest', () => {
    const text = CORPUS['block list, comments and blank lines kept']!.text;
    const r = removeNotes(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.removed).toContain('# a comment between notes');
    expect(r.text).toContain('\n# after the list\nkind: recurring\n');
    expect(r.text.startsWith('# Progress on p1.1\nid: p1.1   # the id\n')).toBe(true);
  });

  it('refuses files it cannot change, with a reason', () => {
    expect(removeNotes('{id: p1.1, title: T}\n')).toMatchObject({ ok: false, message: expect.stringContaining("'field: value'") });
    expect(removeNotes('id: [unclosed\n')).toMatchObject({ ok: false });
    expect(removeNotes('id: p1.1\n')).toEqual({ ok: true, text: 'id: p1.1\n', removed: '' });
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
      const note = { date: '2025-03-14', text, author: text.trim() === '' ? 'A' : text };
      const back = valueOf(noteFileText(note)) as { text: string; author: string };
      expect(back.text).toBe(text);
      expect(back.author).toBe(note.author);
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

describe('property: random notes round-trip through their note files', () => {
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
  it('every note file reads back exactly as the note', () => {
    fc.assert(
      fc.property(note, (n) => {
        const doc = parseDocument(noteFileText(n));
        expect(doc.errors).toEqual([]);
        expect(doc.warnings).toEqual([]);
        const back = doc.toJS() as Record<string, unknown>;
        expect(back.date).toBe(n.date);
        expect(back.text).toBe(n.text);
        if (n.author !== undefined) expect(back.author).toBe(n.author);
        expect(back.links ?? []).toEqual(n.links ?? []);
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

  it('any layout: split-notes takes out the list alone, the rest reads back the same and no line is added', () => {
    fc.assert(
      fc.property(layout, (l) => {
        const fields = ['id: p1.1', 'pillar: 1', "title: 'T: t'", 'text: X'];
        const notes = NOTES[l.notes]!;
        const lines = [...(l.header ? ['# header'] : []), ...(l.notesLast ? [...fields, ...notes] : [...fields.slice(0, 2), ...notes, ...fields.slice(2)])];
        if (l.endComment) lines.push('# end');
        const text = (l.bom ? '\uFEFF' : '') + lines.join(l.eol) + (l.finalNewline ? l.eol : '');
        const r = removeNotes(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(valueOf(r.text)).toEqual(withoutNotes(text));
        expect(text.replace(r.removed, '')).toBe(r.text);
        if (l.eol === '\r\n') expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 200 },
    );
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
