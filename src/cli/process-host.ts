/**
 * The CLI bundle's entry (dist/cli.cjs, run by entry.ts): the one module that reads
 * `process`. It hands the process's environment, folder and streams to main as a Host
 * and sets the exit code main answers.
 */
import { readFileSync } from 'node:fs';
import { EXIT } from '../errors.js';
import { isTerminal, outputLost, writeTo } from '../io/stdio.js';
import { termSafeLine } from '../render/sanitize.js';
import type { Host } from './host.js';
import { main } from './main.js';

const host: Host = {
  env: process.env,
  cwd: process.cwd(),
  stdin: {
    read: () => readFileSync(0),
    get isTTY() {
      return Boolean(process.stdin.isTTY);
    },
  },
  stdout: {
    write: (text) => writeTo(1, text),
    get isTTY() {
      return isTerminal(1);
    },
    get columns() {
      // Only on a terminal: touching process.stdout builds a stream (≈ 5 ms on a pipe, see io/stdio.ts).
      return isTerminal(1) ? process.stdout.columns : undefined;
    },
  },
  stderr: {
    write: (text) => writeTo(2, text),
    get isTTY() {
      return isTerminal(2);
    },
    get columns() {
      return isTerminal(2) ? process.stderr.columns : undefined;
    },
  },
  outputLost,
};

main(process.argv.slice(2), host).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    writeTo(2, `csp: internal error: ${termSafeLine(String(err))}\n`);
    process.exitCode = EXIT.internal;
  },
);
