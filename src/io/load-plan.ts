/**
 * Loading the plan from disk as fast as it can be done, with the answer of
 * core/load.ts's loadPlan: files that did not change since the last run come
 * from the cache (io/cache.ts) without parsing them; the others are loaded on
 * the main thread or, when there are many, on worker threads
 * (io/parse-pool.ts). The plan-wide rules always run afresh.
 *
 * Commands that print no note or initiative text (status, validate) load
 * with `texts: false`: the results then hold none (io/cache-codec.ts), and
 * the cache's texts are neither parsed nor kept.
 *
 * The YAML parser and zod are imported only when a file has to be parsed, or
 * when a plan-wide diagnostic needs a position that only the parsed document
 * knows: a warm run loads neither.
 */
import { type FileResult, type LoadResult, manifestPathOf, problemResult } from '../core/assemble.js';
import { decodeText } from '../core/decode.js';
import { environmentError } from '../errors.js';
import { type CacheEntry, cacheFile, CacheWriter, checkAgainstCache, openCache, readCache } from './cache.js';
import { leanResult, planCacheKey } from './cache-codec.js';
import { readStatIndex, writeStatIndex } from './cache-stats.js';
import { nowMs } from './clock.js';
import { sha256 } from './hash.js';
import type { OnLoaded, PoolOptions } from './parse-pool.js';
import { assembleLoaded } from './plan-assemble.js';
import { listPlanFiles, type PlanLocation, readPlanFile } from './plan-files.js';

export { KnownResults, loadPlanFromFiles } from './load-revision.js';

export interface DiskLoadOptions {
  /** The latest date anywhere on earth: notes after it are in the future (LoadOptions.today). */
  today: string;
  /** Use and update the cache (off with --no-cache or CSP_NO_CACHE=1). */
  cache: boolean;
  env: NodeJS.ProcessEnv;
  /** Keep the texts of initiatives and notes (default true); false for commands that print none. */
  texts?: boolean;
}

export interface DiskLoad {
  result: LoadResult;
  /** How many plan files there are. */
  files: number;
}

/** A file changed while csp was reading the plan: start again, without the cache. */
export class PlanChanged extends Error {}

/** Runs `load`, and once more without the cache when a file changed meanwhile. */
export async function retryOnChange<T>(options: DiskLoadOptions, load: (options: DiskLoadOptions) => Promise<T>): Promise<T> {
  try {
    return await load(options);
  } catch (err) {
    if (!(err instanceof PlanChanged)) throw err;
  }
  try {
    return await load({ ...options, cache: false });
  } catch (err) {
    if (!(err instanceof PlanChanged)) throw err;
    throw environmentError('plan files changed while csp was reading them', 'run the command again when the files are saved');
  }
}

export async function loadPlanFromDisk(loc: PlanLocation, options: DiskLoadOptions): Promise<DiskLoad> {
  return retryOnChange(options, async (o) => {
    const loaded = await loadFileResults(loc, o);
    const { plan, diagnostics, sources } = await assembleLoaded(loaded.results, { planDir: loaded.planDir, today: o.today, textOf: loaded.textOf });
    const result: LoadResult = { diagnostics, sources };
    if (plan) result.plan = plan;
    return { result, files: loaded.results.length };
  });
}

/** Every plan file's result, in the listing's order, and how to have a file's text as it was loaded. */
export interface LoadedFiles {
  planDir: string;
  results: FileResult[];
  /** The text of a file as it was loaded; throws PlanChanged when it changed since. */
  textOf: (file: string) => string | undefined;
}

/** The per-file half of loading: through the cache, the misses parsed (on worker threads when there are many). */
export async function loadFileResults(loc: PlanLocation, options: DiskLoadOptions): Promise<LoadedFiles> {
  const texts = options.texts ?? true;
  const listedAt = nowMs();
  const { planDir, entries } = listPlanFiles(loc);
  const manifestPath = manifestPathOf(planDir);
  const key = planCacheKey(planDir);
  const access = options.cache ? openCache(loc.root, options.env) : undefined;
  const cached = access ? readCache(access, key, { texts }) : undefined;
  const index = access ? readStatIndex(access, planDir) : undefined;
  const check = checkAgainstCache(entries, cached, index && { index, listedAt });
  const { hits, misses, changed } = check;
  const hashes = check.hashes;
  const results = entries.map((entry, i) => check.results[i] ?? (entry.problem ? problemResult(entry.path, entry.problem) : undefined)) as FileResult[];

  // The cache is written again when anything in it would change; never for a folder without a
  // manifest (a mistyped --plan), which would leave a .csp-cache/ in a folder that is no plan's.
  const isPlan = entries.some((e) => e.path === manifestPath);
  const writer = access && isPlan && changed ? CacheWriter.open(access, key, cached ? cacheFile(loc.root, key) : undefined) : undefined;
  for (const hit of hits) writer?.add(hit);
  try {
    await loadMisses();
  } catch (err) {
    writer?.abort();
    throw err;
  }
  writer?.commit();
  if (access && index && isPlan) {
    const rows = entries.flatMap((e, i) => (check.signatures[i] !== undefined && hashes[i] !== undefined ? [[e.path, check.signatures[i]!, hashes[i]!] as const] : []));
    writeStatIndex(access, planDir, rows, index);
  }

  async function loadMisses(): Promise<void> {
    if (misses.length === 0) return;
    // Imported here, not above: a warm run needs neither the threads nor the parser.
    const { loadFilesHere, loadFilesInWorkers, workerCount } = await import('./parse-pool.js');
    const files = misses.map((i) => entries[i]!);
    const onLoaded: OnLoaded = (k, l) => {
      const i = misses[k]!;
      let result = l.result;
      hashes[i] = l.hash;
      // With a writer, every file that was read (it has a hash) comes with its two parts, made by
      // the thread that loaded it (the result lean already when no text is printed).
      if (writer && l.hash !== undefined && l.parts !== undefined) {
        // The writer keeps the entry until it commits: with the lean result, not the one with every text.
        const entry: CacheEntry<FileResult> = { path: result.path, hash: l.hash, result, json: l.parts };
        if (!texts) entry.lean = true;
        writer.add(entry);
      } else if (!texts) result = leanResult(result);
      results[i] = result;
    };
    const threads = workerCount(files.length, options.env);
    // The cache's two parts made where each file is loaded; results without texts when none are printed.
    const pool: PoolOptions = writer ? { parts: texts ? 'full' : 'lean' } : {};
    if (threads > 0) await loadFilesInWorkers(files, manifestPath, threads, onLoaded, undefined, pool);
    else await loadFilesHere(files, manifestPath, onLoaded, undefined, pool);
  }

  const indexOf = new Map(entries.map((e, i) => [e.path, i]));
  const textOf = (file: string): string | undefined => {
    const i = indexOf.get(file);
    if (i === undefined || !results[i]!.decoded) return undefined;
    const raw = readPlanFile(entries[i]!);
    const expected = hashes[i];
    if (!raw.bytes || (expected !== undefined && sha256(raw.bytes) !== expected)) throw new PlanChanged();
    return decodeText(file, raw.bytes, raw.size ?? raw.bytes.length).text;
  };
  return { planDir, results, textOf };
}
