/**
 * Plan-wide rules: small named functions over the loaded plan, each
 * returning its diagnostics. Order here does not matter; output is sorted.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Plan } from '../model.js';
import type { ParsedFile } from '../parse.js';
import { cadenceNeedsRecurring } from './cadence.js';
import { idsMatchFiles } from './ids-match-files.js';
import { manifestUnique } from './manifest-unique.js';
import { notesInOrder } from './notes-in-order.js';
import { referencesResolve } from './references-resolve.js';
import { translationsCurrent } from './translations-current.js';
import { uniqueIds } from './unique-ids.js';

export interface RuleContext {
  plan: Plan;
  /** The plan folder relative to the repository root. */
  planDir: string;
  asOf?: string;
  parsed: Map<string, ParsedFile>;
}

export type PlanRule = (ctx: RuleContext) => Diagnostic[];

export const PLAN_RULES: readonly PlanRule[] = [
  manifestUnique,
  uniqueIds,
  idsMatchFiles,
  referencesResolve,
  notesInOrder,
  cadenceNeedsRecurring,
  translationsCurrent,
];
