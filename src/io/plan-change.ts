/**
 * The plan as `csp note` and `csp add` need it: loaded once, through the
 * cache, and loaded again with the one file they would add, parsing only
 * that file. Every file is checked on its own (core/load-file.ts), so the
 * others' results still hold; the plan-wide rules run again on the whole
 * plan with the new file, as they must (a new note can break a plan-wide
 * rule: order of notes, a side that is not a party, a source the plan asks for).
 */
import { type FileResult, type LoadResult, manifestPathOf, type PlanFiles } from '../core/assemble.js';
import type { PlanLoads } from '../core/edit/prepare.js';
import { environmentError } from '../errors.js';
import { type DiskLoadOptions, loadFileResults, PlanChanged, retryOnChange } from './load-plan.js';
import { assembleLoaded, assembleLoadedNow } from './plan-assemble.js';
import type { PlanLocation } from './plan-files.js';

export interface PlanForChange {
  /** The plan as loaded (as of `today`). */
  result: LoadResult;
  /** The plan folder and its files' paths (no bytes: the change needs only their names). */
  raw: PlanFiles;
  /** The plan as a change sees it, judged as of `today` (the day notes after which are in the future). */
  loads(today: string): PlanLoads;
}

/** Loads the plan for a change; results hold no note texts (the change prints none). */
export async function loadPlanForChange(loc: PlanLocation, options: DiskLoadOptions): Promise<PlanForChange> {
  const [{ loadFile }, { parseYamlFile }] = await Promise.all([import('../core/load-file.js'), import('../core/parse.js')]);
  return retryOnChange(options, async (o) => {
    const files = await loadFileResults(loc, { ...o, texts: false });
    const { planDir, results } = files;
    const textOf = (file: string) => {
      try {
        return files.textOf(file);
      } catch (err) {
        if (err instanceof PlanChanged) throw environmentError('plan files changed while csp was reading them', 'run the command again when the files are saved');
        throw err;
      }
    };
    const assemble = (all: readonly FileResult[], today: string, text = textOf): LoadResult => {
      const { plan, diagnostics, sources } = assembleLoadedNow(all, { planDir, today, textOf: text }, parseYamlFile);
      return plan ? { plan, diagnostics, sources } : { diagnostics, sources };
    };
    const first = await assembleLoaded(results, { planDir, today: o.today, textOf: files.textOf });
    const result: LoadResult = first.plan ? { plan: first.plan, diagnostics: first.diagnostics, sources: first.sources } : { diagnostics: first.diagnostics, sources: first.sources };
    const before = new Map<string, LoadResult>([[o.today, result]]);
    const manifestPath = manifestPathOf(planDir);
    return {
      result,
      raw: { planDir, files: results.map((r) => ({ path: r.path })) },
      loads: (today) => ({
        get before() {
          let b = before.get(today);
          if (!b) before.set(today, (b = assemble(results, today)));
          return b;
        },
        withFile(path, bytes) {
          const { result: added, parsed } = loadFile({ path, bytes }, manifestPath);
          const others = results.filter((r) => r.path !== path);
          return assemble([...others, added], today, (file) => (file === path ? parsed?.text : textOf(file)));
        },
      }),
    };
  });
}
