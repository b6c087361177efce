/** The commands, in the order `csp --help` lists them. A new command: its NAME.command.ts, and a line here. */
import type { CommandSpec } from '../command.js';
import { add } from './add.command.js';
import { complete, completion } from './completion.command.js';
import { diff } from './diff.command.js';
import { exportCommand } from './export.command.js';
import { help } from './help.command.js';
import { importCommand } from './import.command.js';
import { init } from './init.command.js';
import { note } from './note.command.js';
import { report } from './report.command.js';
import { review } from './review.command.js';
import { schema } from './schema.command.js';
import { show } from './show.command.js';
import { splitNotes } from './split-notes.command.js';
import { status } from './status.command.js';
import { validate } from './validate.command.js';

export const COMMANDS: readonly CommandSpec[] = [
  validate,
  status,
  show,
  note,
  splitNotes,
  add,
  exportCommand,
  report,
  review,
  diff,
  schema,
  init,
  importCommand,
  completion,
  complete,
  help,
];
