/** The synthetic plans the benchmark runs on: valid, and the same for the same arguments. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SHIPPED_ROOT, runCli } from './helpers/cli.js';
import { writeTree } from './helpers/plan.js';

function synth(...args: string[]): string {
  const root = writeTree({});
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/synth.mjs'), ...args, '--out', root], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return root;
}

function contents(root: string): Record<string, string> {
  const plan = path.join(root, 'plan');
  const files = readdirSync(plan, { recursive: true }).map(String).filter((f) => f.endsWith('.yaml')).sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(plan, f), 'utf8')]));
}

describe('npm run synth', () => {
  it('writes a plan that csp validate passes, without warnings', async () => {
    const root = synth('--initiatives', '120', '--notes', '6');
    const r = await runCli(['--plan', path.join(root, 'plan'), 'validate'], { env: { CSP_NO_CACHE: '1' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('✓ 121 files checked: no problems\n');
    expect(r.code).toBe(0);
    expect(Object.keys(contents(root)).filter((f) => f.startsWith('pillar-3/'))).toHaveLength(24);
  });

  it('writes the same bytes for the same arguments, other bytes for another seed', () => {
    const a = contents(synth('--initiatives', '15', '--notes', '3'));
    expect(contents(synth('--initiatives', '15', '--notes', '3'))).toEqual(a);
    expect(contents(synth('--initiatives', '15', '--notes', '3', '--seed', '2'))).not.toEqual(a);
  });

  it("the benchmark's baseline reads it, and the shipped plan, as valid against csp schema; a broken file as invalid", async () => {
    const root = synth('--initiatives', '20', '--notes', '3');
    const schemaDir = path.join(root, 'schema');
    expect((await runCli(['schema', '--out', schemaDir])).code).toBe(0);
    const baseline = (plan: string) => {
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/bench/baseline.mjs'), plan, schemaDir], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { files: number; invalid: number };
    };
    expect(baseline(path.join(root, 'plan'))).toEqual({ files: 21, invalid: 0 });
    const shipped = readdirSync(path.join(SHIPPED_ROOT, 'plan'), { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f))).length;
    expect(baseline(path.join(SHIPPED_ROOT, 'plan'))).toEqual({ files: shipped, invalid: 0 });
    const file = path.join(root, 'plan/pillar-1/p1.1.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\nnotes:/, '\nstauts: done\nnotes:'));
    expect(baseline(path.join(root, 'plan'))).toEqual({ files: 21, invalid: 1 });
  });

  it('refuses bad arguments with exit 2', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/synth.mjs'), '--initiatives', 'many'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run synth');
  });
});
