/** Plan-dependent values for shell completion, read as cheaply as possible (file names; plan.yaml only for themes and pillars). */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { compareNatural } from '../core/text.js';
import { JOINT_SIDE } from '../core/vocabulary.js';
import { MANIFEST_NAME, NOTES_DIR } from '../core/model.js';
import { locatePlan, NON_INITIATIVE_DIRS, readRegularFile } from './plan-files.js';

function yamlNames(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !e.name.startsWith('.'))
      .map((e) => e.name.replace(/\.ya?ml$/i, ''));
  } catch {
    return [];
  }
}

/**
 * The data of plan.yaml as written, read as every plan file is (core/load-file.ts's pipeline:
 * no link followed, size, encoding, guards, parse) but not checked against its schema (no zod:
 * completion stays fast). A manifest that does not read throws: nothing is offered.
 */
async function manifestData(planDir: string): Promise<unknown> {
  const raw = readRegularFile(path.join(planDir, MANIFEST_NAME), MANIFEST_NAME);
  if (!raw.bytes) throw new Error(`${MANIFEST_NAME}: ${raw.problem?.detail ?? 'not read'}`);
  // The parser only when needed: ids and reviews come from file names alone.
  const { runFilePipeline } = await import('../core/load-file.js');
  const run = runFilePipeline(raw.path, raw.bytes, raw.size ?? raw.bytes.length, () => ({ diagnostics: [] }));
  if (run.diagnostics.length > 0 || run.parsed?.value === undefined) throw new Error(`${MANIFEST_NAME} does not read as YAML`);
  return run.parsed.value;
}

/** ids (file names: csp requires the file name to be the id), themes, pillars, parties (and joint) or reviews; sorted, no duplicates. */
export async function completionValues(what: string, explicitPlan: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const { planDir } = locatePlan(explicitPlan, env, cwd);
  let values: string[] = [];
  if (what === 'ids') {
    for (const e of readdirSync(planDir, { withFileTypes: true })) {
      if (e.isDirectory() && !NON_INITIATIVE_DIRS.has(e.name) && e.name !== NOTES_DIR && !e.name.startsWith('.')) values.push(...yamlNames(path.join(planDir, e.name)));
    }
  } else if (what === 'reviews') {
    values = yamlNames(path.join(planDir, 'reviews'));
  } else if (what === 'themes' || what === 'pillars' || what === 'parties') {
    const manifest = (await manifestData(planDir)) as {
      parties?: { id?: unknown }[];
      pillars?: { number?: unknown; themes?: { id?: unknown }[] }[];
    };
    const pillars = Array.isArray(manifest?.pillars) ? manifest.pillars : [];
    if (what === 'pillars') values = pillars.map((p) => p?.number).filter((n) => typeof n === 'number').map(String);
    else if (what === 'themes') values = pillars.flatMap((p) => (Array.isArray(p?.themes) ? p.themes : [])).map((t) => t?.id).filter((id): id is string => typeof id === 'string');
    else values = [...(Array.isArray(manifest?.parties) ? manifest.parties : []).map((p) => p?.id).filter((id): id is string => typeof id === 'string'), JOINT_SIDE];
  }
  return [...new Set(values)].filter((v) => /^[A-Za-z0-9._-]+$/.test(v)).sort(compareNatural);
}
