/**
 * The format of a cache file, read and written a line at a time (see
 * cache.ts for what the cache is and why it can be trusted).
 *
 * A header line names the format, the csp build that wrote it, the kind of
 * results and the plan folder. Then one line per file:
 *
 *     [path, sha256, mac, textsMac, blob] TAB lean-JSON [TAB texts-JSON]
 *
 * `blob` is git's id (SHA-1) of the same bytes, or "" when not known yet;
 * with it a diff finds a revision's file in the cache without reading it
 * from git. The result is stored in two parts when its kind has a codec
 * (plan files): the lean part, what checking and status need, and its texts
 * (every note's text), parsed only by commands that print them. Each part
 * has its own HMAC over the kind, plan folder, path, hash (and, for the lean
 * part, the blob id): a part is used only when its MAC holds, and a line is
 * dropped whole when a part it is asked for does not. JSON escapes tabs and
 * newlines inside strings, so the separators cannot occur in the data.
 *
 * Lines of files that did not change are copied byte for byte when the
 * cache is written again.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { type CacheAccess, CACHE_DIR, cryptoModule, READ_FLAGS } from './cache-access.js';

declare const CSP_BUILD_ID: string | undefined;

const FORMAT = 'csp-load-cache';
const FORMAT_VERSION = 3;
const NEWLINE = 0x0a;
const TAB = 0x09;
export const CHUNK = 1 << 20;
const HEX64 = /^[0-9a-f]{64}$/;
const BLOB_ID = /^[0-9a-f]{40}$/;

/** What a cached result must be: plain data that names its file. */
export interface CachedResult {
  path: string;
}

/** How a kind's results are stored in two parts: lean, and the texts only some commands print. */
export interface ResultCodec {
  /** The lean part (plain data for JSON) and the texts left out of it. */
  encode(result: CachedResult): { lean: unknown; texts: string[] };
  /**
   * A result from its lean part (as parsed from JSON: any shape), with its
   * texts when they were read, else with empty texts; undefined when the
   * texts do not fit the lean part. Works in place on `lean`.
   */
  decode(lean: unknown, path: string, texts: readonly string[] | undefined): unknown;
}

export interface CacheKey<T extends CachedResult = CachedResult> {
  /** What the results are: 'plan' (plan files), 'reviews' (review files), 'revisions' (plan files of git revisions). Also the file name's prefix. */
  kind: string;
  /** The plan folder relative to the repository root. */
  planDir: string;
  /** Whether a result read back has the shape the loader expects, all the way down. */
  isResult(value: unknown): value is T;
  /** Splits results into a lean part and texts; without one a result is stored whole. */
  codec?: ResultCodec;
}

/** Where an entry read from a cache file is in it: copied as it is when the cache is written again. */
export interface StoredLine {
  /** Offset and length of everything after the line's first tab. */
  offset: number;
  length: number;
  /** Length of the lean part. */
  leanLength: number;
  mac: string;
  textsMac: string;
  /** The blob id the line was signed with. */
  blob: string;
}

export interface CacheEntry<T extends CachedResult = CachedResult> {
  path: string;
  /** sha256 of the bytes, hex. */
  hash: string;
  /** git's blob id (SHA-1) of the bytes, when known. */
  blob?: string;
  /** The result; lean (texts empty) when read without texts. */
  result: T;
  /** The result was read without its texts: it can be copied from its cache file, never encoded again. */
  lean?: true;
  /** The parts as JSON, when at hand: saves encoding the result again. */
  json?: { lean: string; texts?: string };
  /** Set when read from a cache file. */
  stored?: StoredLine;
}

/** What a cache file held that can still be used. */
export interface CacheContents<T extends CachedResult> {
  entries: Map<string, CacheEntry<T>>;
  /** Lines that were dropped (forged, damaged, wrong shape, duplicated). */
  dropped: number;
  /** Whether the results hold their texts. */
  texts: boolean;
}

export interface ReadOptions {
  /** Read the texts of results too (default true); false for commands that print none. */
  texts?: boolean;
  /** Entries may share a path (revisions): keyed by blob id and path, and kept only with a blob id. */
  byBlob?: boolean;
}

export function buildId(): string {
  return typeof CSP_BUILD_ID === 'string' ? CSP_BUILD_ID : 'dev';
}

/** `.csp-cache/<kind>-<plan folder's name>.<ext>` (JSON lines unless said otherwise). */
export function cacheFile(root: string, key: Pick<CacheKey, 'kind' | 'planDir'>, ext = 'jsonl'): string {
  const name = path.basename(key.planDir).replace(/[^A-Za-z0-9._-]/g, '_') || 'plan';
  return path.join(root, CACHE_DIR, `${key.kind}-${name}.${ext}`);
}

export function header(key: Pick<CacheKey, 'kind' | 'planDir'>): string {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build: buildId(), kind: key.kind, planDir: key.planDir });
}

export type Part = 'lean' | 'texts';

export function mac(secret: Buffer, key: Pick<CacheKey, 'kind' | 'planDir'>, file: string, hash: string, blob: string, part: Part, json: Uint8Array | string): string {
  return cryptoModule()
    .createHmac('sha256', secret)
    .update(`${FORMAT}\0${FORMAT_VERSION}\0${key.kind}\0${key.planDir}\0${file}\0${hash}\0${part === 'lean' ? blob : ''}\0${part}\0`)
    .update(json)
    .digest('hex');
}

export function macHolds(expected: string, tag: string): boolean {
  return cryptoModule().timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(tag, 'hex'));
}

/** The key an entry is found under: its path, or (byBlob) its blob id and path. */
function entryId(path: string, blob: string | undefined, byBlob: boolean): string {
  return byBlob ? `${blob ?? ''} ${path}` : path;
}

// ---- reading -------------------------------------------------------------

/**
 * What the cache file holds that can be trusted, or undefined when it cannot
 * be used at all (missing, not a regular file, another format, build or plan
 * folder). Lines that fail their MAC or shape are dropped. Never throws.
 */
export function readCache<T extends CachedResult>(access: CacheAccess, key: CacheKey<T>, options: ReadOptions = {}): CacheContents<T> | undefined {
  const texts = options.texts ?? true;
  const byBlob = options.byBlob ?? false;
  let fd: number;
  try {
    fd = openSync(cacheFile(access.root, key), READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const entries = new Map<string, CacheEntry<T>>();
    let dropped = 0;
    let first = true;
    for (const { line, offset, complete } of lines(fd)) {
      if (first) {
        if (!complete || line.toString('utf8') !== header(key)) return undefined;
        first = false;
        continue;
      }
      const entry = complete ? toEntry(access, key, line, offset, texts) : undefined;
      const id = entry && entryId(entry.path, entry.blob, byBlob);
      if (!entry || id === undefined || entries.has(id) || (byBlob && entry.blob === undefined)) {
        dropped++;
        continue;
      }
      entries.set(id, entry);
    }
    return first ? undefined : { entries, dropped, texts };
  } catch {
    // Unreadable: no cache.
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The lines of a file, without their newlines, read a chunk at a time; the last one may be cut short. */
function* lines(fd: number): Generator<{ line: Buffer; offset: number; complete: boolean }> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let start = 0;
  let filled = 0;
  /** File offset of buf[0]. */
  let base = 0;
  for (;;) {
    const end = buf.subarray(0, filled).indexOf(NEWLINE, start);
    if (end >= 0) {
      yield { line: buf.subarray(start, end), offset: base + start, complete: true };
      start = end + 1;
      continue;
    }
    // Keep the unfinished line, and read on.
    if (start > 0) {
      buf.copy(buf, 0, start, filled);
      base += start;
      filled -= start;
      start = 0;
    }
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const n = readSync(fd, buf, filled, buf.length - filled, null);
    if (n === 0) {
      if (filled > 0) yield { line: buf.subarray(0, filled), offset: base, complete: false };
      return;
    }
    filled += n;
  }
}

function toEntry<T extends CachedResult>(access: CacheAccess, key: CacheKey<T>, line: Buffer, offset: number, withTexts: boolean): CacheEntry<T> | undefined {
  const tab = line.indexOf(TAB);
  if (tab < 0) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(line.toString('utf8', 0, tab));
  } catch {
    return undefined;
  }
  if (!Array.isArray(meta) || meta.length !== 5) return undefined;
  const [p, hash, tag, textsTag, blob] = meta as unknown[];
  if (typeof p !== 'string' || typeof hash !== 'string' || typeof tag !== 'string' || typeof textsTag !== 'string' || typeof blob !== 'string') return undefined;
  if (!HEX64.test(hash) || !HEX64.test(tag) || (blob !== '' && !BLOB_ID.test(blob))) return undefined;
  const tab2 = key.codec ? line.indexOf(TAB, tab + 1) : -1;
  if (key.codec && (tab2 < 0 || !HEX64.test(textsTag))) return undefined;
  const leanBytes = line.subarray(tab + 1, tab2 < 0 ? line.length : tab2);
  if (!macHolds(mac(access.secret, key, p, hash, blob, 'lean', leanBytes), tag)) return undefined;
  let texts: string[] | undefined;
  try {
    if (key.codec && withTexts) {
      const textsBytes = line.subarray(tab2 + 1);
      if (!macHolds(mac(access.secret, key, p, hash, blob, 'texts', textsBytes), textsTag)) return undefined;
      const parsed: unknown = JSON.parse(textsBytes.toString('utf8'));
      if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string')) return undefined;
      texts = parsed as string[];
    }
    let result: unknown = JSON.parse(leanBytes.toString('utf8'));
    if (key.codec) result = key.codec.decode(result, p, texts);
    if (!key.isResult(result) || result.path !== p) return undefined;
    const stored: StoredLine = { offset: offset + tab + 1, length: line.length - tab - 1, leanLength: leanBytes.length, mac: tag, textsMac: textsTag, blob };
    const entry: CacheEntry<T> = { path: p, hash, result, stored };
    if (blob !== '') entry.blob = blob;
    if (key.codec && !withTexts) entry.lean = true;
    return entry;
  } catch {
    return undefined;
  }
}

