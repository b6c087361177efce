/**
 * Loading many plan files on every core: worker threads (parse-worker.ts)
 * read, parse and check batches of files while the main thread takes in
 * their answers. Each answer is handed on with its index in the input, so
 * that the caller's results do not depend on which thread finished first.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../core/assemble.js';
import type { JobFile, ParseJob, ParseReply } from './parse-worker.js';

export interface LoadedFile {
  result: FileResult;
  /** sha256 of the bytes; absent when the file could not be read. */
  hash?: string;
  /** The result as JSON, as the cache stores it. */
  json: string;
}

export type OnLoaded = (index: number, file: LoadedFile) => void;

/** Below this many files to parse, starting threads costs more than it saves. */
export const WORKER_THRESHOLD = 500;
const MAX_THREADS = 4;
/**
 * A worker's young generation, MB. Node's default lets each worker's heap grow
 * by ≈ 50 MB; parsing makes only short-lived garbage, which a small young
 * generation collects as cheaply (peak memory is a target too).
 */
const WORKER_YOUNG_MB = 4;

/**
 * How many worker threads to use for `count` files: CSP_PARSE_WORKERS=0 never,
 * =N always N (tests use it on small plans); by default one per core when
 * there are enough files and more than one core.
 */
export function workerCount(count: number, env: NodeJS.ProcessEnv): number {
  const forced = env.CSP_PARSE_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return count > 0 ? Math.min(Number(forced), 64) : 0;
  if (count < WORKER_THRESHOLD) return 0;
  const cores = process.getBuiltinModule('node:os').availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_THREADS);
}

function workerFile(): string {
  // The built CLI (dist/cli.cjs) sits beside dist/parse-worker.cjs.
  if (typeof __dirname !== 'string') throw new Error('worker threads need the built CLI (dist/)');
  return path.join(__dirname, 'parse-worker.cjs');
}

function loaded(f: ParseReply['files'][number]): LoadedFile {
  const l: LoadedFile = { result: JSON.parse(f.json) as FileResult, json: f.json };
  if (f.hash !== undefined) l.hash = f.hash;
  return l;
}

/** Loads the files on this thread, with the code the workers run and through the same JSON. */
export async function loadFilesHere(files: readonly JobFile[], manifestPath: string, onLoaded: OnLoaded): Promise<void> {
  const { runJob } = await import('./parse-worker.js');
  files.forEach((f, k) => {
    onLoaded(k, loaded(runJob({ id: k, manifestPath, files: [jobFile(f)] }).files[0]!));
  });
}

/**
 * Only what a job needs of a file (a listing entry carries more). Bytes are
 * copied: a view into git's output would send the whole output to the thread.
 */
function jobFile(f: JobFile): JobFile {
  if (!('raw' in f)) return { path: f.path, abs: f.abs };
  const { bytes, ...rest } = f.raw;
  return { path: f.path, raw: bytes ? { ...rest, bytes: new Uint8Array(bytes) } : rest };
}

export function loadFilesInWorkers(
  files: readonly JobFile[],
  manifestPath: string,
  threads: number,
  onLoaded: OnLoaded,
): Promise<void> {
  // Small batches balance the load; not so small that messages dominate.
  const size = Math.max(8, Math.min(64, Math.ceil(files.length / (threads * 8))));
  const jobs: ParseJob[] = [];
  for (let start = 0, id = 0; start < files.length; start += size, id++) {
    jobs.push({ id, manifestPath, files: files.slice(start, start + size).map(jobFile) });
  }
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
    const give = (w: Worker) => {
      if (next < jobs.length) w.postMessage(jobs[next++]);
    };
    for (let t = 0; t < Math.min(threads, jobs.length); t++) {
      const w = new Worker(workerFile(), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      w.unref();
      workers.push(w);
      w.on('message', (reply: ParseReply) => {
        if (failed) return;
        give(w);
        try {
          const base = reply.id * size;
          reply.files.forEach((f, k) => onLoaded(base + k, loaded(f)));
        } catch (err) {
          fail(err);
          return;
        }
        if (++done === jobs.length) {
          stop();
          resolve();
        }
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (done < jobs.length) fail(new Error(`a parse worker stopped (exit code ${code})`));
      });
      give(w);
      // A second job in flight keeps the thread busy while the first answer travels.
      give(w);
    }
  });
}
