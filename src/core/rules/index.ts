/**
 * Plan-wide rules: small named functions over the loaded plan, each
 * returning its diagnostics. Order here does not matter; output is sorted.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Plan } from '../model.js';
import type { FileView } from '../assemble.js';
import { cadenceNeedsRecurring } from './cadence.js';
import { idsMatchFiles } from './ids-match-files.js';
import { manifestUnique } from './manifest-unique.js';
import { datesAfterAdoption } from './dates-after-adoption.js';
import { notesCiteSources } from './notes-cite-sources.js';
import { notesInOrder } from './notes-in-order.js';
import { referencesResolve } from './references-resolve.js';
import { translationsCurrent } from './translations-current.js';
import { uniqueIds } from './unique-ids.js';

export interface RuleContext {
  plan: Plan;
  /** The plan folder relative to the repository root. */
  planDir: string;
  /** Today in the time zone furthest ahead: notes after it are in the future (see LoadOptions.today). */
  today?: string;
  /**
   * Every file decoded as text: where things are written in it (`locate`) and, for
   * the manifest, its data. Rules read the model for everything else.
   */
  parsed: ReadonlyMap<string, FileView>;
}

export type PlanRule = (ctx: RuleContext) => Diagnostic[];

export const PLAN_RULES: readonly PlanRule[] = [
  manifestUnique,
  uniqueIds,
  idsMatchFiles,
  referencesResolve,
  notesInOrder,
  notesCiteSources,
  datesAfterAdoption,
  cadenceNeedsRecurring,
  translationsCurrent,
];
