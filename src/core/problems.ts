/**
 * What read-only commands say about a plan with errors: they answer from
 * every file that loads and name the files that have errors, so one bad note
 * never takes the dashboard away. `csp validate` stays the strict gate.
 */
import type { Diagnostic } from './diagnostics.js';
import { compareStrings } from './diagnostics.js';
import { noteFileInitiative, type Plan } from './model.js';

export interface FileProblem {
  file: string;
  errors: number;
  /** What the commands do with it: left out whole, or read in part (the initiative is marked data-errors). */
  effect: 'left-out' | 'partly-read';
  /** The initiative the file is (or holds a note of), when known. */
  initiative?: string;
  /** True when every error is in a note dated after the day the plan is shown as of: the view does not include them. */
  laterOnly: boolean;
}

export interface DataProblems {
  files: FileProblem[];
  /** Whether what is shown is incomplete: some error touches the plan as of the day shown. */
  affectsView: boolean;
}

/**
 * The files with errors, sorted by path. `asOf`: the day shown, when it is a
 * look back (--as-of): errors in notes dated after it do not touch the view.
 */
export function dataProblems(diagnostics: readonly Diagnostic[], plan: Plan, asOf?: string): DataProblems {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const ids = new Set(plan.initiatives.map((i) => i.id));
  const manifest = plan.manifest.file;
  const planPrefix = manifest.includes('/') ? manifest.slice(0, manifest.lastIndexOf('/') + 1) : '';
  const owner = new Map<string, string>();
  for (const i of plan.initiatives) {
    owner.set(i.file, i.id);
    for (const n of i.notes) owner.set(n.pos.file, i.id);
  }
  const files: FileProblem[] = [...byFile.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([file, list]) => {
      // A note file that could not be read still names its initiative by its folder (notes/ID/).
      const folder = file.startsWith(planPrefix) ? noteFileInitiative(file.slice(planPrefix.length)) : undefined;
      const initiative = owner.get(file) ?? (folder !== undefined && ids.has(folder) ? folder : undefined);
      const p: FileProblem = {
        file,
        errors: list.length,
        effect: initiative !== undefined && file !== plan.manifest.file ? 'partly-read' : 'left-out',
        laterOnly: asOf !== undefined && list.every((d) => d.noteDate !== undefined && d.noteDate > asOf),
      };
      if (initiative !== undefined) p.initiative = initiative;
      return p;
    });
  return { files, affectsView: files.some((f) => !f.laterOnly) };
}
