/**
 * The renderers' fast paths must answer exactly what the libraries answer:
 * displayWidth what string-width says, renderTable what cli-table3 draws.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { drawSimpleTable, drawWithCliTable3, renderTable } from '../src/render/table.js';
import { displayWidth } from '../src/render/width.js';

describe('displayWidth', () => {
  it('agrees with string-width on every character of the BMP', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (displayWidth(ch) !== stringWidth(ch)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('agrees with string-width on text mixing one-column and other characters', () => {
    const chars = fc.constantFrom('a', 'Z', ' ', '·', '’', '…', '█', '◐', '↻', '✕', '한', '国', '́', '\u200d', '👍', '🇨', '🇦', '\ufe0f', '©', '\u00ad', '\u001b[31m');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(displayWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('renderTable', () => {
  // Characters whose width csp's displayWidth and cli-table3's own string-width@4 agree on (the
  // built CLI gives cli-table3 displayWidth, so there they agree on all), and colour as chalk writes it.
  const plain = fc.array(fc.constantFrom('a', 'b', 'Z', '1', ' ', '-', '·', '…', '○', '◐', '한'), { maxLength: 10 }).map((p) => p.join(''));
  const coloured = fc
    .tuple(fc.constantFrom(['\u001b[31m', '\u001b[39m'], ['\u001b[1m', '\u001b[22m'], ['\u001b[33m\u001b[1m', '\u001b[22m\u001b[39m']), plain)
    .map(([[open, close], text]) => `${open}${text}${close}`);
  const odd = fc
    .array(fc.constantFrom('a', ' ', '\u001b[31m', '\u001b[39m', '\u001b[1m', '\u001b[0m', '\u001b[;1m', '\n', '\t', '\u001b'), { maxLength: 8 })
    .map((p) => p.join(''));
  const cellText = fc.oneof({ arbitrary: plain, weight: 12 }, { arbitrary: coloured, weight: 3 }, { arbitrary: odd, weight: 1 });
  const table = fc.integer({ min: 1, max: 5 }).chain((columns) =>
    fc.record({
      head: fc.array(cellText, { minLength: columns, maxLength: columns }),
      rows: fc.array(fc.array(cellText, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
      colWidths: fc.option(fc.array(fc.integer({ min: 0, max: 16 }), { minLength: columns, maxLength: columns }), { nil: undefined, freq: 2 }),
    }),
  );

  it('draws every table as cli-table3 does', () => {
    let fast = 0;
    fc.assert(
      fc.property(table, ({ head, rows, colWidths }) => {
        if (drawSimpleTable(head, rows, colWidths) !== undefined) fast++;
        expect(renderTable(head, rows, colWidths)).toBe(drawWithCliTable3(head, rows, colWidths && [...colWidths]));
      }),
      { numRuns: 1500 },
    );
    // The comparison means something only if many tables took the fast path.
    expect(fast).toBeGreaterThan(300);
  });

  it('takes the fast path for one-line cells that fit, plain or coloured', () => {
    const head = ['ID', 'Title', 'Status'];
    const rows = [
      ['p1.1', 'Human rights dialogue', '\u001b[36m◐ in progress\u001b[39m'],
      ['p1.10', '한국어 제목', '\u001b[33m\u001b[1m▲ at risk\u001b[22m\u001b[39m'],
    ];
    const fast = drawSimpleTable(head, rows);
    expect(fast).toBeDefined();
    expect(fast).toBe(drawWithCliTable3(head, rows));
    expect(drawSimpleTable(head, rows, [8, 30, 20])).toBe(drawWithCliTable3(head, rows, [8, 30, 20]));
  });

  it('takes the fast path for cells of several lines, each fitting and closing its colour', () => {
    const head = ['ID', 'Title', 'Status'];
    const rows = [
      ['p1.1', 'Human rights\ndialogue', '\u001b[36mca ◐ in progress\u001b[39m\n\u001b[33mkr ▲ at risk\u001b[39m'],
      ['p1.10', '한국어 제목', ''],
    ];
    const fast = drawSimpleTable(head, rows);
    expect(fast).toBeDefined();
    expect(fast!.split('\n')).toHaveLength(6);
    expect(fast).toBe(drawWithCliTable3(head, rows));
  });

  it('leaves cells that need wrapping, cutting or closing codes to cli-table3', () => {
    expect(drawSimpleTable(['a'], [['too long for it']], [6])).toBeUndefined();
    expect(drawSimpleTable(['a'], [['\u001b[31mleft red']])).toBeUndefined();
  });
});
