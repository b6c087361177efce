/** core/input: what people type, checked, with one message for each mistake wherever the value comes from. */
import { describe, expect, it } from 'vitest';
import { choicesHint, statusOf } from '../src/core/input/choices.js';
import { dateProblem } from '../src/core/input/dates.js';
import { findInitiativeById, normalizeId } from '../src/core/input/ids.js';
import { isSafeLink, linkLabel, linkProblem } from '../src/core/input/links.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

describe('dates', () => {
  it('names the form, then the calendar, and accepts a real day', () => {
    expect(dateProblem('2025-3-1', "--date '2025-3-1'", 'e.g. --date 2025-03-14')).toEqual({
      rule: 'invalid-format',
      message: "--date '2025-3-1' is not a date in YYYY-MM-DD form",
      hint: 'e.g. --date 2025-03-14',
    });
    expect(dateProblem('2025-02-29', "date '2025-02-29'", 'x')).toEqual({ rule: 'invalid-date', message: "date '2025-02-29' is not a real calendar date", hint: 'February 2025 has 28 days' });
    expect(dateProblem('2024-02-29', 'x', 'x')).toBeUndefined();
  });
});

describe('links', () => {
  it('refuses hidden characters and other schemes, with one hint', () => {
    expect(linkProblem('https://example.org/a\u200bb', 'L')?.message).toBe('L holds an invisible or control character (U+200B at position 22)');
    expect(linkProblem('ftp://example.org', 'L')).toEqual({ message: 'L is not a link', hint: 'links start with https://, http:// or mailto: and contain no spaces' });
    expect(linkProblem('https://example.org/a b', 'L')?.message).toBe('L is not a link');
    expect(linkProblem('mailto:someone@example.org', 'L')).toBeUndefined();
  });
  it('makes links only of http(s) and mailto, labelled without the scheme', () => {
    expect([isSafeLink('HTTPS://example.org'), isSafeLink('javascript:alert(1)'), isSafeLink('https://a b')]).toEqual([true, false, false]);
    expect([linkLabel('https://example.org/x'), linkLabel('mailto:a@b.org')]).toEqual(['example.org/x', 'a@b.org']);
  });
});

describe('ids and choices', () => {
  const { plan } = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1), 'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1) }));
  it('reads any case and "1.2" for p1.2; names the nearest ids otherwise', () => {
    expect(normalizeId(' P1.2 ')).toBe('p1.2');
    const found = findInitiativeById(plan!, '1.2', '1.2');
    expect('initiative' in found && found.initiative.id).toBe('p1.2');
    expect(findInitiativeById(plan!, 'p1.3', 'p1.3')).toEqual({ problem: { message: "no initiative 'p1.3'", hint: "did you mean 'p1.1' or 'p1.2'?" } });
    expect(findInitiativeById(plan!, 'x/y', 'x/y')).toEqual({ problem: { message: "'x/y' is not an initiative id", hint: 'ids look like p1.3' } });
  });
  it('reads statuses forgivingly and hints the nearest choice, then all', () => {
    expect([statusOf('At risk'), statusOf('in_progress'), statusOf('done')]).toEqual(['at-risk', 'in-progress', undefined]);
    expect(choicesHint('ca ', ['ca', 'kr', 'joint'], 'sides')).toBe("did you mean 'ca'? sides are: ca, kr, joint");
    expect(choicesHint('zzzzzz', ['ca', 'kr'], 'sides')).toBe('sides are: ca, kr');
  });
});
