/**
 * Adding an initiative: a new file pillar-N/ID.yaml with the next free id of its pillar,
 * checked as a new file of the plan (core/edit/prepare.ts, prepareInitiative), then written
 * as a file of its own, never over another.
 */
import path from 'node:path';
import type { NewInitiative } from '../core/edit/initiative-file.js';
import { prepareInitiative, type PreparedInitiative, type Refusal } from '../core/edit/prepare.js';
import { environmentError } from '../errors.js';
import { assertGitAllowsWrite } from '../io/git-state.js';
import { createFile } from '../io/write.js';
import type { LoadedPlanForChange } from './repository.js';

/** Tries the next id again when another file took it meanwhile; this many times. */
const ATTEMPTS = 20;

/**
 * The new initiative file, written unless `dryRun` (then only prepared). Refused while git
 * is merging, rebasing… (exit 3); a Refusal when the change does not check out.
 */
export async function addInitiative(loaded: LoadedPlanForChange, fields: Omit<NewInitiative, 'id'>, asOf: string, dryRun: boolean): Promise<PreparedInitiative | Refusal> {
  const { root } = loaded.location;
  const taken: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = prepareInitiative(loaded.raw, fields, asOf, taken, loaded.loads(asOf));
    if (!r.ok || dryRun) return r;
    if (attempt === 0) assertGitAllowsWrite(root);
    if (await createFile(path.join(root, r.file), r.bytes, { root, display: r.file })) return r;
    taken.push(r.file);
  }
  throw environmentError(`could not find a free id in pillar ${fields.pillar}: other files kept taking them`, 'run the command again');
}
