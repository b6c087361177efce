/**
 * Review files checked for `csp validate`, through the load cache as plan
 * files are (io/cache.ts): a review file that has not changed since the last
 * run is neither read nor parsed again. A review file is checked on its own,
 * so its diagnostics are all there is to keep.
 */
import { decodeText } from '../core/decode.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { type CacheKey, cacheFile, CacheWriter, checkAgainstCache, openCache, readCache } from './cache.js';
import { isReviewResult } from './cache-shape.js';
import { sha256 } from './hash.js';
import { type PlanLocation, readPlanFile, toRepoPath } from './plan-files.js';
import { listReviewFiles } from './review-files.js';

export interface ReviewFilesCheck {
  diagnostics: Diagnostic[];
  /** The text of every review file a diagnostic names, when it is text. */
  sources: Map<string, string>;
  /** How many review files there are. */
  files: number;
}

/** What checking one review file gave. */
interface ReviewResult {
  path: string;
  /** The file was decoded as text (it has a source to show). */
  decoded: boolean;
  diagnostics: Diagnostic[];
}

export async function checkReviewFiles(loc: PlanLocation, options: { cache: boolean; env: NodeJS.ProcessEnv }): Promise<ReviewFilesCheck> {
  const entries = listReviewFiles(loc);
  if (entries.length === 0) return { diagnostics: [], sources: new Map(), files: 0 };
  const key: CacheKey<ReviewResult> = { kind: 'reviews', planDir: toRepoPath(loc.root, loc.planDir), isResult: isReviewResult };
  const access = options.cache ? openCache(loc.root, options.env) : undefined;
  const cached = access ? readCache(access, key) : undefined;
  const check = checkAgainstCache(entries, cached);
  const results = [...check.results];
  const hashes = [...check.hashes];
  const writer = access && check.changed ? CacheWriter.open(access, key, cached ? cacheFile(loc.root, key) : undefined) : undefined;
  for (const hit of check.hits) writer?.add(hit);
  const toLoad = entries.flatMap((_, i) => (results[i] === undefined ? [i] : []));
  if (toLoad.length > 0) {
    // Imported here: a run that finds every review file in the cache loads no parser.
    const { loadReviewFile } = await import('../core/review.js');
    for (const i of toLoad) {
      const entry = entries[i]!;
      const raw = readPlanFile(entry);
      const loaded = loadReviewFile(raw);
      const result: ReviewResult = { path: entry.path, decoded: loaded.source !== undefined, diagnostics: loaded.diagnostics };
      results[i] = result;
      if (raw.bytes && raw.size === undefined) {
        const hash = sha256(raw.bytes);
        hashes[i] = hash;
        writer?.add({ path: entry.path, hash, result });
      }
    }
  }
  writer?.commit();

  const diagnostics = results.flatMap((r) => r!.diagnostics);
  const sources = new Map<string, string>();
  for (const file of new Set(diagnostics.map((d) => d.file))) {
    const i = entries.findIndex((e) => e.path === file);
    if (i < 0 || !results[i]!.decoded) continue;
    const raw = readPlanFile(entries[i]!);
    // Changed since it was checked: check again, without the cache.
    if (!raw.bytes || (hashes[i] !== undefined && sha256(raw.bytes) !== hashes[i])) {
      return options.cache ? checkReviewFiles(loc, { ...options, cache: false }) : { diagnostics, sources, files: entries.length };
    }
    const text = decodeText(file, raw.bytes, raw.size ?? raw.bytes.length).text;
    if (text !== undefined) sources.set(file, text);
  }
  return { diagnostics, sources, files: entries.length };
}
