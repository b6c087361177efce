import path from 'node:path';
import type { Command } from 'commander';
import { prepareInitiative } from '../../core/edit/prepare.js';
import type { NewInitiative } from '../../core/edit/initiative-file.js';
import type { Cadence, Kind } from '../../core/vocabulary.js';
import { EXIT, type ExitCode, environmentError, usageError } from '../../errors.js';
import { assertGitAllowsWrite } from '../../io/git-state.js';
import { createFile } from '../../io/write.js';
import { renderNewFile } from '../../render/recorded.js';
import { termSafeLine } from '../../render/sanitize.js';
import { parseNonBlank, parsePillarThemes, refuseChange, requireManifest, resolveText } from '../change-options.js';
import { commandContext, readAndLoadForChange } from '../context.js';
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

/** Tries the next id again when another file took it meanwhile; this many times. */
const ATTEMPTS = 20;

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<AddOptions>();
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
  const text = resolveText(o.text, 'initiative text', how, template);
  const fields: Omit<NewInitiative, 'id'> = {
    pillar,
    title,
    text,
    ...(kind ? { kind } : {}),
    ...(o.cadence ? { cadence: o.cadence } : {}),
    themes,
  };
  const { root } = loaded.location;
  const taken: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = prepareInitiative(loaded.raw, fields, ctx.asOf, taken, loaded.loads(ctx.asOf));
    if (!r.ok) return refuseChange(ctx, r, `${loaded.raw.planDir}/pillar-${pillar}`);
    if (o.dryRun) {
      ctx.out(`${renderNewFile(r.file, r.text, ctx.style)}\n${ctx.style.dim(`Would create ${r.id}. Dry run: nothing was written.`)}\n`);
      return EXIT.ok;
    }
    if (attempt === 0) assertGitAllowsWrite(root);
    if (await createFile(path.join(root, r.file), r.bytes, { root, display: r.file })) {
      ctx.err(`created ${termSafeLine(r.file)}\n`);
      ctx.out(`${r.id}\n`);
      return EXIT.ok;
    }
    taken.push(r.file);
  }
  throw environmentError(`could not find a free id in pillar ${pillar}: other files kept taking them`, 'run the command again');
}
