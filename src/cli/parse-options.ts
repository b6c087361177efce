/** Turning option strings into checked values, with usage errors (exit 2) that say what is allowed. */
import { isCalendarDate } from '../core/dates.js';
import type { Initiative, Plan } from '../core/model.js';
import { didYouMean, nearest } from '../core/text.js';
import { ID_PATTERN, type Status, STATUSES } from '../core/vocabulary.js';
import { usageError } from '../errors.js';
import { termSafeLine } from '../render/sanitize.js';

export function parsePositiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`${flag} '${termSafeLine(value)}' is not a whole number of 1 or more`);
  return Number(value);
}

export function parsePositiveNumber(flag: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw usageError(`${flag} '${termSafeLine(value)}' is not a number of seconds above 0`, `e.g. ${flag} 5`);
  return Number(value);
}

export function parsePillar(plan: Plan, value: string): number {
  return parsePillarOf(plan.pillars.map((p) => p.number), value);
}

/** A pillar number among `numbers` ("2" or "p2"). */
export function parsePillarOf(numbers: readonly number[], value: string): number {
  const n = Number(value.replace(/^p/i, ''));
  if (!Number.isInteger(n) || !numbers.includes(n)) {
    throw usageError(`there is no pillar '${termSafeLine(value)}'`, `pillars are ${numbers.join(', ')}`);
  }
  return n;
}

export function parseStatus(value: string): Status {
  if ((STATUSES as readonly string[]).includes(value)) return value as Status;
  throw usageError(
    `'${termSafeLine(value)}' is not a status`,
    `${didYouMean(value, STATUSES) ?? ''} statuses are: ${STATUSES.join(', ')}`.trim(),
  );
}

export function parseTheme(plan: Plan, value: string): string {
  const ids = plan.pillars.flatMap((p) => p.themes.map((t) => t.id));
  if (ids.includes(value)) return value;
  throw usageError(`there is no thematic area '${termSafeLine(value)}'`, didYouMean(value, ids) ?? `themes are: ${ids.join(', ')}`);
}

/** The initiative with this id, or a usage error naming the nearest ids. */
export function findInitiative(plan: Plan, id: string): Initiative {
  if (!ID_PATTERN.test(id)) {
    throw usageError(`'${termSafeLine(id)}' is not an initiative id`, 'ids look like p1.3: lower-case letters, digits, dots and dashes');
  }
  const found = plan.initiatives.find((i) => i.id === id);
  if (found) return found;
  const close = nearest(id, plan.initiatives.map((i) => i.id));
  throw usageError(
    `no initiative '${id}'`,
    close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : "'csp status' lists every initiative",
  );
}

/** An option's text that must be one non-blank line (titles and names written into plan.yaml). */
export function parseOneLine(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/\S/.test(value) || /[\r\n]/.test(value)) throw usageError(`${flag} must be one line of text`, `e.g. ${flag} "Action Plan"`);
  return value;
}

/** --party ID:NAME, repeated; ids are short kebab-case and distinct. */
export function parseParties(values: readonly string[]): { id: string; name: string }[] {
  const parties = values.map((value) => {
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*):(.*\S.*)$/.exec(value);
    if (!m || /[\r\n]/.test(value)) {
      throw usageError(
        `--party '${termSafeLine(value)}' is not ID:NAME`,
        'e.g. --party ca:Canada --party kr:"Republic of Korea" (ids: lower-case letters, digits, dashes)',
      );
    }
    return { id: m[1]!, name: m[2]!.trim() };
  });
  const ids = parties.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw usageError('each --party needs its own id', `ids given: ${ids.join(', ')}`);
  return parties;
}

export function parseDate(flag: string, value: string): string {
  if (!isCalendarDate(value)) throw usageError(`${flag} '${termSafeLine(value)}' is not a real date in YYYY-MM-DD form`, `e.g. ${flag} 2024-07-18`);
  return value;
}
