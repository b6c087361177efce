/**
 * Writing a cache file (its format: cache-file.ts): a new file an entry at a
 * time, lines of entries read from the old file copied byte for byte.
 */
import { closeSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type CacheAccess, CREATE_FLAGS, prepareCacheDir, READ_FLAGS, tempTag, writeAll } from './cache-access.js';
import { type CacheEntry, type CacheKey, type CachedResult, cacheFile, CHUNK, header, mac, macHolds, type StoredLine } from './cache-file.js';

/** The parts of a result as the cache stores them. */
export function encodeResult(key: Pick<CacheKey, 'codec'>, result: CachedResult): { lean: unknown; json: { lean: string; texts?: string } } {
  if (!key.codec) return { lean: result, json: { lean: JSON.stringify(result) } };
  const { lean, texts } = key.codec.encode(result);
  return { lean, json: { lean: JSON.stringify(lean), texts: JSON.stringify(texts) } };
}

/**
 * Writes a new cache an entry at a time into a temporary file, renamed over
 * the old one when complete: the cache is replaced whole or not at all.
 * Never throws; a cache that cannot be written is simply not written.
 */
export class CacheWriter<T extends CachedResult = CachedResult> {
  /** Bytes not yet written, encoded as they come: strings put one at a time, never joined first. */
  private buf = Buffer.allocUnsafe(2 * CHUNK);
  private pending = 0;
  private failed = false;
  private previous: number | undefined;
  /** Bytes of the file so far, written or waiting in `text`. */
  private position = 0;
  /** Where each entry's line is in the new file: theirs once it is in place. */
  private readonly placed: [CacheEntry<T>, StoredLine][] = [];

  private constructor(
    private readonly access: CacheAccess | undefined,
    private readonly key: CacheKey<T> | undefined,
    private readonly file: string,
    private readonly temp: string | undefined,
    private fd: number | undefined,
    previousFile: string | undefined,
  ) {
    if (previousFile !== undefined) {
      try {
        this.previous = openSync(previousFile, READ_FLAGS);
      } catch {
        this.previous = undefined;
      }
    }
  }

  /** A writer of the cache for `key`; entries read from a cache file are copied from `previous` (the file they were read from). */
  static open<T extends CachedResult>(access: CacheAccess, key: CacheKey<T>, previous?: string): CacheWriter<T> {
    const file = cacheFile(access.root, key);
    let temp: string | undefined;
    try {
      prepareCacheDir(access.dir);
      temp = path.join(access.dir, `${path.basename(file)}.${tempTag()}.tmp`);
      const writer = new CacheWriter<T>(access, key, file, temp, openSync(temp, CREATE_FLAGS, 0o644), previous);
      const head = `${header(key)}\n`;
      writer.put(head);
      writer.position = Buffer.byteLength(head);
      return writer;
    } catch {
      const writer = new CacheWriter<T>(undefined, undefined, file, undefined, undefined, undefined);
      writer.failed = true;
      return writer;
    }
  }

  add(e: CacheEntry<T>): void {
    if (this.failed) return;
    try {
      const secret = this.access!.secret;
      const key = this.key!;
      const blob = e.blob ?? '';
      let line: { meta: string; mac: string; textsMac: string; leanLength: number; length: number };
      if (e.json === undefined && e.stored && this.previous !== undefined) {
        const s = e.stored;
        const bytes = Buffer.allocUnsafe(s.length);
        if (readSync(this.previous, bytes, 0, bytes.length, s.offset) !== bytes.length) throw new Error('cache file changed');
        let tag = s.mac;
        if (blob !== s.blob) {
          // Signed again for its blob id: only bytes whose old MAC still holds (the file may have been replaced since it was read).
          const lean = bytes.subarray(0, s.leanLength);
          if (!macHolds(mac(secret, key, e.path, e.hash, s.blob, 'lean', lean), s.mac)) throw new Error('cache file changed');
          tag = mac(secret, key, e.path, e.hash, blob, 'lean', lean);
        }
        line = { meta: `${JSON.stringify([e.path, e.hash, tag, s.textsMac, blob])}\t`, mac: tag, textsMac: s.textsMac, leanLength: s.leanLength, length: s.length };
        this.put(line.meta);
        this.flush();
        writeAll(this.fd!, bytes);
        this.put('\n');
      } else if (e.json === undefined && e.lean) {
        // A lean result cannot be written as a whole one, and its line cannot be copied: left out.
        return;
      } else {
        const json = e.json ?? encodeResult(key, e.result).json;
        const tag = mac(secret, key, e.path, e.hash, blob, 'lean', json.lean);
        const leanLength = Buffer.byteLength(json.lean);
        if (key.codec) {
          const texts = json.texts ?? '[]';
          const textsTag = mac(secret, key, e.path, e.hash, blob, 'texts', texts);
          line = { meta: `${JSON.stringify([e.path, e.hash, tag, textsTag, blob])}\t`, mac: tag, textsMac: textsTag, leanLength, length: leanLength + 1 + Buffer.byteLength(texts) };
          this.put(line.meta, json.lean, '\t', texts, '\n');
        } else {
          line = { meta: `${JSON.stringify([e.path, e.hash, tag, '', blob])}\t`, mac: tag, textsMac: '', leanLength, length: leanLength };
          this.put(line.meta, json.lean, '\n');
        }
        // The line holds the JSON now: not kept twice until the file is committed (≈ 90 MB at 10,000 files).
        delete e.json;
      }
      const offset = this.position + Buffer.byteLength(line.meta);
      this.placed.push([e, { offset, length: line.length, leanLength: line.leanLength, mac: line.mac, textsMac: line.textsMac, blob }]);
      this.position = offset + line.length + 1;
      if (this.pending >= CHUNK) this.flush();
    } catch {
      this.fail();
    }
  }

  /** Finishes the file and puts it in place; false when it could not be written. */
  commit(): boolean {
    if (this.failed) return false;
    try {
      this.flush();
      closeSync(this.fd!);
      this.fd = undefined;
      this.closePrevious();
      renameSync(this.temp!, this.file);
      // The entries are now where this file has them: a later writer copies them from it.
      for (const [e, stored] of this.placed) {
        e.stored = stored;
        delete e.json;
      }
      return true;
    } catch {
      this.fail();
      return false;
    }
  }

  /** Gives up: the old cache stays as it was. */
  abort(): void {
    if (!this.failed) this.fail();
  }

  private flush(): void {
    if (this.pending > 0) writeAll(this.fd!, this.buf.subarray(0, this.pending));
    this.pending = 0;
  }

  /**
   * Encodes strings into the buffer, each on its own: joining them first makes one string that V8
   * must flatten, and two-byte when any piece is (a note in Korean), which made encoding 46 MB of
   * cache take 0.6 s instead of 0.03 s.
   */
  private put(...strings: string[]): void {
    for (const s of strings) {
      // At most three bytes of UTF-8 for each UTF-16 unit.
      if (this.pending + 3 * s.length > this.buf.length) {
        this.flush();
        if (3 * s.length > this.buf.length) this.buf = Buffer.allocUnsafe(3 * s.length);
      }
      this.pending += this.buf.write(s, this.pending, 'utf8');
    }
  }

  private closePrevious(): void {
    if (this.previous !== undefined) closeSync(this.previous);
    this.previous = undefined;
  }

  private fail(): void {
    this.failed = true;
    this.pending = 0;
    try {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      this.closePrevious();
      if (this.temp !== undefined) rmSync(this.temp, { force: true });
    } catch {
      // nothing more to do
    }
  }
}
