/**
 * The last answer of a read-only command (its standard output and exit code), kept with the
 * question it answered: the command, its options, the day, the output's width and colour, the csp
 * build, and what the plan held — every plan file and review file, by content. Asked the same
 * question about the same files, csp prints the kept answer instead of computing it again.
 *
 * What the plan holds is told by what lstat says of every plan file (as for the stats index,
 * cache-stats.ts): an answer is kept only when no plan file changed while it was computed, nor
 * shortly before; it is printed only while every file still shows the same.
 * The file (`.csp-cache/answer-<command>-<plan>.txt`, one per command: the latest answer) is signed
 * with the cache key, like the rest of the cache. Reading or writing it never fails a command.
 */
import { lstatSync } from 'node:fs';
import { type CacheAccess, cryptoModule, readCacheFile, writeCacheFile } from './cache-access.js';
import { cacheFile, macHolds } from './cache-file.js';
import { settled, statSignature } from './cache-stats.js';
import { sha256 } from './hash.js';
import { listPlanFiles, type PlanLocation } from './plan-files.js';
import { readReviewFiles } from './review-files.js';

const FORMAT = 'csp-answer';
const MAX_BYTES = 256 << 20;

/**
 * The state of the plan folder, as one hash: every plan file's path and what lstat says of it (or
 * its problem), and every review file's path and content hash; undefined when a plan file changed
 * too recently (cache-stats.ts's margin) for its lstat to tell whether it changes later. Two equal
 * states are the same files with the same bytes: any write to a file changes its change time.
 */
export function planState(loc: PlanLocation, listedAt: number): string | undefined {
  const { planDir, entries } = listPlanFiles(loc);
  // One string, hashed once: 10,000 small updates cost more than the hash itself.
  const parts = [`${planDir}\0`];
  for (const entry of entries) {
    if (entry.problem) {
      parts.push(`${entry.path}\0${JSON.stringify(entry.problem)}\n`);
      continue;
    }
    const st = lstatSync(entry.abs, { throwIfNoEntry: false });
    if (!st?.isFile() || !settled(st, listedAt)) return undefined;
    parts.push(`${entry.path}\0${statSignature(st)}\n`);
  }
  parts.push('reviews\n');
  for (const file of readReviewFiles(loc)) {
    parts.push(`${file.path}\0${file.bytes ? sha256(file.bytes) : JSON.stringify(file.problem ?? null)}\n`);
  }
  return sha256(Buffer.from(parts.join(''), 'utf8'));
}

/** Whether the run is cold: neither the plan's load cache (io/cache.ts) nor a kept answer of `command` exists yet. */
export function coldRun(access: CacheAccess, command: string, planDir: string): boolean {
  const exists = (file: string) => lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  return !exists(cacheFile(access.root, { kind: 'plan', planDir })) && !exists(answerFile(access, command, planDir));
}

function answerFile(access: CacheAccess, command: string, planDir: string): string {
  return cacheFile(access.root, { kind: `answer-${command}`, planDir }, 'txt');
}

function macOf(access: CacheAccess, question: string, body: Buffer): string {
  return cryptoModule().createHmac('sha256', access.secret).update(`${FORMAT}\0${question}\0`).update(body).digest('hex');
}

export interface Answer {
  code: number;
  /** Standard output, as bytes. */
  out: Buffer;
}

/** The kept answer to `question` (a hash) about the plan in `state`, when there is one and csp signed it here. Never throws. */
export function readAnswer(access: CacheAccess, command: string, planDir: string, question: string, state: string): Answer | undefined {
  const buf = readCacheFile(answerFile(access, command, planDir), MAX_BYTES);
  if (!buf) return undefined;
  try {
    // `mac question state code \n` then the output.
    const eol = buf.indexOf(0x0a);
    if (eol < 0) return undefined;
    const [tag, asked, seen, code] = buf.toString('utf8', 0, eol).split(' ');
    if (asked !== question || seen !== state || tag === undefined || !/^[0-4]$/.test(code ?? '')) return undefined;
    const body = buf.subarray(eol + 1);
    // A tag of another length throws in macHolds: not printed, as for a wrong one.
    if (!macHolds(macOf(access, `${question} ${state} ${code}`, body), tag)) return undefined;
    return { code: Number(code), out: body };
  } catch {
    return undefined;
  }
}

/** Keeps `answer` as the answer to `question` about the plan in `state`, replacing the last one (whole or not at all). Never throws. */
export function writeAnswer(access: CacheAccess, command: string, planDir: string, question: string, state: string, answer: Answer): void {
  const head = `${question} ${state} ${answer.code}`;
  writeCacheFile(access, answerFile(access, command, planDir), [Buffer.from(`${macOf(access, head, answer.out)} ${head}\n`, 'utf8'), answer.out]);
}
