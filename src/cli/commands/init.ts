import path from 'node:path';
import type { CommandInput } from '../command.js';
import { vscodeSettingsText } from '../../core/json-schema.js';
import type { InitOptions } from '../../core/scaffold.js';
import type { Cadence } from '../../core/vocabulary.js';
import { startPlan } from '../../app/start-plan.js';
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
  const { created, kept, inGit } = await startPlan(ctx, shown, options);

  ctx.err(`csp: started a new plan in ${shown}\n${created.map((f) => `  created ${f}\n`).join('')}`);
  for (const f of kept) {
    ctx.err(`  kept the existing ${f}${f.endsWith('settings.json') ? ` (to map the schemas, add: ${JSON.stringify(JSON.parse(vscodeSettingsText()))})` : ''}\n`);
  }
  const planArg = dir === undefined ? '' : ` --plan ${path.join(shown, 'plan')}`;
  ctx.err(
    `next:\n  edit the values marked "edit:" in ${path.join(shown, 'plan/plan.yaml')}\n` +
      `  csp${planArg} import DOCUMENT.txt   # or write initiatives as plan/pillar-1/p1.1.yaml, …\n` +
      `  csp${planArg} validate\n` +
      (inGit ? '' : `  git init ${shown} && git -C ${shown} add . && git -C ${shown} commit -m "Start the plan"\n`),
  );
}
