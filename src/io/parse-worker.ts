/**
 * A worker thread that loads plan files for parse-pool.ts: reads each file,
 * hashes it, parses and checks it, and answers the result as JSON (which the
 * cache stores as it is).
 */
import { parentPort } from 'node:worker_threads';
import { loadFile } from '../core/load-file.js';
import { sha256 } from './hash.js';
import { readPlanFile } from './plan-files.js';

export interface ParseJob {
  id: number;
  manifestPath: string;
  files: { path: string; abs: string }[];
}

export interface ParsedFileJson {
  /** sha256 of the bytes read; absent when the file could not be read. */
  hash?: string;
  /** The FileResult as JSON. */
  json: string;
}

export interface ParseReply {
  id: number;
  files: ParsedFileJson[];
}

/** Loads the files of one job; the same function runs on the main thread for small plans. */
export function runJob(job: ParseJob): ParseReply {
  const files = job.files.map((f): ParsedFileJson => {
    const raw = readPlanFile(f);
    const { result } = loadFile(raw, job.manifestPath);
    const json = JSON.stringify(result);
    return raw.bytes ? { hash: sha256(raw.bytes), json } : { json };
  });
  return { id: job.id, files };
}

parentPort?.on('message', (job: ParseJob) => {
  parentPort!.postMessage(runJob(job));
});
