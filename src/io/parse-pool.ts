/**
 * Loading many plan files on every core: worker threads (parse-worker.ts)
 * read, parse and check batches of files, and so does the main thread
 * between taking in their answers (a worker costs ≈ 35 MB, and the main
 * thread would otherwise wait). Each answer is handed on with its index in the input, so
 * that the caller's results do not depend on which thread finished first.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobFile, LoadedFile, ParseJob, ParseReply } from './parse-worker.js';


export interface PoolOptions {
  /** Give each result in the plan cache's two parts too, made where it was loaded (ParseJob.parts). */
  parts?: 'full' | 'lean';
}

/** What every job of a load is asked for besides the results. */
type JobAsks = Pick<ParseJob, 'parts'>;

function asks(options: PoolOptions): JobAsks {
  return options.parts ? { parts: options.parts } : {};
}

export type OnLoaded = (index: number, file: LoadedFile) => void;

/** Below this many files to parse, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 500;
/** Worker threads at most; the main thread parses too. */
const MAX_WORKERS = 3;
/**
 * A worker's young generation, MB. Measured on 4,000 files of the synthetic
 * 10k plan in one worker (GC pauses from a PerformanceObserver, two runs each):
 * 2 MB 469 collections, 2.3–2.7 s of GC; 4 MB 245, 1.0–1.8 s; 8 MB 115,
 * 1.1–1.3 s; 16 MB 58, 0.4 s; 32 MB 43, 0.3–0.5 s. The process's RSS was the
 * same at 4 and 16 MB (108–117 MB) and higher at 32 (126–132 MB): 16 MB.
 */
const WORKER_YOUNG_MB = 16;

/**
 * How many worker threads to use for `count` files: CSP_PARSE_WORKERS=0 never,
 * =N always N (tests use it on small plans); by default one per core but the
 * main thread's, when there are enough files and more than one core.
 */
export function workerCount(count: number, env: NodeJS.ProcessEnv): number {
  const forced = env.CSP_PARSE_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return count > 0 ? Math.min(Number(forced), 64) : 0;
  if (count < WORKER_THRESHOLD) return 0;
  const cores = process.getBuiltinModule('node:os').availableParallelism();
  return cores < 2 ? 0 : Math.min(cores - 1, MAX_WORKERS);
}

function workerFile(): string {
  // The built CLI (dist/cli.cjs) sits beside dist/parse-worker.cjs.
  if (typeof __dirname !== 'string') throw new Error('worker threads need the built CLI (dist/)');
  return path.join(__dirname, 'parse-worker.cjs');
}

/**
 * Called before the files from `from` to `to` (not included) are loaded: the
 * caller may fill in bytes it has not read yet. Jobs are made in order.
 */
export type Prepare = (from: number, to: number) => void;

/** Loads the files on this thread, with the code the workers run. */
export async function loadFilesHere(
  files: readonly JobFile[],
  manifestPath: string,
  onLoaded: OnLoaded,
  prepare: Prepare = () => {},
  options: PoolOptions = {},
): Promise<void> {
  const { runJob } = await import('./parse-worker.js');
  const how = asks(options);
  files.forEach((f, k) => {
    prepare(k, k + 1);
    onLoaded(k, runJob({ id: k, manifestPath, files: [jobFile(f)], ...how }).files[0]!);
  });
}

/** Only what a job needs of a file (a listing entry carries more). */
function jobFile(f: JobFile): JobFile {
  if (!('raw' in f)) return { path: f.path, abs: f.abs };
  return { path: f.path, raw: f.raw };
}

/**
 * A job for a worker, with what to transfer rather than copy: the bytes of
 * files read elsewhere (from git) are copied into one buffer per job that
 * moves to the worker thread. A view into git's output would send the whole
 * output; a copy per file would stay on this thread until collected, which at
 * 10,000 files is as much memory again as the plan's text.
 */
function transferableJob(id: number, manifestPath: string, files: readonly JobFile[], how: JobAsks): { job: ParseJob; transfer: ArrayBuffer[] } {
  let total = 0;
  for (const f of files) if ('raw' in f && f.raw.bytes) total += f.raw.bytes.length;
  if (total === 0) return { job: { id, manifestPath, files: files.map(jobFile), ...how }, transfer: [] };
  const buffer = new ArrayBuffer(total);
  let at = 0;
  const jobFiles = files.map((f): JobFile => {
    if (!('raw' in f)) return { path: f.path, abs: f.abs };
    const { bytes, ...rest } = f.raw;
    if (!bytes) return { path: f.path, raw: rest };
    const copy = new Uint8Array(buffer, at, bytes.length);
    copy.set(bytes);
    at += bytes.length;
    return { path: f.path, raw: { ...rest, bytes: copy } };
  });
  return { job: { id, manifestPath, files: jobFiles, ...how }, transfer: [buffer] };
}

/** Loads the files on `threads` worker threads and on this one. */
export async function loadFilesInWorkers(
  files: readonly JobFile[],
  manifestPath: string,
  threads: number,
  onLoaded: OnLoaded,
  prepare: Prepare = () => {},
  options: PoolOptions = {},
): Promise<void> {
  const { runJob } = await import('./parse-worker.js');
  const how = asks(options);
  // Small batches balance the load; not so small that messages dominate.
  const size = Math.max(8, Math.min(64, Math.ceil(files.length / ((threads + 1) * 8))));
  const jobCount = Math.ceil(files.length / size);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = () => {
      for (const w of workers) void w.terminate();
    };
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      stop();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    // Each job is made when it is handed out, so only the jobs in flight hold copies of bytes.
    const give = (w: Worker) => {
      if (failed || next >= jobCount) return;
      const id = next++;
      try {
        prepare(id * size, Math.min(files.length, (id + 1) * size));
        const { job, transfer } = transferableJob(id, manifestPath, files.slice(id * size, (id + 1) * size), how);
        w.postMessage(job, transfer);
      } catch (err) {
        fail(err);
      }
    };
    const take = (reply: ParseReply) => {
      try {
        const base = reply.id * size;
        reply.files.forEach((f, k) => onLoaded(base + k, f));
      } catch (err) {
        fail(err);
        return;
      }
      if (++done === jobCount) {
        stop();
        resolve();
      }
    };
    // This thread takes a job whenever it is free, then lets the workers' answers in.
    const ownTurn = () => {
      if (failed || next >= jobCount) return;
      const id = next++;
      let reply: ParseReply;
      try {
        prepare(id * size, Math.min(files.length, (id + 1) * size));
        reply = runJob({ id, manifestPath, files: files.slice(id * size, (id + 1) * size).map(jobFile), ...how });
      } catch (err) {
        fail(err);
        return;
      }
      take(reply);
      setImmediate(ownTurn);
    };
    for (let t = 0; t < Math.min(threads, jobCount); t++) {
      const w = new Worker(workerFile(), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      w.unref();
      workers.push(w);
      w.on('message', (reply: ParseReply) => {
        if (failed) return;
        give(w);
        take(reply);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (done < jobCount) fail(new Error(`a parse worker stopped (exit code ${code})`));
      });
      give(w);
      // A second job in flight keeps the thread busy while the first answer travels.
      give(w);
    }
    setImmediate(ownTurn);
  });
}
