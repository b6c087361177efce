import type { Command } from 'commander';
import { jsonSchemaOf, SCHEMA_DIR, SCHEMA_FILES, schemaFileName } from '../../core/json-schema.js';
import { didYouMean } from '../../core/text.js';
import { usageError } from '../../errors.js';
import { renderFormatHelp } from '../../render/format-help.js';
import { termSafeLine } from '../../render/sanitize.js';

/** Topics beside the commands: `csp help format`. */
export const HELP_TOPICS = ['format'] as const;

export function run(cmd: Command, topic: string | undefined): void {
  const program = cmd.parent!;
  if (topic === undefined) program.help();
  if (topic === 'format') {
    const files = SCHEMA_FILES.map((f) => ({
      name: f.name,
      title: f.title,
      description: f.description,
      glob: f.glob,
      schemaFile: `${SCHEMA_DIR}/${schemaFileName(f.name)}`,
      schema: jsonSchemaOf(f),
    }));
    process.stdout.write(renderFormatHelp(files));
    return;
  }
  const sub = program.commands.find((c) => c.name() === topic && c !== cmd);
  if (sub) sub.help();
  const names = [...program.commands.map((c) => c.name()).filter((n) => n !== 'help' && !n.startsWith('__')), ...HELP_TOPICS];
  throw usageError(`there is no command or help topic '${termSafeLine(topic!)}'`, didYouMean(topic!, names) ?? `try one of: ${names.join(', ')}`);
}
