/**
 * csp schema --out DIR: the JSON Schema files (core/json-schema.ts) written into a folder,
 * or compared with what it holds (--check).
 */
import path from 'node:path';
import { jsonSchemaText, type SchemaFile, schemaFileName } from '../core/json-schema.js';
import { ensureDir, readTextIfExists } from '../io/files.js';
import { writeOutputFile } from '../io/write.js';
import type { Scope } from './scope.js';

/** The files whose copy in `out` (as the user named it, relative to the scope's cwd) is missing or differs. */
export function staleSchemaFiles(scope: Pick<Scope, 'cwd'>, out: string, files: readonly SchemaFile[]): SchemaFile[] {
  return files.filter((f) => readTextIfExists(path.resolve(scope.cwd, out, schemaFileName(f.name)), path.join(out, schemaFileName(f.name))) !== jsonSchemaText(f));
}

/** Writes the files into `out` (created when missing); answers their paths as the user would name them. */
export function writeSchemaFiles(scope: Pick<Scope, 'cwd'>, out: string, files: readonly SchemaFile[]): string[] {
  ensureDir(path.resolve(scope.cwd, out), out);
  const written: string[] = [];
  for (const f of files) {
    const target = path.join(out, schemaFileName(f.name));
    writeOutputFile(path.resolve(scope.cwd, target), new TextEncoder().encode(jsonSchemaText(f)), { display: target });
    written.push(target);
  }
  return written;
}
