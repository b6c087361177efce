/**
 * Recording a progress note: the note checked as a new file of the plan (core/changes.ts,
 * prepareNote), then written as a file of its own, never over another.
 */
import path from 'node:path';
import type { PlanLocation } from '../io/plan-files.js';
import { assertGitAllowsWrite } from '../io/git-state.js';
import { createFile } from '../io/write.js';

/**
 * Writes the note file (path relative to the repository root). Refused while git is merging,
 * rebasing… (exit 3); false when that file already exists (the same note, recorded before).
 */
export async function writeNoteFile(location: PlanLocation, note: { file: string; bytes: Uint8Array }): Promise<boolean> {
  const { root } = location;
  assertGitAllowsWrite(root);
  return createFile(path.join(root, note.file), note.bytes, { root, display: note.file });
}
