/**
 * The one loading pipeline: raw files → parsed documents → schema-checked
 * values → the Plan model → plan-wide rules. Pure: the caller reads the
 * files (src/io) and passes the bytes in. Every stage adds to one list of
 * diagnostics instead of stopping at the first problem.
 *
 * load-file.ts loads each file on its own; assemble.ts builds the plan and
 * runs the plan-wide rules. src/io/load-plan.ts runs the same two halves with
 * a cache and worker threads, and must give the same answer.
 */
import { assemblePlan, type FileResult, type FileView, type LoadOptions, type LoadResult, manifestPathOf, type PlanFiles } from './assemble.js';
import { loadFile } from './load-file.js';
import type { ParsedFile } from './parse.js';

export { joinPath, MANIFEST_NAME } from './assemble.js';
export type { LoadOptions, LoadResult, PlanFiles, RawFile } from './assemble.js';

export function loadPlan(input: PlanFiles, options: LoadOptions = {}): LoadResult {
  const manifestPath = manifestPathOf(input.planDir);
  const sources = new Map<string, string>();
  const views = new Map<FileResult, ParsedFile>();
  const results = input.files.map((raw) => {
    const { result, parsed } = loadFile(raw, manifestPath);
    if (parsed) {
      sources.set(raw.path, parsed.text);
      views.set(result, parsed);
    }
    return result;
  });
  const view = (r: FileResult): FileView => views.get(r)!;
  const { plan, diagnostics, parsed } = assemblePlan(input.planDir, results, options, view);
  const result: LoadResult = { diagnostics, sources, parsed };
  if (plan) result.plan = plan;
  return result;
}
