import type { CommandInput } from '../command.js';
import { DEFAULT_SCHEMA, findSchemaFile, jsonSchemaText, SCHEMA_FILES, schemaFileName } from '../../core/json-schema.js';
import { EXIT, type ExitCode, dataError, usageError } from '../../errors.js';
import { termSafeLine } from '../../render/sanitize.js';
import { staleSchemaFiles, writeSchemaFiles } from '../../app/schema-files.js';
import type { CommandContext } from '../context.js';

interface SchemaOptions {
  out?: string;
  check?: boolean;
}

export function run(ctx: CommandContext, { args: [name], opts: o }: CommandInput<SchemaOptions>): ExitCode {
  const names = SCHEMA_FILES.map((s) => s.name);
  if (name !== undefined && !findSchemaFile(name)) {
    throw usageError(`there is no schema '${termSafeLine(name)}'`, `schemas are: ${names.join(', ')}`);
  }
  if (o.out === undefined) {
    if (o.check) throw usageError('--check needs --out DIR: the folder to compare with', 'e.g. csp schema --out schema --check');
    ctx.out(jsonSchemaText(findSchemaFile(name ?? DEFAULT_SCHEMA)!));
    return EXIT.ok;
  }
  const files = name === undefined ? SCHEMA_FILES : [findSchemaFile(name)!];
  if (o.check) {
    const stale = staleSchemaFiles(ctx, o.out, files);
    if (stale.length === 0) {
      ctx.err(`csp: the schema files in ${o.out} are up to date\n`);
      return EXIT.ok;
    }
    throw dataError(
      `out of date or missing in ${o.out}: ${stale.map((f) => schemaFileName(f.name)).join(', ')}`,
      `run 'csp schema --out ${o.out}' and commit the result`,
    );
  }
  const written = writeSchemaFiles(ctx, o.out, files);
  ctx.err(`csp: wrote ${written.join(', ')}\n`);
  return EXIT.ok;
}
