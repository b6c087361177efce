// The id of a csp build: its version and a hash of its sources and locked dependencies. Caches
// (.csp-cache/) are kept per build, so that another build never reads what this one computed.
// Used by scripts/build.mjs (the bundle) and vitest.config.ts (csp run in-process by the tests).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `<version>+<16 hex digits>` for the sources under `root`. */
export function buildId(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith('.ts')) hash.update(path.relative(root, abs)).update('\0').update(readFileSync(abs)).update('\0');
    }
  };
  walk(path.join(root, 'src'));
  hash.update(readFileSync(path.join(root, 'package-lock.json')));
  return `${pkg.version}+${hash.digest('hex').slice(0, 16)}`;
}
