import path from 'node:path';
import type { Command } from 'commander';
import { type PreparedNote, prepareNote } from '../../core/changes.js';
import { changedLines, type NoteToAdd } from '../../core/edit.js';
import { EXIT, type ExitCode, dataError } from '../../errors.js';
import { assertGitAllowsWrite } from '../../io/git-state.js';
import { updateFile } from '../../io/write.js';
import { renderDiff, renderNoteRecorded } from '../../render/changes.js';
import { termSafeLine } from '../../render/sanitize.js';
import { assertIdShape, findTarget, parseDate, parseLink, parseNonBlank, parseSide, refuseChange, resolveText } from '../change-options.js';
import { commandContext, readAndLoadFiles } from '../context.js';
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

export async function run(cmd: Command, id: string, textArg: string | undefined): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<NoteOptions>();
  assertIdShape(id);
  const date = o.date === undefined ? ctx.asOf : parseDate('--date', o.date);
  const status = o.status === undefined ? undefined : parseStatus(o.status);
  const links = o.link.map(parseLink);
  const author = o.author === undefined ? undefined : parseNonBlank('--author', o.author);
  const loaded = await readAndLoadFiles(ctx);
  const target = findTarget(ctx, loaded, id);
  const side = o.side === undefined ? undefined : parseSide(loaded.result.plan!, o.side);
  if (date > ctx.asOf) {
    throw dataError(`the note is dated ${date}, after today (${ctx.asOf}); nothing was recorded`, 'notes record what has happened: give the day it happened with --date');
  }
  const how = `give it after the id, or '-' to read it from standard input, e.g. csp note ${id} "Workshop held in Seoul."`;
  const template = `\n# Write the progress note for ${id} (${termSafeLine(target.title)}) above.\n# Lines starting with '#' are left out; an empty note records nothing.\n`;
  const text = resolveText(textArg, 'note text', how, template);
  const note: NoteToAdd = { date, text, ...(status ? { status } : {}), ...(side ? { side } : {}), ...(author ? { author } : {}), ...(o.lang ? { lang: o.lang } : {}), links };
  const prepare = (files = loaded.raw): PreparedNote => {
    const r = prepareNote(files, target.file, note, ctx.asOf);
    return r.ok ? r : refuseChange(ctx, r, target.file);
  };

  let done: PreparedNote;
  if (o.dryRun) done = prepare();
  else {
    const { root } = loaded.location;
    assertGitAllowsWrite(root);
    let prepared: PreparedNote | undefined;
    await updateFile(
      path.join(root, target.file),
      (current) => {
        // Checked again on the file as it is now, under the lock: another note may have landed meanwhile.
        const files = loaded.raw.files.map((f) => (f.path === target.file ? { path: f.path, bytes: current } : f));
        prepared = prepare({ ...loaded.raw, files });
        return prepared.bytes;
      },
      { root, display: target.file },
    );
    done = prepared!;
  }
  const shown = { id, title: target.title, file: target.file, note, index: done.index, count: done.count };
  if (o.dryRun) ctx.out(renderDiff(target.file, changedLines(done.before, done.after, done.splice), ctx.style) + '\n');
  ctx.out(renderNoteRecorded(shown, ctx.style, ctx.width, o.dryRun));
  return EXIT.ok;
}
