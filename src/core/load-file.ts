/**
 * The first half of loading: one file's bytes → decoded text → YAML document
 * → schema-checked value → model, with every diagnostic on the way. Each file
 * on its own, so files can be loaded in any order, in parallel, or not at all
 * when a cached result is still good. assemble.ts does the rest.
 */
import { type FileResult, problemResult, type RawFile } from './assemble.js';
import type { Initiative } from './model.js';
import { decodeText } from './decode.js';
import { type ParsedFile, parseYamlFile } from './parse.js';
import { checkSchema, initiativeSchema, type InitiativeInput, manifestSchema } from './schema.js';
import { JOINT_SIDE } from './vocabulary.js';

/** Loads one file; `manifestPath` says which file is the manifest. Never throws. */
export function loadFile(raw: RawFile, manifestPath: string): { result: FileResult; parsed?: ParsedFile } {
  if (raw.problem) return { result: problemResult(raw.path, raw.problem) };
  const result: FileResult = { path: raw.path, decoded: false, diagnostics: [] };
  const bytes = raw.bytes ?? new Uint8Array();
  const decoded = decodeText(raw.path, bytes, raw.size ?? bytes.length);
  result.diagnostics.push(...decoded.diagnostics);
  if (decoded.text === undefined) return { result };
  result.decoded = true;
  const parsed = parseYamlFile(raw.path, decoded.text);
  result.diagnostics.push(...parsed.diagnostics);
  if (parsed.value === undefined) return { result, parsed };
  if (raw.path === manifestPath) {
    result.value = parsed.value;
    const checked = checkSchema(parsed, manifestSchema);
    result.diagnostics.push(...checked.diagnostics);
    if (checked.value) result.manifest = checked.value;
  } else {
    const checked = checkSchema(parsed, initiativeSchema);
    result.diagnostics.push(...checked.diagnostics);
    if (checked.value) result.initiative = toInitiative(checked.value, parsed);
  }
  return { result, parsed };
}

function toInitiative(v: InitiativeInput, parsed: ParsedFile): Initiative {
  const i: Initiative = {
    id: v.id,
    pillar: v.pillar,
    alsoListedUnder: v.alsoListedUnder ?? [],
    title: v.title,
    text: v.text,
    themes: v.themes ?? [],
    leads: v.leads ?? {},
    related: v.related ?? [],
    notes: v.notes.map((n, index) => ({
      date: n.date,
      text: n.text,
      ...(n.status !== undefined ? { status: n.status } : {}),
      side: n.side ?? JOINT_SIDE,
      ...(n.author !== undefined ? { author: n.author } : {}),
      ...(n.lang !== undefined ? { lang: n.lang } : {}),
      links: n.links ?? [],
      ...(n.translations !== undefined ? { translations: n.translations } : {}),
      index,
      pos: parsed.locate(['notes', index]),
    })),
    file: parsed.file,
    pos: parsed.locate(['id']),
  };
  if (v.kind !== undefined) i.kind = v.kind;
  if (v.translations !== undefined) i.translations = v.translations;
  if (v.cadence !== undefined) i.cadence = v.cadence;
  return i;
}
