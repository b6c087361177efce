/**
 * The load cache: what loading each plan file gave, so that a file which has
 * not changed since the last run is neither read nor parsed again.
 *
 * Where: `.csp-cache/` beside the plan folder (the repository root), a folder
 * that ignores itself in git (its own .gitignore holds `*`, as pytest's cache
 * does) and is marked with a CACHEDIR.TAG for backup tools.
 *
 * What: one file per plan folder, in lines: a header naming the format, the
 * csp build that wrote it and the plan folder; then one line per plan file,
 * `[path, size, mtimeMs, ctimeMs, ino, seen, sha256]` TAB the file's result
 * as JSON. Lines of files that did not change are copied byte for byte when
 * the cache is written again. JSON escapes tabs and newlines inside strings,
 * so the two separators cannot occur in the data.
 *
 * Trust: a file's result is reused when its lstat data (size, mtime, ctime,
 * inode) are those recorded and it was not "racy" (changed within the
 * timestamp granularity of when it was read, as git's index judges); when
 * only the timestamps or inode differ, its bytes are hashed and compared.
 * Only per-file results are kept: the plan-wide rules, which depend on every
 * file and on --as-of, run every time. A cache written by another build, for
 * another plan folder, or that does not parse is ignored and replaced.
 * Reading or writing it never fails a command: a read-only folder just means
 * no cache.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileResult } from '../core/assemble.js';
import type { FileStat } from './plan-files.js';

declare const CSP_BUILD_ID: string | undefined;

export const CACHE_DIR = '.csp-cache';
const FORMAT = 'csp-load-cache';
const FORMAT_VERSION = 1;
/**
 * A file whose mtime or ctime is this close to the moment it was read may
 * have changed again within the same timestamp tick (2 s on FAT; a few ms on
 * Linux): its bytes are checked on the next run.
 */
export const RACY_MS = 2000;
const NEWLINE = 0x0a;
const TAB = 0x09;

export interface CacheEntry {
  path: string;
  stat: FileStat;
  /** When the bytes were read (ms since the epoch). */
  seen: number;
  /** sha256 of the bytes, hex. */
  hash: string;
  result: FileResult;
  /** The result as JSON, when at hand: saves serialising it again. */
  resultJson?: string | Buffer;
}

export interface CacheKey {
  /** The plan folder relative to the repository root. */
  planDir: string;
}

function buildId(): string {
  return typeof CSP_BUILD_ID === 'string' ? CSP_BUILD_ID : 'dev';
}

export function cacheFile(root: string, planDir: string): string {
  const name = path.basename(planDir).replace(/[^A-Za-z0-9._-]/g, '_') || 'plan';
  return path.join(root, CACHE_DIR, `load-${name}.jsonl`);
}

function header(key: CacheKey): string {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build: buildId(), planDir: key.planDir });
}

export function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Whether the file may have changed after it was read without its timestamps showing it. */
export function isRacy(entry: Pick<CacheEntry, 'stat' | 'seen'>): boolean {
  return Math.max(entry.stat.mtimeMs, entry.stat.ctimeMs) + RACY_MS > entry.seen;
}

/** The cached entries by path, or undefined when there is no usable cache. Never throws. */
export function readCache(file: string, key: CacheKey): Map<string, CacheEntry> | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    let end = buf.indexOf(NEWLINE);
    if (end < 0 || buf.toString('utf8', 0, end) !== header(key)) return undefined;
    const entries = new Map<string, CacheEntry>();
    for (let start = end + 1; start < buf.length; start = end + 1) {
      end = buf.indexOf(NEWLINE, start);
      if (end < 0) return undefined; // every line ends with a newline: this file was cut short
      const tab = buf.indexOf(TAB, start);
      if (tab < 0 || tab > end) return undefined;
      const meta: unknown = JSON.parse(buf.toString('utf8', start, tab));
      const resultJson = buf.subarray(tab + 1, end);
      const result: unknown = JSON.parse(resultJson.toString('utf8'));
      const entry = toEntry(meta, result, resultJson);
      if (!entry || entries.has(entry.path)) return undefined;
      entries.set(entry.path, entry);
    }
    return entries;
  } catch {
    return undefined;
  }
}

function toEntry(meta: unknown, result: unknown, resultJson: Buffer): CacheEntry | undefined {
  if (!Array.isArray(meta) || meta.length !== 7) return undefined;
  const [p, size, mtimeMs, ctimeMs, ino, seen, hash] = meta as unknown[];
  if (typeof p !== 'string' || typeof hash !== 'string') return undefined;
  if (![size, mtimeMs, ctimeMs, ino, seen].every((n) => typeof n === 'number')) return undefined;
  if (!isFileResult(result) || result.path !== p) return undefined;
  return {
    path: p,
    stat: { size: size as number, mtimeMs: mtimeMs as number, ctimeMs: ctimeMs as number, ino: ino as number },
    seen: seen as number,
    hash,
    result,
    resultJson,
  };
}

/** The shape a result must have to be used; the loader checks no further. */
function isFileResult(v: unknown): v is FileResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.path !== 'string' || typeof r.decoded !== 'boolean' || !Array.isArray(r.diagnostics)) return false;
  if (r.initiative !== undefined) {
    const i = r.initiative as Record<string, unknown> | null;
    if (typeof i !== 'object' || i === null || typeof i.id !== 'string' || !Array.isArray(i.notes)) return false;
  }
  if (r.manifest !== undefined && (typeof r.manifest !== 'object' || r.manifest === null)) return false;
  return true;
}

/**
 * Writes the cache whole or not at all (a temporary file renamed over the
 * old one). Returns whether it was written; never throws.
 */
export function writeCache(file: string, key: CacheKey, entries: readonly CacheEntry[]): boolean {
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    markCacheDir(dir);
    // Text is gathered into long strings and encoded once; reused lines are copied as they are.
    const parts: Buffer[] = [];
    let text = `${header(key)}\n`;
    for (const e of entries) {
      text += `${JSON.stringify([e.path, e.stat.size, e.stat.mtimeMs, e.stat.ctimeMs, e.stat.ino, e.seen, e.hash])}\t`;
      const json = e.resultJson ?? JSON.stringify(e.result);
      if (typeof json === 'string') text += `${json}\n`;
      else {
        parts.push(Buffer.from(text, 'utf8'), json);
        text = '\n';
      }
    }
    parts.push(Buffer.from(text, 'utf8'));
    writeFileSync(temp, Buffer.concat(parts));
    renameSync(temp, file);
    return true;
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing more to do
    }
    return false;
  }
}

function markCacheDir(dir: string): void {
  const files: [string, string][] = [
    ['.gitignore', '# Created by csp: this folder is a cache and is not part of the repository.\n*\n'],
    [
      'CACHEDIR.TAG',
      'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by csp.\n# For information about cache directory tags see https://bford.info/cachedir/\n',
    ],
  ];
  for (const [name, text] of files) {
    try {
      writeFileSync(path.join(dir, name), text, { flag: 'wx' });
    } catch {
      // already there (or not writable: then the cache write fails anyway)
    }
  }
}
