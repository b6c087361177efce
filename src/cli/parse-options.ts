/**
 * The one place that turns what people type (option values and arguments:
 * dates, ids, links, sides, statuses, pillars, themes) into checked values.
 * Each mistake has one message, worded the same in every command, and a
 * usage error (exit 2) whose hint fits the actual cause.
 */
import { choicesHint, statusOf } from '../core/input/choices.js';
import { dateProblem } from '../core/input/dates.js';
import { findInitiativeById } from '../core/input/ids.js';
import { linkProblem } from '../core/input/links.js';
import type { Initiative, Plan } from '../core/model.js';
import { didYouMean } from '../core/text.js';
import { JOINT_SIDE, type Status, STATUSES } from '../core/vocabulary.js';
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
  const status = statusOf(value);
  if (status !== undefined) return status;
  throw usageError(`'${termSafeLine(value)}' is not a status`, choicesHint(value, STATUSES, 'statuses'));
}

export function parseTheme(plan: Plan, value: string): string {
  const ids = plan.pillars.flatMap((p) => p.themes.map((t) => t.id));
  if (ids.includes(value)) return value;
  throw usageError(`there is no thematic area '${termSafeLine(value)}'`, didYouMean(value, ids) ?? `themes are: ${ids.join(', ')}`);
}

/**
 * The initiative with this id (any case; "1.3" for "p1.3"; an unused id
 * that stands for a commitment listed under two pillars, with `onAlias`
 * told), or a usage error naming the nearest ids.
 */
export function findInitiative(plan: Plan, typed: string, onAlias?: (message: string) => void): Initiative {
  const found = findInitiativeById(plan, typed, termSafeLine(typed));
  if ('problem' in found) throw usageError(found.problem.message, found.problem.hint);
  if (found.alias !== undefined) onAlias?.(found.alias);
  return found.initiative;
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
  const problem = dateProblem(value, `${what ? `${what} ` : ''}'${termSafeLine(value)}'`, `e.g. ${what ? `${what} ` : ''}2025-03-14`);
  if (problem) throw usageError(problem.message, problem.hint);
  return value;
}

/** A side of a note: a party of the plan or joint. */
export function parseSide(plan: Plan, value: string): string {
  const sides = [...plan.manifest.parties.map((p) => p.id), JOINT_SIDE];
  const v = value.trim().toLowerCase();
  if (sides.includes(v)) return v;
  throw usageError(`'${termSafeLine(value)}' is not a side of this plan`, choicesHint(v, sides, 'sides'));
}

/** A supporting link: http(s) or mailto, no spaces, nothing hidden. */
export function parseLink(value: string): string {
  const problem = linkProblem(value, `--link '${termSafeLine(value)}'`);
  if (problem) throw usageError(problem.message, problem.hint);
  return value;
}

/** --plan DIR: a folder name, not empty. */
export function parsePlanOption(value: string): string {
  if (!/\S/.test(value)) throw usageError('--plan is empty', 'give the plan folder, e.g. --plan plan, or leave --plan out to use the nearest plan/ folder');
  return value;
}
