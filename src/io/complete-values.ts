/** Plan-dependent values for shell completion, read as cheaply as possible (file names; plan.yaml only for themes and pillars). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareNatural } from '../core/text.js';
import { JOINT_SIDE } from '../core/vocabulary.js';
import { NOTES_DIR } from '../core/model.js';
import { locatePlan, NON_INITIATIVE_DIRS } from './plan-files.js';

function yamlNames(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !e.name.startsWith('.'))
      .map((e) => e.name.replace(/\.ya?ml$/i, ''));
  } catch {
    return [];
  }
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
    // The YAML parser only when needed: ids and reviews come from file names alone.
    const { parseYamlValue } = await import('./yaml-value.js');
    const manifest = parseYamlValue(readFileSync(path.join(planDir, 'plan.yaml'), 'utf8')) as {
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
