/**
 * The package as a user gets it: scripts/pack-test.sh packs the built dist/, installs the
 * tarball into an empty folder (offline: the package has no dependencies) and runs the
 * installed csp on the shipped plan and on a plan made with init and import.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('npm pack gives a tarball that installs into an empty folder and runs', () => {
  const r = spawnSync('bash', ['scripts/pack-test.sh', '--no-build'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  expect(r.stderr + r.stdout).toContain('pack-test: 1 passed, 0 failed');
  expect(r.status).toBe(0);
}, 200_000);
