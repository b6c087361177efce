/**
 * Loading the plan of a git revision: the files are listed with their blob
 * ids (io/git.ts), and a file whose result is already known (from this run,
 * from the working tree's cache, or from the revisions a diff loaded before)
 * is neither read from git nor parsed.
 */
import { type FileResult, type LoadResult, manifestPathOf, type PlanFiles, problemResult, type RawFile } from '../core/assemble.js';
import { decodeText } from '../core/decode.js';
import { type CacheAccess, type CacheContents, type CacheEntry, type CacheKey, cacheFile, CacheWriter, openCache, readCache } from './cache.js';
import { planCacheKey } from './cache-codec.js';
import { gitBlobId, sha256 } from './hash.js';
import type { OnLoaded } from './parse-pool.js';
import { assembleLoaded } from './plan-assemble.js';

/** The fewest entries the revisions cache keeps, and how many times a revision's file count. */
const KEEP_AT_LEAST = 1000;
const KEEP_TIMES = 3;

/** What the revisions cache will hold: results used or made in this run, then older ones. */
interface Keeper {
  access: CacheAccess;
  key: CacheKey<FileResult>;
  previous?: CacheContents<FileResult>;
  /** Blob id and path of the working tree cache's entries: not kept twice. */
  inPlanCache: Set<string>;
  /** Blob id and path of every file of the revisions loaded in this run, in order. */
  seen: Set<string>;
  /** Results this run found that the cache files do not hold by blob id. */
  fresh: Map<string, CacheEntry<FileResult>>;
  /** The most files a revision had. */
  files: number;
}

/**
 * Results of files loaded in this run, by path and content, and by path and
 * git blob id: a file is parsed once per run, whichever git revision it comes
 * from. Seeded from the cache: the working tree's (a file the same in a
 * revision as in the working tree is not parsed) and the revisions' (what an
 * earlier diff parsed); what this run parses is kept there for the next.
 */
export class KnownResults {
  private readonly byContent = new Map<string, FileResult>();
  private readonly byObject = new Map<string, FileResult>();
  private keeper?: Keeper;

  static fromCache(root: string, planDir: string, env: NodeJS.ProcessEnv): KnownResults {
    const known = new KnownResults();
    const access = openCache(root, env);
    if (!access) return known;
    const inPlanCache = new Set<string>();
    // Keyed by the hash of bytes read from git in this run, or by the blob id csp recorded for the bytes it hashed.
    for (const entry of readCache(access, planCacheKey(planDir))?.entries.values() ?? []) {
      known.set(entry.path, entry.hash, entry.result);
      if (entry.blob !== undefined) {
        known.setObject(entry.path, entry.blob, entry.result);
        inPlanCache.add(`${entry.blob} ${entry.path}`);
      }
    }
    // Plan files as committed in git revisions, found by blob id and path.
    const key = planCacheKey(planDir, 'revisions');
    const previous = readCache(access, key, { byBlob: true });
    for (const entry of previous?.entries.values() ?? []) {
      known.set(entry.path, entry.hash, entry.result);
      known.setObject(entry.path, entry.blob!, entry.result);
    }
    known.keeper = { access, key, inPlanCache, seen: new Set(), fresh: new Map(), files: 0, ...(previous ? { previous } : {}) };
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

  /** The result of a file of this path and git blob id, loaded from an earlier revision in this run or found in the cache. */
  getObject(path: string, object: string): FileResult | undefined {
    return this.byObject.get(`${object} ${path}`);
  }

  setObject(path: string, object: string, result: FileResult): void {
    this.byObject.set(`${object} ${path}`, result);
  }

  /** A revision's files, as they are loaded: what the revisions cache will keep. */
  seeFiles(files: readonly RawFile[]): void {
    if (!this.keeper) return;
    this.keeper.files = Math.max(this.keeper.files, files.length);
    for (const f of files) if (f.gitObject !== undefined && !f.problem) this.keeper.seen.add(`${f.gitObject} ${f.path}`);
  }

  /** A result of bytes read from git in this run, for the revisions cache: only when git's blob id is the id of those bytes. */
  keep(path: string, object: string, bytes: Uint8Array, hash: string, result: FileResult): void {
    const keeper = this.keeper;
    const id = `${object} ${path}`;
    if (!keeper || keeper.inPlanCache.has(id) || keeper.previous?.entries.has(id) || keeper.fresh.has(id)) return;
    if (gitBlobId(bytes) !== object) return;
    keeper.fresh.set(id, { path, hash, blob: object, result });
  }

  /** Writes the revisions cache when this run found anything it lacks. Never throws. */
  save(): void {
    const keeper = this.keeper;
    if (!keeper || keeper.fresh.size === 0) return;
    const file = cacheFile(keeper.access.root, keeper.key);
    // Entries read from the file (or written to it by an earlier save of this run) are copied from it.
    const writer = CacheWriter.open(keeper.access, keeper.key, keeper.previous ? file : undefined);
    const limit = Math.max(KEEP_AT_LEAST, KEEP_TIMES * keeper.files);
    const written = new Set<string>();
    const write = (id: string, entry: CacheEntry<FileResult> | undefined) => {
      if (!entry || written.has(id) || written.size >= limit || keeper.inPlanCache.has(id)) return;
      writer.add(entry);
      written.add(id);
    };
    for (const id of keeper.seen) write(id, keeper.fresh.get(id) ?? keeper.previous?.entries.get(id));
    for (const [id, entry] of keeper.previous?.entries ?? []) write(id, entry);
    if (!writer.commit()) return;
    const kept = new Map<string, CacheEntry<FileResult>>();
    for (const id of written) kept.set(id, (keeper.fresh.get(id) ?? keeper.previous?.entries.get(id))!);
    keeper.previous = { entries: kept, dropped: 0, texts: true };
    keeper.fresh.clear();
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
 * text. What was parsed is kept in the cache (KnownResults.save).
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
  known.seeFiles(input.files);
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
          known.keep(raw.path, raw.gitObject, raw.bytes, hash, hit);
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
        if (raw.bytes && hash !== undefined) known.keep(l.result.path, raw.gitObject, raw.bytes, hash, l.result);
        delete raw.bytes;
      }
    };
    // Files read from git only when their turn comes: a window of them in one git process.
    const prepare = (from: number, to: number) => {
      if (files.slice(from, to).some((f) => !f.raw.bytes && !f.raw.problem)) fillBytes(files.slice(from, Math.max(to, from + windowSize)).map((f) => f.raw));
    };
    const threads = workerCount(files.length, options.env);
    if (threads > 0) await loadFilesInWorkers(files, manifestPath, threads, onLoaded, prepare);
    else await loadFilesHere(files, manifestPath, onLoaded, prepare);
  }
  known.save();
  const indexOf = new Map(input.files.map((f, i) => [f.path, i]));
  const prefetch = (files: readonly string[]) => fillBytes(files.flatMap((file) => input.files[indexOf.get(file) ?? -1] ?? []));
  const textOf = (file: string): string | undefined => {
    const i = indexOf.get(file);
    const raw = i === undefined ? undefined : input.files[i];
    if (!raw?.bytes || !results[i!]!.decoded) return undefined;
    return decodeText(file, raw.bytes, raw.size ?? raw.bytes.length).text;
  };
  const { plan, diagnostics, sources } = await assembleLoaded(results, { planDir: input.planDir, today: options.today, textOf, prefetch });
  const result: LoadResult = { diagnostics, sources };
  if (plan) result.plan = plan;
  return result;
}

/** How many files read from git are in memory at once, waiting to be parsed. */
const BYTES_WINDOW = 1000;
