/**
 * The lock of a plan file while csp changes it (see write.ts): an exclusive
 * lock file `<file>.lock` beside it, created with O_EXCL and naming its
 * holder (pid, host, process start time, boot); other csp processes wait for
 * it, bounded, and take over at once a lock whose holder is gone. While the
 * lock is held, SIGINT/SIGTERM/SIGHUP wait until the files are cleaned up.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { environmentError } from '../errors.js';
import { monotonicMs, nowMs } from './clock.js';
import { ownerGone, self } from './process-id.js';
import { code, type FsOps, realFs, removeQuietly, type WriteOptions, writeAll } from './write-fs.js';

const DEFAULT_LOCK_WAIT_MS = 10_000;

/** How long to wait for another process's lock, in ms: $CSP_LOCK_TIMEOUT seconds from the run's environment, else 10 s. */
export function lockWaitMs(env: Readonly<Record<string, string | undefined>>): number {
  const s = Number(env.CSP_LOCK_TIMEOUT);
  return env.CSP_LOCK_TIMEOUT !== undefined && Number.isFinite(s) && s >= 0 ? s * 1000 : DEFAULT_LOCK_WAIT_MS;
}

export interface Lock {
  path: string;
  token: string;
}

/** Who holds the lock: pid, host, when the process started and in which boot (see process-id.ts). */
function lockToken(): string {
  const me = self();
  return `${JSON.stringify({ pid: me.pid, host: hostname(), id: randomBytes(6).toString('hex'), start: me.start, boot: me.boot })}\n`;
}

interface LockInfo {
  text: string;
  pid?: number;
  host?: string;
  start?: string | null;
  boot?: string | null;
  ageMs: number;
}

function readLock(fs: FsOps, lockPath: string): LockInfo | undefined {
  try {
    const text = String(fs.readFileSync(lockPath, 'utf8'));
    const ageMs = nowMs() - fs.statSync(lockPath).mtimeMs;
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      return {
        text,
        ageMs,
        ...(typeof data.pid === 'number' ? { pid: data.pid } : {}),
        ...(typeof data.host === 'string' ? { host: data.host } : {}),
        ...(typeof data.start === 'string' ? { start: data.start } : {}),
        ...(typeof data.boot === 'string' ? { boot: data.boot } : {}),
      };
    } catch {
      return { text, ageMs };
    }
  } catch {
    return undefined;
  }
}

/** A lock whose text never got written is being written now, unless it is this old. */
const EMPTY_LOCK_MS = 2_000;

/**
 * A lock whose process is gone: at once when that process ran on this
 * machine (its pid is dead, or now belongs to a process that started at
 * another moment or in another boot). A lock from another machine is never
 * judged; one without readable content is stale once EMPTY_LOCK_MS old.
 */
function isStale(info: LockInfo): boolean {
  if (info.pid === undefined) return info.ageMs >= EMPTY_LOCK_MS;
  if (info.host !== hostname()) return false;
  return ownerGone({ pid: info.pid, ...(info.start !== undefined ? { start: info.start } : {}), ...(info.boot !== undefined ? { boot: info.boot } : {}) });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquireLock(file: string, opts: WriteOptions): Promise<Lock> {
  const fs = opts.fs ?? realFs;
  const lockPath = `${file}.lock`;
  const token = lockToken();
  const deadline = monotonicMs() + (opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  for (let attempt = 0; ; attempt++) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(lockPath, 'wx', 0o644);
    } catch (err) {
      if (code(err) !== 'EEXIST') {
        throw environmentError(`cannot create the lock file ${opts.display}.lock (${code(err)}); nothing was changed`, 'check that the folder is writable');
      }
    }
    if (fd !== undefined) {
      try {
        writeAll(fs, fd, Buffer.from(token));
        fs.closeSync(fd);
        return { path: lockPath, token };
      } catch (err) {
        try {
          fs.closeSync(fd);
        } catch {
          // already closed
        }
        removeQuietly(fs, lockPath);
        throw environmentError(`cannot write the lock file ${opts.display}.lock (${code(err)}); nothing was changed`, 'check that the disk is not full');
      }
    }
    const held = readLock(fs, lockPath);
    if (held && isStale(held)) {
      // Crash recovery: remove it only if it is still the lock we judged stale.
      if (readLock(fs, lockPath)?.text === held.text) removeQuietly(fs, lockPath);
      continue;
    }
    if (monotonicMs() >= deadline) {
      const by = held?.pid !== undefined ? ` (process ${held.pid}${held.host && held.host !== hostname() ? ` on ${held.host}` : ''})` : '';
      throw environmentError(
        `another csp${by} is changing ${opts.display} and did not finish in time; nothing was changed`,
        `try again in a moment; if no csp is running, delete ${opts.display}.lock`,
      );
    }
    await sleep(Math.min(15 * 2 ** attempt, 150) * (0.5 + Math.random()));
  }
}

export function releaseLock(fs: FsOps, lock: Lock): void {
  const held = readLock(fs, lock.path);
  if (held?.text === lock.token) removeQuietly(fs, lock.path);
}
/**
 * While the lock is held, SIGINT/SIGTERM/SIGHUP wait: the work in between is
 * synchronous, and the signal is raised again once the lock and any
 * temporary file are gone.
 */
export function deferSignals(): () => Promise<void> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let received: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals) => {
    received ??= sig;
  };
  for (const s of signals) process.on(s, handler);
  return async () => {
    // Let a signal that arrived during the synchronous work reach the handler.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const s of signals) process.off(s, handler);
    if (received) process.kill(process.pid, received);
  };
}
