import path from 'node:path';
import type { Command } from 'commander';
import { isCalendarDate } from '../../core/dates.js';
import { countBySeverity } from '../../core/diagnostics.js';
import { jsonSchemaText, SCHEMA_DIR, SCHEMA_FILES, schemaFileName, vscodeSettingsText } from '../../core/json-schema.js';
import { loadPlan } from '../../core/load.js';
import { type InitParty, manifestSkeleton, readmeStub } from '../../core/scaffold.js';
import type { Cadence } from '../../core/vocabulary.js';
import { dataError, usageError } from '../../errors.js';
import { today } from '../../io/clock.js';
import { ensureDir, pathExists, writeGeneratedFile, writeNewFile } from '../../io/files.js';
import { termSafeLine } from '../../render/sanitize.js';
import { commandContext } from '../context.js';

interface InitCliOptions {
  title?: string;
  partnership?: string;
  party?: string[];
  adopted?: string;
  reviewCadence: Cadence;
  reviewBody?: string;
}

function oneLine(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/\S/.test(value) || /[\r\n]/.test(value)) throw usageError(`${flag} must be one line of text`, `e.g. ${flag} "Action Plan"`);
  return value;
}

function parseParty(value: string): InitParty {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*):(.*\S.*)$/.exec(value);
  if (!m || /[\r\n]/.test(value)) {
    throw usageError(`--party '${termSafeLine(value)}' is not ID:NAME`, 'e.g. --party ca:Canada --party kr:"Republic of Korea" (ids: lower-case letters, digits, dashes)');
  }
  return { id: m[1]!, name: m[2]!.trim() };
}

export async function run(cmd: Command, dir: string | undefined): Promise<void> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<InitCliOptions>();
  if (o.adopted !== undefined && !isCalendarDate(o.adopted)) {
    throw usageError(`--adopted '${termSafeLine(o.adopted)}' is not a date in YYYY-MM-DD form`, 'e.g. --adopted 2024-07-18');
  }
  const parties = (o.party ?? []).map(parseParty);
  const ids = parties.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw usageError('each --party needs its own id', `ids given: ${ids.join(', ')}`);
  const options = {
    title: oneLine('--title', o.title),
    partnership: oneLine('--partnership', o.partnership),
    parties,
    adopted: o.adopted ?? today(),
    adoptedGiven: o.adopted !== undefined,
    reviewCadence: o.reviewCadence,
    reviewBody: oneLine('--review-body', o.reviewBody),
  };
  const root = path.resolve(dir ?? '.');
  const shown = dir ?? '.';
  const manifestPath = path.join(root, 'plan', 'plan.yaml');
  if (pathExists(manifestPath) || pathExists(path.join(root, 'plan'))) {
    throw dataError(
      `${path.join(shown, 'plan')} already exists: csp init starts a new plan and never overwrites one`,
      `choose another folder, e.g. 'csp init new-plan', or edit the existing plan (csp validate checks it)`,
    );
  }
  const manifest = manifestSkeleton(options);
  // The skeleton must be a valid plan; if it is not, that is csp's fault, and nothing is written.
  const check = loadPlan({ planDir: 'plan', files: [{ path: 'plan/plan.yaml', bytes: new TextEncoder().encode(manifest) }] });
  if (countBySeverity(check.diagnostics).errors > 0) {
    throw dataError(`the new plan would not be valid: ${check.diagnostics.map((d) => d.message).join('; ')}`, 'check the values given to the options');
  }

  const created: string[] = [];
  const kept: string[] = [];
  const rel = (p: string) => path.join(shown, p);
  await writeNewFile(root, 'plan/plan.yaml', manifest, rel('plan/plan.yaml'));
  created.push(rel('plan/plan.yaml'));
  ensureDir(path.join(root, 'plan', 'pillar-1'));
  created.push(rel('plan/pillar-1/'));
  ensureDir(path.join(root, SCHEMA_DIR));
  for (const f of SCHEMA_FILES) {
    const file = `${SCHEMA_DIR}/${schemaFileName(f.name)}`;
    writeGeneratedFile(path.join(root, file), jsonSchemaText(f), rel(file));
    created.push(rel(file));
  }
  const optional: [string, string][] = [
    ['.vscode/settings.json', vscodeSettingsText()],
    ['.vscode/extensions.json', `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`],
    ['README.md', readmeStub(options)],
  ];
  for (const [file, text] of optional) ((await writeNewFile(root, file, text, rel(file))) ? created : kept).push(rel(file));

  ctx.err(`csp: started a new plan in ${shown}\n${created.map((f) => `  created ${f}\n`).join('')}`);
  for (const f of kept) ctx.err(`  kept the existing ${f}${f.endsWith('settings.json') ? ` (add: ${JSON.stringify(JSON.parse(vscodeSettingsText()))})` : ''}\n`);
  const planArg = dir === undefined ? '' : ` --plan ${path.join(shown, 'plan')}`;
  ctx.err(
    `next:\n  edit the values marked "edit:" in ${rel('plan/plan.yaml')}\n` +
      `  csp${planArg} import DOCUMENT.txt   # or write initiatives as plan/pillar-1/p1.1.yaml, …\n` +
      `  csp${planArg} validate\n` +
      (pathExists(path.join(root, '.git')) ? '' : `  git init ${shown} && git -C ${shown} add . && git -C ${shown} commit -m "Start the plan"\n`),
  );
}
