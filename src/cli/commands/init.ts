import path from 'node:path';
import type { CommandInput } from '../command.js';
import { vscodeSettingsText } from '../../core/json-schema.js';
import { type InitOptions, scaffoldFiles } from '../../core/scaffold.js';
import type { Cadence } from '../../core/vocabulary.js';
import { dataError } from '../../errors.js';
import { ensureDir, entryKind, listFolder, pathExists, writeGeneratedFile, writeNewFile } from '../../io/files.js';
import { requireValidNewPlan } from '../../app/new-plan.js';
import type { CommandContext } from '../context.js';
import { parseDate, parseOneLine, parseParties } from '../parse-options.js';

interface InitCliOptions {
  title?: string;
  partnership?: string;
  party?: string[];
  adopted?: string;
  reviewCadence: Cadence;
  reviewBody?: string;
}

export async function run(ctx: CommandContext, { args: [dir], opts: o }: CommandInput<InitCliOptions>): Promise<void> {
  const options: InitOptions = {
    title: parseOneLine('--title', o.title),
    partnership: parseOneLine('--partnership', o.partnership),
    parties: parseParties(o.party ?? []),
    adopted: o.adopted === undefined ? ctx.localToday : parseDate('--adopted', o.adopted),
    adoptedGiven: o.adopted !== undefined,
    reviewCadence: o.reviewCadence,
    reviewBody: parseOneLine('--review-body', o.reviewBody),
  };
  const shown = dir ?? '.';
  const root = path.resolve(ctx.cwd, shown);
  refuseExistingPlan(root, shown);
  const files = scaffoldFiles(options);
  // The new plan must be valid; if it is not, that is csp's fault, and nothing is written.
  requireValidNewPlan(ctx, 'plan', files.slice(0, 1), 'the new plan', 'check the values given to the options');
  const created: string[] = [];
  const kept: string[] = [];
  // The manifest last: a plan folder without one is an unfinished init, which running init again completes.
  const manifest = files[0]!;
  for (const f of [...files.slice(1), manifest]) {
    const display = path.join(shown, f.path);
    if (f.path === manifest.path) ensureDir(path.join(root, 'plan', 'pillar-1'));
    if (f.keepExisting) ((await writeNewFile(root, f.path, f.text, display)) ? created : kept).push(display);
    else {
      writeGeneratedFile(root, f.path, f.text, display);
      created.push(display);
    }
  }

  ctx.err(`csp: started a new plan in ${shown}\n${created.map((f) => `  created ${f}\n`).join('')}`);
  for (const f of kept) {
    ctx.err(`  kept the existing ${f}${f.endsWith('settings.json') ? ` (to map the schemas, add: ${JSON.stringify(JSON.parse(vscodeSettingsText()))})` : ''}\n`);
  }
  const planArg = dir === undefined ? '' : ` --plan ${path.join(shown, 'plan')}`;
  ctx.err(
    `next:\n  edit the values marked "edit:" in ${path.join(shown, 'plan/plan.yaml')}\n` +
      `  csp${planArg} import DOCUMENT.txt   # or write initiatives as plan/pillar-1/p1.1.yaml, …\n` +
      `  csp${planArg} validate\n` +
      (pathExists(path.join(root, '.git')) ? '' : `  git init ${shown} && git -C ${shown} add . && git -C ${shown} commit -m "Start the plan"\n`),
  );
}

/**
 * csp init never overwrites a plan: refused when plan/plan.yaml exists, or
 * when plan/ holds anything an unfinished csp init would not have left
 * (an empty pillar-1 folder). plan/ as a link or a file is refused too.
 */
function refuseExistingPlan(root: string, shown: string): void {
  const planDir = path.join(root, 'plan');
  const refuse = (why: string) =>
    dataError(`${path.join(shown, 'plan')} ${why}: csp init starts a new plan and never overwrites one`, "choose another folder, e.g. 'csp init new-plan', or edit the existing plan (csp validate checks it)");
  const kind = entryKind(planDir);
  if (kind === undefined) return;
  if (kind !== 'folder') throw refuse(kind === 'link' ? 'is a symbolic link' : 'already exists');
  if (entryKind(path.join(planDir, 'plan.yaml')) !== undefined) throw refuse('already exists');
  const entries = listFolder(planDir);
  const unfinished = entries.every((e) => e === 'pillar-1') && (entries.length === 0 || (entryKind(path.join(planDir, 'pillar-1')) === 'folder' && listFolder(path.join(planDir, 'pillar-1')).length === 0));
  if (!unfinished) throw refuse('already exists and holds files');
}
