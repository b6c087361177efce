/** How errors reach the user: commander's usage errors, csp's errors, the operating system's, and bugs. */
import { CommanderError } from 'commander';
import { nearest } from '../core/text.js';
import { CspError, EXIT } from '../errors.js';
import { termSafeLine } from '../render/sanitize.js';

/**
 * Commander's usage errors in csp's form: "csp: error: …" then "  help: …"
 * lines, as every other csp error ("(Did you mean status?)" becomes
 * "help: did you mean 'status'?"; the allowed choices of an option, with the
 * nearest one first, become its hint).
 */
export function formatCommanderError(text: string): string {
  if (!text.startsWith('error:')) return text;
  const lines = text.trimEnd().split('\n');
  let message = lines[0]!.replace(/^error: /, '');
  const hints: string[] = [];
  for (const line of lines.slice(1)) {
    const m = /^\(Did you mean (.+)\?\)$/.exec(line.trim());
    if (m) hints.push(`did you mean ${m[1]!.split(/, | or /).map((c) => `'${c}'`).join(' or ')}?`);
    else if (line.trim()) hints.push(line.trim());
  }
  const choices = /^(.*?)\. Allowed choices are (.*)\.$/.exec(message);
  if (choices) {
    message = choices[1]!;
    const allowed = choices[2]!.split(', ');
    const typed = /(?:argument|value) '([^']*)'/.exec(message)?.[1];
    const close = typed === undefined ? [] : nearest(typed, allowed, 1);
    hints.push(`${close.length ? `did you mean '${close[0]}'? ` : ''}allowed: ${allowed.join(', ')}`);
  }
  const unknownCommand = /^unknown command '/.test(message);
  if (unknownCommand && hints.length === 0) hints.push("'csp --help' lists the commands");
  if (/^unknown option '/.test(message) && hints.length === 0) hints.push("'--help' after a command lists its options");
  if (/^(missing required argument|required option|option '.*' argument missing)/.test(message)) hints.push("'--help' after the command shows what it takes, with examples");
  const tooMany = /^too many arguments for '([^']+)'\. (.*)$/.exec(message);
  if (tooMany) {
    message = `too many arguments for '${tooMany[1]}'`;
    hints.push(`${tooMany[2]!.replace(/\.$/, '').replace(/^E/, 'e')}; quote text that has spaces ("…")`);
  }
  return `csp: error: ${message}\n${hints.map((h) => `  help: ${h}\n`).join('')}`;
}

/** What an operating-system error means, in words, and what to do about it. */
const ERRNO_HELP: Record<string, [string, string]> = {
  ENOSPC: ['the disk is full', 'free some space, then run the command again'],
  EDQUOT: ['the disk quota is used up', 'free some space, then run the command again'],
  EACCES: ['permission denied', 'check the permissions of the files and folders involved'],
  EPERM: ['operation not permitted', 'check the permissions of the files and folders involved'],
  EROFS: ['the file system is read-only', 'run the command where files can be written'],
  ENOENT: ['a file or folder does not exist', 'check the paths given to the command'],
  ENOTDIR: ['a part of a path is not a folder', 'check the paths given to the command'],
  EISDIR: ['a folder is where a file was expected', 'check the paths given to the command'],
  ENAMETOOLONG: ['a file name is too long', 'use a shorter path'],
  ELOOP: ['too many symbolic links', 'check the paths given to the command'],
  EMFILE: ['too many open files', 'raise the limit (ulimit -n) or close other programs'],
  ENFILE: ['too many open files on the system', 'close other programs, then run the command again'],
  EIO: ['an input/output error', 'check the disk'],
  ENOMEM: ['out of memory', 'close other programs, then run the command again'],
};

/** Says what went wrong on standard error, as csp says it, and answers the exit code. */
export function reportError(err: unknown, debug: boolean, write: (text: string) => void): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" only to commander.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  // Messages can quote file names, folder names and option values: shown escaped.
  if (err instanceof CspError) {
    write(`csp: error: ${termSafeLine(err.message)}\n`);
    if (err.hint) write(`  help: ${termSafeLine(err.hint)}\n`);
    if (debug && err.stack) write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)) {
    // Node's message starts with the code ("ENOSPC: no space left on device, write"): said once.
    const detail = String(e.message ?? '').replace(new RegExp(`^${e.code}:\\s*`), '');
    const [what, hint] = ERRNO_HELP[e.code] ?? [detail || 'the operating system refused', 'check the files and folders involved, then run the command again'];
    write(`csp: error: ${termSafeLine(what)} (${e.code}${detail && detail !== what ? `: ${termSafeLine(detail)}` : ''})\n  help: ${hint}\n`);
    if (debug && e.stack) write(`${e.stack}\n`);
    return EXIT.environment;
  }
  write(`csp: internal error: ${termSafeLine(e?.message ?? String(err))}\n  help: this is a bug in csp; run again with --debug and report what it prints\n`);
  if (debug && e?.stack) write(`${e.stack}\n`);
  return EXIT.internal;
}

