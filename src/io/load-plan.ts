/**
 * Loading the plan from disk as fast as it can be done, with the answer of
 * core/load.ts's loadPlan: files that did not change since the last run come
 * from the cache (io/cache.ts) without reading or parsing them; the others
 * are loaded on the main thread or, when there are many, on worker threads
 * (io/parse-pool.ts). The plan-wide rules always run afresh.
 *
 * The YAML parser and zod are imported only when a file has to be parsed, or
 * when a plan-wide diagnostic needs a position that only the parsed document
 * knows: a warm run loads neither.
 */
import {
  assemblePlan,
  deferredViews,
  type FileResult,
  type LoadResult,
  manifestPathOf,
  pendingPositions,
  type PlanFiles,
  problemResult,
  type RawFile,
  resolvePositions,
} from '../core/assemble.js';
import { decodeText } from '../core/decode.js';
import type { Diagnostic, SourcePos } from '../core/diagnostics.js';
import type { Plan } from '../core/model.js';
import { environmentError } from '../errors.js';
import { type CacheKey, cacheFile, CacheWriter, checkAgainstCache, openCache, readCache } from './cache.js';
import { isFileResult } from './cache-shape.js';
import { sha256 } from './hash.js';
import type { OnLoaded } from './parse-pool.js';
import { listPlanFiles, type PlanLocation, readPlanFile } from './plan-files.js';

export interface DiskLoadOptions {
  /** The latest date anywhere on earth: notes after it are in the future (LoadOptions.today). */
  today: string;
  /** Use and update the cache (off with --no-cache or CSP_NO_CACHE=1). */
  cache: boolean;
  env: NodeJS.ProcessEnv;
}

export interface DiskLoad {
  result: LoadResult;
  /** How many plan files there are. */
  files: number;
}

/** A file changed while csp was reading the plan: start again, without the cache. */
class PlanChanged extends Error {}

export async function loadPlanFromDisk(loc: PlanLocation, options: DiskLoadOptions): Promise<DiskLoad> {
  try {
    return await load(loc, options);
  } catch (err) {
    if (!(err instanceof PlanChanged)) throw err;
  }
  try {
    return await load(loc, { ...options, cache: false });
  } catch (err) {
    if (!(err instanceof PlanChanged)) throw err;
    throw environmentError('plan files changed while csp was reading them', 'run the command again when the files are saved');
  }
}

async function load(loc: PlanLocation, options: DiskLoadOptions): Promise<DiskLoad> {
  const { planDir, entries } = listPlanFiles(loc);
  const manifestPath = manifestPathOf(planDir);
  const key: CacheKey<FileResult> = { kind: 'plan', planDir, isResult: isFileResult };
  const access = options.cache ? openCache(loc.root, options.env) : undefined;
  const cached = access ? readCache(access, key) : undefined;
  const check = checkAgainstCache(entries, cached);
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

  async function loadMisses(): Promise<void> {
    if (misses.length === 0) return;
    // Imported here, not above: a warm run needs neither the threads nor the parser.
    const { loadFilesHere, loadFilesInWorkers, workerCount } = await import('./parse-pool.js');
    const files = misses.map((i) => entries[i]!);
    const onLoaded: OnLoaded = (k, l) => {
      const i = misses[k]!;
      results[i] = l.result;
      hashes[i] = l.hash;
      if (l.hash !== undefined) writer?.add({ path: l.result.path, hash: l.hash, result: l.result, resultJson: l.json });
    };
    const threads = workerCount(files.length, options.env);
    // Results as JSON only for the cache, made on the threads that loaded them.
    const pool = { json: writer !== undefined };
    if (threads > 0) await loadFilesInWorkers(files, manifestPath, threads, onLoaded, undefined, pool);
    else await loadFilesHere(files, manifestPath, onLoaded, undefined, pool);
  }

  const indexOf = new Map(entries.map((e, i) => [e.path, i]));
  /** The text of a file as it was loaded; a file that changed since means starting over. */
  const textOf = (file: string): string | undefined => {
    const i = indexOf.get(file);
    if (i === undefined || !results[i]!.decoded) return undefined;
    const raw = readPlanFile(entries[i]!);
    const expected = hashes[i];
    if (!raw.bytes || (expected !== undefined && sha256(raw.bytes) !== expected)) throw new PlanChanged();
    return decodeText(file, raw.bytes, raw.size ?? raw.bytes.length).text;
  };

  const { plan, diagnostics, sources } = await finish(planDir, results, options.today, textOf);
  const result: LoadResult = { diagnostics, sources };
  if (plan) result.plan = plan;
  return { result, files: entries.length };
}

/**
 * The plan from its files' results: the plan-wide rules, then the positions
 * of their diagnostics (from the texts of only those files), then the texts
 * of every file a diagnostic names.
 */
async function finish(
  planDir: string,
  results: readonly FileResult[],
  today: string,
  textOf: (file: string) => string | undefined,
  /** Told, before textOf is asked for them, every file whose text will be needed. */
  prefetch: (files: readonly string[]) => void = () => {},
): Promise<{ plan?: Plan; diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const { view, requests } = deferredViews();
  const assembled = assemblePlan(planDir, results, { today }, view);
  let diagnostics = assembled.diagnostics;
  const pending = pendingPositions(diagnostics, requests);
  if (pending.size > 0) {
    prefetch([...new Set([...pending.values()].map((req) => req.file))]);
    const { parseYamlFile } = await import('../core/parse.js');
    const docs = new Map<string, ReturnType<typeof parseYamlFile> | undefined>();
    const found = new Map<number, SourcePos>();
    for (const [n, req] of pending) {
      if (!docs.has(req.file)) {
        const text = textOf(req.file);
        docs.set(req.file, text === undefined ? undefined : parseYamlFile(req.file, text));
      }
      found.set(n, docs.get(req.file)?.locate(req.path, req.part) ?? { file: req.file, line: 1, column: 1 });
    }
    diagnostics = resolvePositions(diagnostics, found);
  }
  const sources = new Map<string, string>();
  const named = [...new Set(diagnostics.map((d) => d.file))];
  prefetch(named);
  for (const file of named) {
    const text = textOf(file);
    if (text !== undefined) sources.set(file, text);
  }
  return assembled.plan ? { plan: assembled.plan, diagnostics, sources } : { diagnostics, sources };
}

/**
 * Results of files loaded in this run, by path and content: a file is parsed
 * once per run, whichever git revision it comes from. Seeded from the
 * working tree's load cache, so files that are the same in a revision as
 * in the working tree are not parsed at all.
 */
export class KnownResults {
  private readonly byContent = new Map<string, FileResult>();
  private readonly byObject = new Map<string, FileResult>();

  static fromCache(root: string, planDir: string, env: NodeJS.ProcessEnv): KnownResults {
    const known = new KnownResults();
    const access = openCache(root, env);
    const cached = access ? readCache(access, { kind: 'plan', planDir, isResult: isFileResult }) : undefined;
    // Keyed by the hash of the bytes read from git in this run: an entry is used only for those bytes.
    for (const entry of cached?.entries.values() ?? []) known.set(entry.path, entry.hash, entry.result);
    return known;
  }

  get(path: string, hash: string): FileResult | undefined {
    return this.byContent.get(`${hash} ${path}`);
  }

  /** Whether any result is known by content (from the cache, or a revision read whole). */
  hasContent(): boolean {
    return this.byContent.size > 0;
  }

  set(path: string, hash: string, result: FileResult): void {
    this.byContent.set(`${hash} ${path}`, result);
  }

  /** The result of a file of this path and git blob id, loaded from an earlier revision in this run. */
  getObject(path: string, object: string): FileResult | undefined {
    return this.byObject.get(`${object} ${path}`);
  }

  setObject(path: string, object: string, result: FileResult): void {
    this.byObject.set(`${object} ${path}`, result);
  }
}

/**
 * A plan whose files were read elsewhere (from a git revision), with the
 * answer of loadPlan: the files `known` holds are not parsed again, the
 * others are parsed on worker threads when there are many. A file without
 * bytes but with a git blob id is one `known` holds by that id, or one whose
 * bytes `readObjects` reads when its turn to be parsed comes, a window of
 * files at a time (so that a large revision's text is never all in memory).
 * The bytes of files with a blob id are let go of (deleted from `input`) once
 * they are loaded, and read again, all at once, should diagnostics need their
 * text.
 */
export async function loadPlanFromFiles(
  input: PlanFiles,
  options: {
    today: string;
    env: NodeJS.ProcessEnv;
    known: KnownResults;
    readObjects?: (objects: string[]) => Map<string, Uint8Array>;
    /** How many files read from git may wait in memory to be parsed (default 1,000). */
    window?: number;
  },
): Promise<LoadResult> {
  const manifestPath = manifestPathOf(input.planDir);
  const { known } = options;
  const windowSize = Math.max(1, options.window ?? BYTES_WINDOW);
  /** Reads from git, in one process, the bytes of the files that have a blob id and no bytes yet. */
  const fillBytes = (raws: readonly RawFile[]) => {
    const wanted = raws.filter((r) => !r.bytes && !r.problem && r.gitObject !== undefined);
    if (wanted.length === 0 || !options.readObjects) return;
    const read = options.readObjects(wanted.map((r) => r.gitObject!));
    for (const r of wanted) {
      const bytes = read.get(r.gitObject!);
      if (bytes) r.bytes = bytes;
      else r.problem = { kind: 'unreadable', detail: 'missing from the git object store' };
    }
  };
  const results = new Array<FileResult>(input.files.length);
  const hashes = new Array<string | undefined>(input.files.length);
  const misses: number[] = [];
  const pending: number[] = [];
  input.files.forEach((raw, i) => {
    if (raw.problem) results[i] = problemResult(raw.path, raw.problem);
    else {
      const byObject = raw.gitObject === undefined ? undefined : known.getObject(raw.path, raw.gitObject);
      if (byObject) results[i] = byObject;
      else pending.push(i);
    }
  });
  // Files known by content (from the cache) need their bytes to be recognised: read from git a
  // window at a time, kept only for files that must be parsed. Without any, a file is read
  // from git only when its turn to be parsed comes (see `prepare`).
  const byContent = known.hasContent();
  for (let w = 0; w < pending.length; w += windowSize) {
    const window = pending.slice(w, w + windowSize);
    if (byContent) fillBytes(window.map((i) => input.files[i]!));
    for (const i of window) {
      const raw = input.files[i]!;
      if (raw.problem) {
        results[i] = problemResult(raw.path, raw.problem);
        continue;
      }
      if (!raw.bytes) {
        misses.push(i);
        continue;
      }
      const hash = sha256(raw.bytes);
      hashes[i] = hash;
      const hit = known.get(raw.path, hash);
      if (hit) {
        results[i] = hit;
        if (raw.gitObject !== undefined) {
          known.setObject(raw.path, raw.gitObject, hit);
          delete raw.bytes;
        }
      } else misses.push(i);
    }
  }
  if (misses.length > 0) {
    const { loadFilesHere, loadFilesInWorkers, workerCount } = await import('./parse-pool.js');
    const files = misses.map((i) => ({ path: input.files[i]!.path, raw: input.files[i]! }));
    const onLoaded: OnLoaded = (k, l) => {
      const i = misses[k]!;
      results[i] = l.result;
      const hash = hashes[i] ?? l.hash;
      if (hash !== undefined) known.set(l.result.path, hash, l.result);
      const raw = input.files[i]!;
      if (raw.gitObject !== undefined) {
        known.setObject(l.result.path, raw.gitObject, l.result);
        delete raw.bytes;
      }
    };
    // Files read from git only when their turn comes: a window of them in one git process.
    const prepare = (from: number, to: number) => {
      if (files.slice(from, to).some((f) => !f.raw.bytes && !f.raw.problem)) fillBytes(files.slice(from, Math.max(to, from + windowSize)).map((f) => f.raw));
    };
    const threads = workerCount(files.length, options.env);
    if (threads > 0) await loadFilesInWorkers(files, manifestPath, threads, onLoaded, prepare, { json: false });
    else await loadFilesHere(files, manifestPath, onLoaded, prepare, { json: false });
  }
  const indexOf = new Map(input.files.map((f, i) => [f.path, i]));
  const prefetch = (files: readonly string[]) => fillBytes(files.flatMap((file) => input.files[indexOf.get(file) ?? -1] ?? []));
  const textOf = (file: string): string | undefined => {
    const i = indexOf.get(file);
    const raw = i === undefined ? undefined : input.files[i];
    if (!raw?.bytes || !results[i!]!.decoded) return undefined;
    return decodeText(file, raw.bytes, raw.size ?? raw.bytes.length).text;
  };
  const { plan, diagnostics, sources } = await finish(input.planDir, results, options.today, textOf, prefetch);
  const result: LoadResult = { diagnostics, sources };
  if (plan) result.plan = plan;
  return result;
}

/** How many files read from git are in memory at once, waiting to be parsed. */
const BYTES_WINDOW = 1000;
