/**
 * The last step of loading, for results computed elsewhere (the cache, worker
 * threads, an earlier run): the plan and its plan-wide rules, then the
 * positions of their diagnostics (from the texts of only those files, parsed
 * again), then the texts of every file a diagnostic names.
 */
import { assemblePlan, deferredViews, type FileResult, pendingPositions, resolvePositions } from '../core/assemble.js';
import type { Diagnostic, SourcePos } from '../core/diagnostics.js';
import type { Plan } from '../core/model.js';
import type { ParsedFile } from '../core/parse.js';

export interface AssembledPlan {
  plan?: Plan;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

export interface AssembleOptions {
  planDir: string;
  today: string;
  /** The text of a file as it was loaded (undefined when it is not text). */
  textOf: (file: string) => string | undefined;
  /** Told, before textOf is asked for them, every file whose text will be needed. */
  prefetch?: (files: readonly string[]) => void;
}

/** The plan from its files' results, with the YAML parser loaded only when a position must be found. */
export async function assembleLoaded(results: readonly FileResult[], options: AssembleOptions): Promise<AssembledPlan> {
  const { view, requests } = deferredViews();
  const assembled = assemblePlan(options.planDir, results, { today: options.today }, view);
  const parse = pendingPositions(assembled.diagnostics, requests).size > 0 ? (await import('../core/parse.js')).parseYamlFile : undefined;
  return finishAssembled(assembled, requests, options, parse);
}

/** The same, with the parser at hand: for callers that cannot wait. */
export function assembleLoadedNow(results: readonly FileResult[], options: AssembleOptions, parse: (file: string, text: string) => ParsedFile): AssembledPlan {
  const { view, requests } = deferredViews();
  const assembled = assemblePlan(options.planDir, results, { today: options.today }, view);
  return finishAssembled(assembled, requests, options, parse);
}

function finishAssembled(
  assembled: { plan?: Plan; diagnostics: Diagnostic[] },
  requests: ReturnType<typeof deferredViews>['requests'],
  options: AssembleOptions,
  parse: ((file: string, text: string) => ParsedFile) | undefined,
): AssembledPlan {
  const prefetch = options.prefetch ?? (() => {});
  let diagnostics = assembled.diagnostics;
  const pending = pendingPositions(diagnostics, requests);
  if (pending.size > 0) {
    prefetch([...new Set([...pending.values()].map((req) => req.file))]);
    const docs = new Map<string, ParsedFile | undefined>();
    const found = new Map<number, SourcePos>();
    for (const [n, req] of pending) {
      if (!docs.has(req.file)) {
        const text = options.textOf(req.file);
        docs.set(req.file, text === undefined ? undefined : parse!(req.file, text));
      }
      found.set(n, docs.get(req.file)?.locate(req.path, req.part) ?? { file: req.file, line: 1, column: 1 });
    }
    diagnostics = resolvePositions(diagnostics, found);
  }
  const sources = new Map<string, string>();
  const named = [...new Set(diagnostics.map((d) => d.file))];
  prefetch(named);
  for (const file of named) {
    const text = options.textOf(file);
    if (text !== undefined) sources.set(file, text);
  }
  return assembled.plan ? { plan: assembled.plan, diagnostics, sources } : { diagnostics, sources };
}
