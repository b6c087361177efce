/**
 * Assessment scales: csp's statuses mapped onto the scales partnerships are
 * judged by. This is the one place the mapping is defined (README and
 * `csp help format` quote it).
 *
 * - `ogp`: the Open Government Partnership's completion scale
 *   (not started / limited / substantial / complete). A discontinued
 *   commitment is "withdrawn" and left out of the completion shares.
 * - `compliance`: a 3-point score as used in summit-compliance studies:
 *   +1 full (completed, ongoing), 0 partial (in progress, at risk),
 *   −1 none (not started, discontinued). A group's percentage is
 *   (mean score + 1) / 2, so all +1 is 100 % and all −1 is 0 %.
 */
import type { Status } from './vocabulary.js';

const SCALES = ['status', 'ogp', 'compliance'] as const;
export type Scale = (typeof SCALES)[number];

export const OGP_LEVELS = ['not-started', 'limited', 'substantial', 'complete', 'withdrawn'] as const;
export type OgpLevel = (typeof OGP_LEVELS)[number];

export const OGP_OF_STATUS: Record<Status, OgpLevel> = {
  'not-started': 'not-started',
  'in-progress': 'limited',
  'at-risk': 'limited',
  ongoing: 'substantial',
  completed: 'complete',
  discontinued: 'withdrawn',
};

export const COMPLIANCE_OF_STATUS: Record<Status, -1 | 0 | 1> = {
  completed: 1,
  ongoing: 1,
  'in-progress': 0,
  'at-risk': 0,
  'not-started': -1,
  discontinued: -1,
};

export interface OgpSummary {
  counts: Record<OgpLevel, number>;
  /** Share of non-withdrawn commitments at "substantial" or "complete". */
  substantialOrComplete: number;
}

export function ogpSummary(statuses: readonly Status[]): OgpSummary {
  const counts = Object.fromEntries(OGP_LEVELS.map((l) => [l, 0])) as Record<OgpLevel, number>;
  for (const s of statuses) counts[OGP_OF_STATUS[s]]++;
  const assessed = statuses.length - counts.withdrawn;
  return { counts, substantialOrComplete: assessed === 0 ? 0 : (counts.substantial + counts.complete) / assessed };
}

export interface ComplianceSummary {
  /** Mean of the scores, from −1 to +1; 0 for an empty group. */
  mean: number;
  /** (mean + 1) / 2, from 0 to 1. */
  percent: number;
  counts: { '1': number; '0': number; '-1': number };
}

export function complianceSummary(statuses: readonly Status[]): ComplianceSummary {
  const counts = { '1': 0, '0': 0, '-1': 0 };
  let sum = 0;
  for (const s of statuses) {
    const score = COMPLIANCE_OF_STATUS[s];
    counts[String(score) as '1' | '0' | '-1']++;
    sum += score;
  }
  const mean = statuses.length === 0 ? 0 : sum / statuses.length;
  return { mean, percent: statuses.length === 0 ? 0 : (mean + 1) / 2, counts };
}

export function formatCompliance(score: number): string {
  return score > 0 ? `+${score}` : score < 0 ? `−${Math.abs(score)}` : '0';
}
