/**
 * One tiny plan per rule under test/fixtures/rules/<rule>/, with the
 * diagnostics it must produce (file:line rule) in expect.json. Fixtures
 * without their own plan/plan.yaml get the standard test manifest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../src/core/diagnostics.js';
import { codesAndLines, type FileTree, loadTree, MANIFEST } from './helpers/plan.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/rules');

function readTree(dir: string, prefix = ''): FileTree {
  const tree: FileTree = {};
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(abs).isDirectory()) Object.assign(tree, readTree(abs, rel));
    else if (rel !== 'expect.json') tree[rel] = readFileSync(abs);
  }
  return tree;
}

const fixtures = readdirSync(FIXTURES).sort();

describe('plan-wide and file rules', () => {
  it.each(fixtures)('%s', (name) => {
    const dir = path.join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expect.json'), 'utf8')) as { asOf?: string; diagnostics: string[] };
    const tree = readTree(dir);
    if (!('plan/plan.yaml' in tree) && name !== 'manifest-missing') tree['plan/plan.yaml'] = MANIFEST;
    const result = loadTree(tree, expected.asOf ?? '2026-01-01');
    expect(codesAndLines(result)).toEqual(expected.diagnostics);
  });

  it('every fixture is named after a rule code it produces', () => {
    for (const name of fixtures) {
      expect(RULE_CODES).toContain(name);
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expect.json'), 'utf8')) as { diagnostics: string[] };
      expect(expected.diagnostics.some((d) => d.endsWith(` ${name}`))).toBe(true);
    }
  });
});
