/**
 * The one loading pipeline: raw files → parsed documents → schema-checked
 * values → the Plan model → plan-wide rules. Pure: the caller reads the
 * files (src/io) and passes the bytes in. Every stage adds to one list of
 * diagnostics instead of stopping at the first problem.
 */
import { compareDiagnostics, diagnostic, type Diagnostic } from './diagnostics.js';
import type { Initiative, Manifest, Pillar, Plan } from './model.js';
import { MANIFEST_NAME, pillarFolder } from './model.js';
import { decodeText, type ParsedFile, parseYamlFile } from './parse.js';
import { PLAN_RULES, type RuleContext } from './rules/index.js';
import { checkSchema, initiativeSchema, type InitiativeInput, manifestSchema } from './schema.js';
import { compareNatural } from './text.js';
import { JOINT_SIDE } from './vocabulary.js';

export { MANIFEST_NAME } from './model.js';

export interface RawFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  bytes?: Uint8Array;
  /** The file's size, when the reader loaded only its first bytes because it is too large to be a plan file. */
  size?: number;
  /** Set by the reader when the file could not be read as a regular file. */
  problem?: { kind: 'symlink' | 'unreadable'; detail: string };
}

export interface PlanFiles {
  /** The plan folder relative to the repository root, e.g. "plan". */
  planDir: string;
  files: RawFile[];
}

export interface LoadOptions {
  /** Notes dated after this day are errors. */
  asOf?: string;
}

export interface LoadResult {
  plan?: Plan;
  diagnostics: Diagnostic[];
  /** Decoded text of every file, for showing the offending line. */
  sources: Map<string, string>;
  /** Parsed documents of every file that parsed, by path. */
  parsed: Map<string, ParsedFile>;
}

export function loadPlan(input: PlanFiles, options: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const parsedFiles = new Map<string, ParsedFile>();
  const manifestPath = joinPath(input.planDir, MANIFEST_NAME);

  const parseRaw = (raw: RawFile): ParsedFile | undefined => {
    if (raw.problem) {
      diagnostics.push(
        raw.problem.kind === 'symlink'
          ? diagnostic(
              { file: raw.path, line: 1, column: 1 },
              'file-symlink',
              'this is a symbolic link; csp does not follow links in the plan folder',
              'replace the link with the file or folder itself: a link can lead out of the repository',
            )
          : diagnostic({ file: raw.path, line: 1, column: 1 }, 'file-unreadable', `cannot read the file: ${raw.problem.detail}`, 'check the file permissions'),
      );
      return undefined;
    }
    const bytes = raw.bytes ?? new Uint8Array();
    const decoded = decodeText(raw.path, bytes, raw.size ?? bytes.length);
    diagnostics.push(...decoded.diagnostics);
    if (decoded.text === undefined) return undefined;
    sources.set(raw.path, decoded.text);
    const parsed = parseYamlFile(raw.path, decoded.text);
    parsedFiles.set(raw.path, parsed);
    diagnostics.push(...parsed.diagnostics);
    return parsed;
  };

  // Manifest first: the pillars it declares decide where initiatives belong.
  let manifest: Manifest | undefined;
  let pillars: Pillar[] = [];
  const manifestRaw = input.files.find((f) => f.path === manifestPath);
  if (!manifestRaw) {
    diagnostics.push(
      diagnostic(
        { file: manifestPath, line: 1, column: 1 },
        'manifest-missing',
        `the plan has no manifest ${manifestPath}`,
        "create it with 'csp init', or point --plan at the folder that holds plan.yaml",
      ),
    );
  } else {
    const parsed = parseRaw(manifestRaw);
    if (parsed?.value !== undefined) {
      const checked = checkSchema(parsed, manifestSchema);
      diagnostics.push(...checked.diagnostics);
      if (checked.value) {
        const { pillars: rawPillars, ...rest } = checked.value;
        manifest = { ...rest, file: manifestPath } as Manifest;
        pillars = rawPillars
          .map((p) => ({
            number: p.number,
            title: p.title,
            ...(p.short !== undefined ? { short: p.short } : {}),
            ...(p.translations !== undefined ? { translations: p.translations } : {}),
            folder: pillarFolder(p.number),
            themes: p.themes.map((t) => ({ ...t, pillar: p.number })),
          }))
          .sort((a, b) => a.number - b.number);
      }
    }
  }

  const initiatives: Initiative[] = [];
  const initiativeFiles = input.files
    .filter((f) => f.path !== manifestPath)
    .sort((a, b) => compareNatural(a.path, b.path));
  for (const raw of initiativeFiles) {
    const parsed = parseRaw(raw);
    if (parsed?.value === undefined) continue;
    const checked = checkSchema(parsed, initiativeSchema);
    diagnostics.push(...checked.diagnostics);
    if (checked.value) initiatives.push(toInitiative(checked.value, parsed));
  }
  initiatives.sort((a, b) => compareNatural(a.id, b.id) || compareNatural(a.file, b.file));

  let plan: Plan | undefined;
  if (manifest) {
    plan = { manifest, pillars, initiatives };
    const ctx: RuleContext = { plan, planDir: input.planDir, parsed: parsedFiles };
    if (options.asOf !== undefined) ctx.asOf = options.asOf;
    for (const rule of PLAN_RULES) diagnostics.push(...rule(ctx));
  }
  diagnostics.sort(compareDiagnostics);
  const result: LoadResult = { diagnostics, sources, parsed: parsedFiles };
  if (plan) result.plan = plan;
  return result;
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

export function joinPath(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : `${dir}/${name}`;
}
