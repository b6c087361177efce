/**
 * A worker thread that loads plan files for parse-pool.ts: reads each file
 * (or takes its bytes, for a file from git), hashes it, parses and checks it,
 * and answers the result as JSON (which the cache stores as it is).
 */
import { parentPort } from 'node:worker_threads';
import { loadFile } from '../core/load-file.js';
import { sha256 } from './hash.js';
import type { RawFile } from '../core/assemble.js';
import { readPlanFile } from './plan-files.js';

/** A file to load: on disk (`abs`), or its bytes as read elsewhere (`raw`). */
export type JobFile = { path: string; abs: string } | { path: string; raw: RawFile };

export interface ParseJob {
  id: number;
  manifestPath: string;
  files: JobFile[];
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
    const raw = 'raw' in f ? f.raw : readPlanFile(f);
    const { result } = loadFile(raw, job.manifestPath);
    const json = JSON.stringify(result);
    return raw.bytes ? { hash: sha256(raw.bytes), json } : { json };
  });
  return { id: job.id, files };
}

parentPort?.on('message', (job: ParseJob) => {
  parentPort!.postMessage(runJob(job));
});
