import type { CommandInput } from '../command.js';
import type { NewInitiative } from '../../core/edit/initiative-file.js';
import type { Cadence, Kind } from '../../core/vocabulary.js';
import { EXIT, type ExitCode, usageError } from '../../errors.js';
import { renderNewFile } from '../../render/recorded.js';
import { termSafeLine } from '../../render/sanitize.js';
import { parseNonBlank, parsePillarThemes, refuseChange, requireManifest, resolveText } from '../change-options.js';
import { addInitiative } from '../../app/add-initiative.js';
import { readAndLoadForChange } from '../../app/repository.js';
import type { CommandContext } from '../context.js';
import { parsePillar } from '../parse-options.js';

interface AddOptions {
  pillar: string;
  theme: string[];
  title: string;
  text?: string;
  kind?: Kind;
  cadence?: Cadence;
  dryRun?: boolean;
}

export async function run(ctx: CommandContext, { opts: o }: CommandInput<AddOptions>): Promise<ExitCode> {
  const title = parseNonBlank('--title', o.title, true);
  // A cadence is how often a recurring initiative happens: it implies the kind (validate warns about a cadence on any other kind).
  if (o.cadence && o.kind && o.kind !== 'recurring') {
    throw usageError(`--cadence is for recurring initiatives, not ${o.kind} ones`, `leave --cadence out, or use --kind recurring`);
  }
  const kind = o.kind ?? (o.cadence ? 'recurring' : undefined);
  const loaded = await readAndLoadForChange(ctx);
  const plan = requireManifest(ctx, loaded);
  const pillar = parsePillar(plan, o.pillar);
  const themes = parsePillarThemes(plan, pillar, o.theme);
  const how = "give it with --text, or '--text -' to read it from standard input";
  const template = `\n# Write the text of the new initiative "${termSafeLine(title)}" (pillar ${pillar}) above,\n# as the Action Plan words it. Lines starting with '#' are left out.\n`;
  const text = resolveText(ctx, o.text, 'initiative text', how, template);
  const fields: Omit<NewInitiative, 'id'> = {
    pillar,
    title,
    text,
    ...(kind ? { kind } : {}),
    ...(o.cadence ? { cadence: o.cadence } : {}),
    themes,
  };
  const r = await addInitiative(loaded, fields, ctx.asOf, Boolean(o.dryRun));
  if (!r.ok) return refuseChange(ctx, r, `${loaded.raw.planDir}/pillar-${pillar}`);
  if (o.dryRun) {
    ctx.out(`${renderNewFile(r.file, r.text, ctx.style)}\n${ctx.style.dim(`Would create ${r.id}. Dry run: nothing was written.`)}\n`);
  } else {
    ctx.err(`created ${termSafeLine(r.file)}\n`);
    ctx.out(`${r.id}\n`);
  }
  return EXIT.ok;
}
