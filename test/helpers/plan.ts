/** Tiny in-memory and on-disk plans for tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LoadResult, loadPlan } from '../../src/core/load.js';

/** A valid manifest with two pillars and three themes. */
export const MANIFEST = `title: Test Action Plan
partnership: Test Partnership
parties:
  - id: ca
    name: Canada
  - id: kr
    name: Republic of Korea
adopted:
  date: 2024-07-18
source:
  title: Test Action Plan
review:
  cadence: annual
  body: Strategic Dialogue
pillars:
  - number: 1
    title: Pillar One
    themes:
      - id: human-rights
        title: Human Rights
      - id: democracy
        title: Democracy
  - number: 2
    title: Pillar Two
    themes:
      - id: maritime-security
        title: Maritime Security
`;

/** A minimal valid initiative file; `extra` lines are appended as written. */
export function initiative(id: string, pillar: number, extra = ''): string {
  return `id: ${id}\npillar: ${pillar}\ntitle: Title of ${id}\ntext: Text of ${id}\n${extra}`;
}

/** Files keyed by path relative to the repository root (e.g. "plan/pillar-1/p1.1.yaml"). */
export type FileTree = Record<string, string | Uint8Array>;

export function withManifest(files: FileTree, manifest: string = MANIFEST): FileTree {
  return { 'plan/plan.yaml': manifest, ...files };
}

/** Runs the pure loader on an in-memory tree, as publint runs on a virtual file system. */
export function loadTree(files: FileTree, today = '2026-01-01'): LoadResult {
  const raw = Object.entries(files).map(([p, content]) => ({
    path: p,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
  return loadPlan({ planDir: 'plan', files: raw }, { today });
}

/** Writes a tree into a fresh temporary folder and returns its path (the repository root). */
export function writeTree(files: FileTree): string {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-test-'));
  for (const [p, content] of Object.entries(files)) {
    const abs = path.join(root, p);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

/** Rule codes with their lines, sorted: what tests assert instead of wording. */
export function codesAndLines(result: LoadResult): string[] {
  return result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`);
}
