import path from 'node:path';
import type { Command } from 'commander';
import { prepareNote } from '../../core/edit/prepare.js';
import type { NoteToAdd } from '../../core/edit/note-file.js';
import { EXIT, type ExitCode, dataError } from '../../errors.js';
import { assertGitAllowsWrite } from '../../io/git-state.js';
import { createFile } from '../../io/write.js';
import { renderNewFile, renderNoteRecorded } from '../../render/recorded.js';
import { termSafeLine } from '../../render/sanitize.js';
import { assertIdShape, findTarget, parseDate, parseLink, parseNonBlank, parseSide, refuseChange, resolveText } from '../change-options.js';
import { commandContext, readAndLoadForChange } from '../context.js';
import { parseStatus } from '../parse-options.js';

interface NoteOptions {
  status?: string;
  date?: string;
  side?: string;
  author?: string;
  lang?: string;
  link: string[];
  dryRun?: boolean;
}

/**
 * Records a note as a new file notes/ID/NAME.yaml: nothing else in the plan
 * changes, so notes recorded on two branches merge without a conflict.
 */
export async function run(cmd: Command, id: string, textArg: string | undefined): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<NoteOptions>();
  assertIdShape(id);
  const date = o.date === undefined ? (ctx.asOfGiven ? ctx.asOf : ctx.localToday) : parseDate('--date', o.date);
  const status = o.status === undefined ? undefined : parseStatus(o.status);
  const links = o.link.map(parseLink);
  const author = o.author === undefined ? undefined : parseNonBlank('--author', o.author);
  const loaded = await readAndLoadForChange(ctx);
  const target = findTarget(ctx, loaded, id);
  const side = o.side === undefined ? undefined : parseSide(loaded.result.plan!, o.side);
  if (date > ctx.today) {
    throw dataError(
      `the note is dated ${date}, which is still in the future everywhere on earth (today is ${ctx.today} at the latest); nothing was recorded`,
      'notes record what has happened: give the day it happened with --date',
    );
  }
  const how = `give it after the id, or '-' to read it from standard input, e.g. csp note ${target.id} "Workshop held in Seoul."`;
  const template = `\n# Write the progress note for ${target.id} (${termSafeLine(target.title)}) above.\n# Lines starting with '#' are left out; an empty note records nothing.\n`;
  const text = resolveText(textArg, 'note text', how, template);
  const note: NoteToAdd = { date, text, ...(status ? { status } : {}), ...(side ? { side } : {}), ...(author ? { author } : {}), ...(o.lang ? { lang: o.lang } : {}), links };
  const prepared = prepareNote(loaded.raw, target.id, note, ctx.today, loaded.loads(ctx.today));
  if (!prepared.ok) return refuseChange(ctx, prepared, target.file);

  if (o.dryRun) ctx.out(renderNewFile(prepared.file, prepared.text, ctx.style) + '\n');
  else {
    const { root } = loaded.location;
    assertGitAllowsWrite(root);
    if (!(await createFile(path.join(root, prepared.file), prepared.bytes, { root, display: prepared.file }))) {
      throw dataError(`the same note is already recorded in ${prepared.file}; nothing was added`, `'csp show ${target.id}' lists the notes`);
    }
  }
  const shown = { id: target.id, title: target.title, file: prepared.file, note, index: prepared.index, count: prepared.count };
  ctx.out(renderNoteRecorded(shown, ctx.style, ctx.width, o.dryRun));
  return EXIT.ok;
}
