/**
 * The 402 inputs of the official YAML test suite, dropped into one plan as
 * initiative files: one `csp validate` run survives them all, names every
 * file, and gives each case a YAML parser must reject a diagnostic of the
 * file-reading kind with a line. The cases are committed under
 * test/fixtures/yaml-test-suite (MIT licence; see its README and LICENSE).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, RULE_CODES } from '../src/core/diagnostics.js';
import { RULES } from '../src/core/rules/index.js';
import { REPO_ROOT, runCli } from './helpers/cli.js';
import { loadTree, MANIFEST, withManifest, writeTree } from './helpers/plan.js';

const SUITE = path.join(REPO_ROOT, 'test/fixtures/yaml-test-suite');
const CASES = path.join(SUITE, 'cases');

/** The rules of reading a file (encoding, YAML syntax and the YAML features plan files refuse), before any schema rule. */
const READING_RULES = new Set<string>(RULES.filter((r) => r.stage === 'read').map((r) => r.code));

function suite(): { names: string[]; mustFail: Set<string> } {
  const names = readdirSync(CASES).filter((f) => f.endsWith('.yaml')).sort();
  const mustFail = new Set(readFileSync(path.join(SUITE, 'must-fail.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
  return { names, mustFail };
}

function checkAll(diagnostics: readonly Diagnostic[], names: string[], mustFail: Set<string>): void {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    expect(d.line, `${d.file} ${d.rule}`).toBeGreaterThanOrEqual(1);
    expect(d.column, `${d.file} ${d.rule}`).toBeGreaterThanOrEqual(1);
    expect(RULE_CODES).toContain(d.rule);
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  }
  const unnamed = names.filter((n) => !byFile.has(`plan/pillar-1/${n}`));
  expect(unnamed, 'files without any diagnostic').toEqual([]);
  const silent = names
    .filter((n) => mustFail.has(n.replace(/\.yaml$/, '')))
    .filter((n) => !byFile.get(`plan/pillar-1/${n}`)!.some((d) => READING_RULES.has(d.rule)));
  expect(silent, 'must-fail cases without a YAML diagnostic').toEqual([]);
}

describe('the YAML test suite', () => {
  it('has the 402 cases and 94 must-fail ids its README describes', () => {
    const { names, mustFail } = suite();
    expect(names).toHaveLength(402);
    expect(mustFail.size).toBe(94);
    for (const id of mustFail) expect(names).toContain(`${id}.yaml`);
  });

  it('all at once through one csp validate run: exit 1, every file named, every must-fail case with a line', async () => {
    const { names, mustFail } = suite();
    const root = writeTree({ 'plan/plan.yaml': MANIFEST });
    mkdirSync(path.join(root, 'plan/pillar-1'), { recursive: true });
    cpSync(CASES, path.join(root, 'plan/pillar-1'), { recursive: true });
    const r = await runCli(['--plan', path.join(root, 'plan'), 'validate', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    checkAll((JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics, names, mustFail);
  });

  it('all at once through the pure loader', () => {
    const { names, mustFail } = suite();
    const tree = withManifest(Object.fromEntries(names.map((n) => [`plan/pillar-1/${n}`, readFileSync(path.join(CASES, n))])));
    const result = loadTree(tree);
    checkAll(result.diagnostics, names, mustFail);
    // A line beyond the end of its file is no place to look.
    for (const d of result.diagnostics) {
      const text = result.sources.get(d.file);
      if (text !== undefined) expect(d.line, `${d.file} ${d.rule}`).toBeLessThanOrEqual(text.split('\n').length);
    }
  });
});
