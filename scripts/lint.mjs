#!/usr/bin/env node
/**
 * `npm run lint`: the package.json scripts lint:* (type check, ESLint, import boundaries,
 * knip), as many at once as the machine has cores; each one's output is printed whole when
 * it ends, with its time. Exits 1 when any of them fails. Each runs alone as npm run lint:NAME.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const STEPS = Object.entries(scripts).filter(([name]) => name.startsWith('lint:'));
const env = { ...process.env, PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };

function run([name, command]) {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ name, ok: false, output: String(err), seconds: 0 }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output, seconds: (performance.now() - start) / 1000 }));
  });
}

const queue = [...STEPS];
const results = [];
const worker = async () => {
  while (queue.length > 0) {
    const r = await run(queue.shift());
    process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)\n`);
    if (!r.ok && r.output.trim()) process.stdout.write(`${r.output.trimEnd()}\n`);
    results.push(r);
  }
};
await Promise.all(Array.from({ length: Math.min(availableParallelism(), STEPS.length) }, worker));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
