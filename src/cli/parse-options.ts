/**
 * The one place that turns what people type (option values and arguments:
 * dates, ids, links, sides, statuses, pillars, themes) into checked values.
 * Each mistake has one message, worded the same in every command, and a
 * usage error (exit 2) whose hint fits the actual cause.
 */
import { calendarDateProblem, isCalendarDate, looksLikeIsoDate } from '../core/dates.js';
import type { Initiative, Plan } from '../core/model.js';
import { didYouMean, nearest } from '../core/text.js';
import { ID_PATTERN, JOINT_SIDE, type Status, STATUSES } from '../core/vocabulary.js';
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
  const v = value.trim().toLowerCase().replace(/[ _]/g, '-');
  if ((STATUSES as readonly string[]).includes(v)) return v as Status;
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

/**
 * What people type for an id, in the plan's spelling: trimmed, lower-case,
 * and "1.3" read as "p1.3" (the pillar's letter left out).
 */
export function normalizeId(id: string): string {
  const t = id.trim().toLowerCase();
  return /^\d+\.\d+$/.test(t) ? `p${t}` : t;
}

/**
 * The commitment an unused id of pillar N stands for, when pillar N's list
 * names a commitment kept under another pillar (alsoListedUnder): p4.7 is
 * the 7th item of pillar 4's list, kept once as p3.4. Answered only when it
 * is unambiguous: the id is a gap in pillar N's numbering, and pillar N has
 * as many gaps as commitments listed there from elsewhere, matched in order.
 */
export function aliasOf(plan: Plan, id: string): Initiative | undefined {
  const m = /^p(\d+)\.(\d+)$/.exec(id);
  if (!m) return undefined;
  const [pillar, position] = [Number(m[1]), Number(m[2])];
  const positions = new Set<number>();
  for (const i of plan.initiatives) {
    const k = new RegExp(`^p${pillar}\\.(\\d+)$`).exec(i.id);
    if (k && i.pillar === pillar) positions.add(Number(k[1]));
  }
  const last = Math.max(0, ...positions);
  if (position > last) return undefined;
  const gaps = Array.from({ length: last }, (_, k) => k + 1).filter((k) => !positions.has(k));
  const visitors = plan.initiatives.filter((i) => i.pillar !== pillar && i.alsoListedUnder.includes(pillar));
  if (gaps.length !== visitors.length) return undefined;
  return visitors[gaps.indexOf(position)];
}

/**
 * The initiative with this id (any case; "1.3" for "p1.3"; an unused id
 * that stands for a commitment listed under two pillars, with `onAlias`
 * told), or a usage error naming the nearest ids.
 */
export function findInitiative(plan: Plan, typed: string, onAlias?: (message: string) => void): Initiative {
  const id = normalizeId(typed);
  const found = plan.initiatives.find((i) => i.id === id);
  if (found) return found;
  const alias = aliasOf(plan, id);
  if (alias) {
    const pillars = [alias.pillar, ...alias.alsoListedUnder].sort((a, b) => a - b);
    onAlias?.(`${id} is ${alias.id}: one commitment, listed under pillars ${pillars.slice(0, -1).join(', ')} and ${pillars.at(-1)}, kept once as ${alias.id}`);
    return alias;
  }
  const shown = termSafeLine(typed);
  const close = nearest(id, plan.initiatives.map((i) => i.id));
  const hint = close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : "'csp status' lists every initiative";
  if (!ID_PATTERN.test(id)) throw usageError(`'${shown}' is not an initiative id`, close.length ? hint : 'ids look like p1.3');
  throw usageError(`no initiative '${shown}'`, hint);
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

/**
 * A date typed for `what` (an option such as "--date", or "" for an
 * argument): YYYY-MM-DD, a real calendar date.
 */
export function parseDate(what: string, value: string): string {
  const shown = `${what ? `${what} ` : ''}'${termSafeLine(value)}'`;
  if (!looksLikeIsoDate(value)) throw usageError(`${shown} is not a date in YYYY-MM-DD form`, `e.g. ${what ? `${what} ` : ''}2025-03-14`);
  if (!isCalendarDate(value)) throw usageError(`${shown} is not a real calendar date`, calendarDateProblem(value));
  return value;
}

/** A side of a note: a party of the plan or joint. */
export function parseSide(plan: Plan, value: string): string {
  const sides = [...plan.manifest.parties.map((p) => p.id), JOINT_SIDE];
  const v = value.trim().toLowerCase();
  if (sides.includes(v)) return v;
  throw usageError(`'${termSafeLine(value)}' is not a side of this plan`, `${didYouMean(v, sides) ?? ''} sides are: ${sides.join(', ')}`.trim());
}

/** A supporting link: http(s) or mailto, no spaces. */
/** Control characters (C0, DEL, C1) and the invisible bidi, joiner and direction marks that can make a link read as another. */
const HIDDEN_IN_LINK = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

export function parseLink(value: string): string {
  const hidden = HIDDEN_IN_LINK.exec(value);
  if (hidden) {
    const code = `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw usageError(`--link '${termSafeLine(value)}' holds an invisible or control character (${code} at position ${hidden.index + 1})`, 'type the link again, or copy it from the address bar');
  }
  if (/^(?:https?:\/\/|mailto:)\S+$/.test(value)) return value;
  throw usageError(`--link '${termSafeLine(value)}' is not a link`, 'links start with https://, http:// or mailto: and contain no spaces');
}

/** --plan DIR: a folder name, not empty. */
export function parsePlanOption(value: string): string {
  if (!/\S/.test(value)) throw usageError('--plan is empty', 'give the plan folder, e.g. --plan plan, or leave --plan out to use the nearest plan/ folder');
  return value;
}
