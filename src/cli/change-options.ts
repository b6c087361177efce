/**
 * What `csp note` and `csp add` share: checking the values people give
 * (usage errors, exit 2), getting text from the command line, standard input
 * or the editor, and explaining a refused change (exit 1).
 */
import type { Refusal } from '../core/edit/prepare.js';
import { joinPath, MANIFEST_NAME } from '../core/load.js';
import type { Initiative, Plan } from '../core/model.js';
import { didYouMean } from '../core/text.js';
import { ID_PATTERN } from '../core/vocabulary.js';
import { dataError, usageError } from '../errors.js';
import { cleanEditedText, cleanPipedText, editText, readStdinText } from '../io/input.js';
import { formatDiagnostic } from '../render/diagnostics.js';
import { termSafeLine } from '../render/sanitize.js';
import type { LoadedPlanFiles } from '../app/repository.js';
import type { CommandContext } from './context.js';
import { findInitiative } from './parse-options.js';
import { normalizeId } from '../core/input/ids.js';

/** Ids are names, not paths: catches "plan/pillar-1/p1.1.yaml" and "../x" before any lookup. */
export function assertIdShape(id: string): void {
  if (/[/\\]/.test(id) || /\.ya?ml$/i.test(id) || id.startsWith('.')) {
    const bare = id.replace(/^.*[/\\]/, '').replace(/\.ya?ml$/i, '');
    throw usageError(
      `'${termSafeLine(id)}' looks like a file path; give the initiative id`,
      ID_PATTERN.test(bare) && /\d/.test(bare) ? `e.g. csp note ${bare} "…"` : 'ids look like p1.3',
    );
  }
}

// The input-parsing functions note and add use, from the one module that words every mistake.
export { parseDate, parseLink, parseSide } from './parse-options.js';

export function parseNonBlank(flag: string, value: string, oneLine = false): string {
  if (!/\S/.test(value)) throw usageError(`${flag} is empty`);
  if (oneLine && /[\r\n]/.test(value)) throw usageError(`${flag} must be one line`);
  return value;
}

export function parsePillarThemes(plan: Plan, pillar: number, values: readonly string[]): string[] {
  const ids = plan.pillars.find((p) => p.number === pillar)?.themes.map((t) => t.id) ?? [];
  for (const v of values) {
    if (!ids.includes(v)) {
      const elsewhere = plan.pillars.find((p) => p.themes.some((t) => t.id === v));
      throw usageError(
        `pillar ${pillar} has no thematic area '${termSafeLine(v)}'${elsewhere ? ` (it belongs to pillar ${elsewhere.number})` : ''}`,
        didYouMean(v, ids) ?? (ids.length ? `its thematic areas are: ${ids.join(', ')}` : 'this pillar has no thematic areas'),
      );
    }
  }
  return [...new Set(values)];
}

/**
 * The text given as an argument, `-` for standard input, or (left out, on a
 * terminal) written in the editor from `template`. Empty text is a usage error.
 */
export function resolveText(ctx: CommandContext, arg: string | undefined, what: string, how: string, template: string): string {
  let text: string;
  if (arg === '-') text = cleanPipedText(readStdinText(ctx.host.stdin.read));
  else if (arg !== undefined) text = arg;
  else if (ctx.interactive) text = cleanEditedText(editText(template, ctx.env));
  else throw usageError(`no ${what} given`, how);
  if (!/\S/.test(text)) throw usageError(`the ${what} is empty; nothing was recorded`, how);
  return text;
}

/** Prints why a change was refused and throws the exit-1 error. */
export function refuseChange(ctx: CommandContext, r: Refusal, file: string): never {
  if (r.kind === 'cannot-edit') throw dataError(`cannot change ${termSafeLine(file)}: ${r.message}; nothing was written`, r.hint);
  for (const d of r.diagnostics) ctx.err(`${formatDiagnostic(d, r.sources, ctx.errStyle)}\n\n`);
  if (r.kind === 'rejected') {
    throw dataError(`${r.message} (${r.diagnostics.map((d) => d.rule).join(', ')}); nothing was written`, 'change what the messages above point at, then run the command again');
  }
  if (r.kind === 'check-failed') {
    throw dataError(
      `csp could not make this change safely (${r.message}); nothing was written`,
      'this is a bug in csp: please report it with the file and the command you ran',
    );
  }
  const n = r.diagnostics.length;
  const files = [...new Set(r.diagnostics.map((d) => termSafeLine(d.file)))].join(' and ') || termSafeLine(file);
  throw dataError(
    `${files} ${n === 0 ? 'cannot be read' : n === 1 ? 'has an error' : `has ${n} errors`}; csp changes only files without errors, and nothing was written`,
    "fix them first ('csp validate' lists every problem), then run the command again",
  );
}

/** The plan, or exit 1 with the manifest's errors: changes need a readable manifest. */
export function requireManifest(ctx: CommandContext, loaded: LoadedPlanFiles): Plan {
  const manifest = joinPath(loaded.raw.planDir, MANIFEST_NAME);
  const errors = loaded.result.diagnostics.filter((d) => d.severity === 'error' && d.file === manifest);
  if (errors.length > 0 || !loaded.result.plan) {
    refuseChange(ctx, { ok: false, kind: 'file-errors', diagnostics: errors, sources: loaded.result.sources }, manifest);
  }
  return loaded.result.plan;
}

/**
 * The initiative to change. A file named after the id that has errors (and
 * so did not load) is refused with its diagnostics; an unknown id is a usage
 * error naming the nearest ids.
 */
export function findTarget(ctx: CommandContext, loaded: LoadedPlanFiles, id: string): Initiative {
  const plan = requireManifest(ctx, loaded);
  const wanted = normalizeId(id);
  const found = plan.initiatives.find((i) => i.id === wanted);
  if (found) return found;
  const broken = loaded.raw.files.find((f) => f.path.endsWith(`/${wanted}.yaml`) || f.path.endsWith(`/${wanted}.yml`));
  if (broken) {
    const diagnostics = loaded.result.diagnostics.filter((d) => d.severity === 'error' && d.file === broken.path);
    refuseChange(ctx, { ok: false, kind: 'file-errors', diagnostics, sources: loaded.result.sources }, broken.path);
  }
  return findInitiative(plan, id, (message) => ctx.err(`csp: note: ${termSafeLine(message)}\n`));
}
