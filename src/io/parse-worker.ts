/**
 * A worker thread that loads plan files for parse-pool.ts: reads each file
 * (or takes its bytes, for a file from git), hashes it, parses and checks it,
 * and answers the result, which crosses to the main thread as a structured
 * clone; with it, when the caller writes the cache, the result's two parts as
 * the cache stores them (ParseJob.parts), made here rather than on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { loadFile } from '../core/load-file.js';
import { planResultCodec } from './cache-codec.js';
import { sha256 } from './hash.js';
import type { FileResult, RawFile } from '../core/assemble.js';
import { readPlanFile } from './plan-files.js';

/** A file to load: on disk (`abs`), or its bytes as read elsewhere (`raw`). */
export type JobFile = { path: string; abs: string } | { path: string; raw: RawFile };

export interface ParseJob {
  id: number;
  manifestPath: string;
  files: JobFile[];
  /**
   * Answer each result of a file that was read in the plan cache's two parts too (cache-codec.ts,
   * the JSON of the lean part and of the texts), encoded here rather than on the main thread; with
   * 'lean', the result itself without its texts (the caller prints none).
   */
  parts?: 'full' | 'lean';
}

export interface LoadedFile {
  result: FileResult;
  /** sha256 of the bytes read; absent when the file could not be read. */
  hash?: string;
  /** The result's two parts as the plan cache stores them, when the job asked for them. */
  parts?: { lean: string; texts: string };
}

export interface ParseReply {
  id: number;
  files: LoadedFile[];
}

/** Loads the files of one job; the same function runs on the main thread for small plans. */
export function runJob(job: ParseJob): ParseReply {
  const files = job.files.map((f): LoadedFile => {
    const raw = 'raw' in f ? f.raw : readPlanFile(f);
    const { result } = loadFile(raw, job.manifestPath);
    const loaded: LoadedFile = { result };
    if (raw.bytes) loaded.hash = sha256(raw.bytes);
    if (job.parts && raw.bytes) {
      const { lean, texts } = planResultCodec.encode(result);
      loaded.parts = { lean: JSON.stringify(lean), texts: JSON.stringify(texts) };
      // decode works in place on `lean`: after its JSON is made.
      if (job.parts === 'lean') loaded.result = planResultCodec.decode(lean, result.path, undefined) as FileResult;
    }
    return loaded;
  });
  return { id: job.id, files };
}

parentPort?.on('message', (job: ParseJob) => {
  parentPort!.postMessage(runJob(job));
});
