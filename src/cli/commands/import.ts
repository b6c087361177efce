import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { countBySeverity } from '../../core/diagnostics.js';
import { parseActionPlan } from '../../core/import.js';
import { initiativeFileText, initiativePath, manifestWithImport } from '../../core/import-files.js';
import { joinPath, loadPlan, type RawFile } from '../../core/load.js';
import { decodeText } from '../../core/parse.js';
import { dataError, environmentError } from '../../errors.js';
import { writeNewFile } from '../../io/files.js';
import { updateFile } from '../../io/write.js';
import { locatePlan, readPlanFiles, toRepoPath } from '../../io/plan-files.js';
import { formatDiagnostic } from '../../render/diagnostics.js';
import { importJson, renderImportSummary } from '../../render/import.js';
import { commandContext } from '../context.js';

export async function run(cmd: Command, file: string): Promise<void> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<{ dryRun?: boolean; json?: boolean }>();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw environmentError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file name; the document must be a plain-text (UTF-8) file');
  }
  const decoded = decodeText(file, bytes);
  if (decoded.text === undefined) throw dataError(`${file}: ${decoded.diagnostics.map((d) => d.message).join('; ')}`, decoded.diagnostics[0]?.hint);
  const imported = parseActionPlan(decoded.text);
  if (imported.problems.length) {
    throw dataError(
      `${file} does not look like an action plan: ${imported.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
      "csp import reads 'Pillar N: Title' lines, thematic-area headings with their paragraphs, and 'Initiatives: a; b; c.' lists (see csp import --help)",
    );
  }

  const location = locatePlan(ctx.options.plan, process.env, process.cwd());
  const current = readPlanFiles(location);
  const shownPlan = path.relative(process.cwd(), location.planDir) || '.';
  const manifestPath = joinPath(current.planDir, 'plan.yaml');
  const others = current.files.filter((f) => f.path !== manifestPath);
  const loaded = loadPlan(current, { asOf: ctx.asOf });
  const themes = loaded.plan?.pillars.flatMap((p) => p.themes) ?? [];
  if (others.length || themes.length) {
    throw dataError(
      `the plan in ${shownPlan} already has ${others.length ? `${others.length} initiative file${others.length === 1 ? '' : 's'}` : `${themes.length} thematic areas`}: csp import only starts a new plan, it never overwrites one`,
      `import into a new plan and compare: csp init NEW && csp --plan NEW/plan import ${file}`,
    );
  }
  const manifestRaw = current.files.find((f) => f.path === manifestPath);
  if (!loaded.plan || !manifestRaw?.bytes || countBySeverity(loaded.diagnostics).errors > 0) {
    for (const d of loaded.diagnostics.filter((x) => x.severity === 'error').slice(0, 5)) ctx.err(`${formatDiagnostic(d, loaded.sources, ctx.errStyle)}\n\n`);
    throw dataError(`${manifestPath} has errors`, "fix them first ('csp validate' lists them), or start a new plan with 'csp init'");
  }

  const absFile = path.resolve(file);
  const inRepo = !path.relative(location.root, absFile).startsWith('..') && !path.isAbsolute(path.relative(location.root, absFile));
  const manifest = manifestWithImport(new TextDecoder().decode(manifestRaw.bytes), imported, inRepo ? toRepoPath(location.root, absFile) : undefined);
  const files = imported.initiatives.map((i) => ({ path: initiativePath(current.planDir, i), text: initiativeFileText(i) }));

  // The new plan must load without errors before anything is written.
  const raw: RawFile[] = [manifestPath, ...files.map((f) => f.path)].map((p, i) => ({
    path: p,
    bytes: new TextEncoder().encode(i === 0 ? manifest.text : files[i - 1]!.text),
  }));
  const check = loadPlan({ planDir: current.planDir, files: raw }, { asOf: ctx.asOf });
  if (countBySeverity(check.diagnostics).errors > 0) {
    for (const d of check.diagnostics.filter((x) => x.severity === 'error').slice(0, 5)) ctx.err(`${formatDiagnostic(d, check.sources, ctx.errStyle)}\n\n`);
    throw dataError(`the imported plan would have errors, so nothing was written`, 'check the document around the lines named above');
  }

  if (!o.dryRun) {
    for (const f of files) {
      if (!(await writeNewFile(location.root, f.path, f.text))) throw dataError(`${f.path} already exists`, 'import into a new plan (csp init NEW)');
    }
    const before = new TextDecoder().decode(manifestRaw.bytes);
    await updateFile(
      path.join(location.root, manifestPath),
      (current) => {
        if (new TextDecoder().decode(current) !== before) throw dataError(`${manifestPath} changed while csp was importing`, 'run the import again');
        return new TextEncoder().encode(manifest.text);
      },
      { root: location.root, display: manifestPath },
    );
  }
  const summary = { file, planDir: shownPlan, planOption: ctx.options.plan !== undefined ? ` --plan ${shownPlan}` : '', written: !o.dryRun, imported, filled: manifest.filled, files: [manifestPath, ...files.map((f) => f.path)] };
  if (o.json) ctx.out(`${JSON.stringify(importJson(summary), null, 2)}\n`);
  ctx.err(renderImportSummary(summary, ctx.errStyle));
}
