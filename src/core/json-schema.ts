/**
 * JSON Schema (draft 2020-12) of the plan files, generated from the zod
 * schemas so that editors check and complete what csp checks. Adding a kind
 * of file is one entry in SCHEMA_FILES.
 */
import { z } from 'zod';
import { initiativeSchema, manifestSchema, noteSchema, reviewSchema } from './schema.js';

export interface SchemaFile {
  /** The name in `csp schema NAME` and in the file name `schema/<name>.schema.json`. */
  name: string;
  schema: z.ZodType;
  title: string;
  /** Which files it describes, for people and for `.vscode/settings.json` (relative to the repository root). */
  glob: string;
  description: string;
}

export const SCHEMA_FILES: readonly SchemaFile[] = [
  {
    name: 'initiative',
    schema: initiativeSchema,
    title: 'csp initiative file',
    glob: 'plan/pillar-*/*.yaml',
    description: 'One initiative of the action plan and its dated progress notes (plan/pillar-N/<id>.yaml).',
  },
  {
    name: 'note',
    schema: noteSchema,
    title: 'csp note file',
    glob: 'plan/notes/*/*.yaml',
    description: "One dated progress note of the initiative its folder names (plan/notes/<id>/<name>.yaml), as 'csp note' writes it.",
  },
  {
    name: 'plan',
    schema: manifestSchema,
    title: 'csp plan manifest',
    glob: 'plan/plan.yaml',
    description: 'The plan manifest: the plan, its parties, pillars and thematic areas (plan/plan.yaml).',
  },
  {
    name: 'review',
    schema: reviewSchema,
    title: 'csp review file',
    glob: 'plan/reviews/*.yaml',
    description: "The plan frozen as of a date by 'csp review create' (plan/reviews/NAME.yaml); not edited by hand.",
  },
];

/** The schema printed by `csp schema` without a name. */
export const DEFAULT_SCHEMA = 'initiative';

export const SCHEMA_DIR = 'schema';

export function schemaFileName(name: string): string {
  return `${name}.schema.json`;
}

export function findSchemaFile(name: string): SchemaFile | undefined {
  return SCHEMA_FILES.find((s) => s.name === name);
}

/** The JSON Schema of what people write (defaults are not required). */
export function jsonSchemaOf(file: SchemaFile): Record<string, unknown> {
  const generated = z.toJSONSchema(file.schema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: file.title, description: file.description, ...rest };
}

/** The file text: two-space JSON with a final newline, byte-for-byte the same on every run. */
export function jsonSchemaText(file: SchemaFile): string {
  return `${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`;
}

/** `.vscode/settings.json` mapping every schema to its files, for repositories whose files lack the modeline. */
export function vscodeSettingsText(): string {
  const schemas = Object.fromEntries(SCHEMA_FILES.map((f) => [`./${SCHEMA_DIR}/${schemaFileName(f.name)}`, f.glob]));
  return `${JSON.stringify({ 'yaml.schemas': schemas }, null, 2)}\n`;
}

/** The modeline a plan file starts with, pointing at its schema relative to the file. */
export function modeline(name: string, fileDepthBelowRoot: number): string {
  return `# yaml-language-server: $schema=${'../'.repeat(fileDepthBelowRoot)}${SCHEMA_DIR}/${schemaFileName(name)}`;
}
