/** csp's one word wrap (render/width.ts): every line within the width, every word kept, in order. */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { withoutColour, wrap, wrapAfter } from '../src/render/width.js';

const plain = withoutColour;

describe('wrap', () => {
  it('breaks at spaces, not inside words', () => {
    expect(wrap('Strengthening Security and Defense Partnerships', 20)).toEqual(['Strengthening', 'Security and Defense', 'Partnerships']);
    expect(wrap('Supply Chains', 10)).toEqual(['Supply', 'Chains']);
  });

  it('breaks a word longer than a line where the line ends', () => {
    expect(wrap('see https://example.org/a/very/long/path', 12)).toEqual(['see', 'https://exam', 'ple.org/a/ve', 'ry/long/path']);
  });

  it('counts Hangul as two columns and colour codes as none', () => {
    expect(wrap('북한 인권 대화', 9)).toEqual(['북한 인권', '대화']);
    expect(wrap('\u001b[33mat risk\u001b[39m and more', 11).map(plain)).toEqual(['at risk and', 'more']);
  });

  it('keeps runs of spaces inside a line, and drops the space where it breaks', () => {
    expect(wrap('p2.3  Title  added', 40)).toEqual(['p2.3  Title  added']);
    expect(wrap('aaaa  bbbb', 5)).toEqual(['aaaa', 'bbbb']);
  });

  it('indents the lines after a label', () => {
    expect(wrapAfter('Needs attention: ', '2 stale · 1 overdue (recurring, past cadence)', 40)).toEqual([
      'Needs attention: 2 stale · 1 overdue',
      '                 (recurring, past',
      '                 cadence)',
    ]);
  });

  it('never gives a line wider than the width, and keeps every character but breaking spaces', () => {
    const word = fc.array(fc.constantFrom('a', 'Z', '1', '-', '·', '한', '국', '…', '/'), { minLength: 1, maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), fc.integer({ min: 2, max: 60 }), (words, width) => {
        const text = words.join(' ');
        const lines = wrap(text, width);
        for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
      { numRuns: 500 },
    );
  });
});
