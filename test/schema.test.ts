/**
 * The JSON Schema files editors use: generated from the zod schemas, kept in
 * sync with schema/, referenced by every shipped file, and — checked with
 * ajv, as an editor would — accepting what csp accepts and rejecting the
 * file-level errors csp rejects. Plan-wide rules stay csp-only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, jsonSchemaText, modeline, SCHEMA_FILES, schemaFileName, vscodeSettingsText } from '../src/core/json-schema.js';
import { INITIATIVE_MODELINE } from '../src/core/edit/initiative-file.js';
import { initiativeSchema } from '../src/core/schema.js';
import { REPO_ROOT, SHIPPED_ROOT, runCli } from './helpers/cli.js';
import { loadTree, MANIFEST, withManifest, writeTree } from './helpers/plan.js';

function validator(name: string): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv, ['date']);
  // Editors' own keyword: the message shown instead of the regex when a pattern fails.
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  return ajv.compile(jsonSchemaOf(SCHEMA_FILES.find((f) => f.name === name)!));
}
const ajvInitiative = validator('initiative');
const ajvPlan = validator('plan');
const ajvReview = validator('review');

/** Which schema a plan file follows, by where it is. */
function schemaNameOf(file: string): 'plan' | 'review' | 'initiative' {
  if (file === 'plan/plan.yaml') return 'plan';
  return file.startsWith('plan/reviews/') ? 'review' : 'initiative';
}
const VALIDATORS = { plan: ajvPlan, review: ajvReview, initiative: ajvInitiative };

function planFiles(): string[] {
  const out: string[] = ['plan/plan.yaml'];
  for (const dir of readdirSync(path.join(SHIPPED_ROOT, 'plan')).filter((d) => d.startsWith('pillar-') || d === 'reviews').sort()) {
    for (const f of readdirSync(path.join(SHIPPED_ROOT, 'plan', dir)).sort()) out.push(`plan/${dir}/${f}`);
  }
  return out;
}

describe('schema/ files', () => {
  it('are what csp schema generates, one per schema and no others', () => {
    for (const f of SCHEMA_FILES) {
      const file = path.join(REPO_ROOT, 'schema', schemaFileName(f.name));
      expect(readFileSync(file, 'utf8'), `${file} is out of date: run 'npm run build && node bin/csp.cjs schema --out schema'`).toBe(jsonSchemaText(f));
    }
    expect(readdirSync(path.join(REPO_ROOT, 'schema')).sort()).toEqual(SCHEMA_FILES.map((f) => schemaFileName(f.name)).sort());
  });

  it('keep additionalProperties: false and a description on every field', () => {
    const missing: string[] = [];
    const walk = (s: unknown, where: string): void => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (o.type === 'object' && o.properties) {
        expect(o.additionalProperties, where).toBe(false);
        for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
          if (typeof v.description !== 'string') missing.push(`${where}.${k}`);
          walk(v, `${where}.${k}`);
        }
      }
      walk(o.items, `${where}[]`);
      walk(o.additionalProperties, `${where}{}`);
    };
    for (const f of SCHEMA_FILES) walk(jsonSchemaOf(f), f.name);
    expect(missing).toEqual([]);
  });

  it('use only keywords that editors on JSON Schema draft 7 understand too, and say in words what each pattern wants', () => {
    // Older YAML extensions validate draft-7 keywords only: no $defs, prefixItems, unevaluated*, dependent*.
    const understood = new Set([
      '$schema', 'title', 'description', 'default', 'type', 'properties', 'required', 'additionalProperties', 'propertyNames',
      'items', 'minItems', 'enum', 'pattern', 'patternErrorMessage', 'format', 'minimum', 'maximum', 'maxLength',
    ]);
    const used = new Set<string>();
    const patterns: Record<string, unknown>[] = [];
    const walk = (s: unknown): void => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      for (const k of Object.keys(o)) used.add(k);
      if (typeof o.pattern === 'string') patterns.push(o);
      for (const v of Object.values((o.properties ?? {}) as Record<string, unknown>)) walk(v);
      walk(o.items);
      walk(o.additionalProperties);
      walk(o.propertyNames);
    };
    for (const f of SCHEMA_FILES) walk(jsonSchemaOf(f));
    expect([...used].filter((k) => !understood.has(k))).toEqual([]);
    expect(patterns.filter((p) => typeof p.patternErrorMessage !== 'string')).toEqual([]);
  });

  it('are mapped in .vscode/settings.json', () => {
    const settings = JSON.parse(readFileSync(path.join(REPO_ROOT, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
    expect(settings['yaml.schemas']).toEqual(JSON.parse(vscodeSettingsText())['yaml.schemas']);
  });

  it('csp schema prints the initiative schema, writes all with --out and checks them with --check', async () => {
    const printed = await runCli(['schema']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(path.join(REPO_ROOT, 'schema/initiative.schema.json'), 'utf8'));
    expect((await runCli(['schema', 'plan'])).stdout).toBe(readFileSync(path.join(REPO_ROOT, 'schema/plan.schema.json'), 'utf8'));
    expect((await runCli(['schema', '--out', 'schema', '--check'], { cwd: REPO_ROOT })).code).toBe(0);
    const stale = await runCli(['schema', '--out', 'plan', '--check'], { cwd: REPO_ROOT });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('initiative.schema.json');
    const unknown = await runCli(['schema', 'reviews']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('schemas are: initiative, note, plan, review');
  });
});

describe('shipped plan files', () => {
  it('each start with the modeline of their schema', () => {
    for (const file of planFiles()) {
      const first = readFileSync(path.join(SHIPPED_ROOT, file), 'utf8').split('\n')[0];
      const expected = modeline(schemaNameOf(file), file.split('/').length - 1);
      expect(first, file).toBe(expected);
      const target = path.resolve(path.dirname(path.join(REPO_ROOT, file)), expected.replace(/^.*\$schema=/, ''));
      expect(readFileSync(target, 'utf8').length, file).toBeGreaterThan(0);
    }
  });

  it('get the same modeline when csp writes them (csp add, csp review create)', () => {
    expect(INITIATIVE_MODELINE).toBe(modeline('initiative', 2));
    expect(readFileSync(path.join(SHIPPED_ROOT, 'plan/reviews/adoption.yaml'), 'utf8').split('\n')[0]).toBe(modeline('review', 2));
  });

  it('are all accepted by the JSON Schema', () => {
    const files = planFiles();
    expect(files.length).toBeGreaterThan(30);
    expect(files.filter((f) => schemaNameOf(f) === 'review').length).toBeGreaterThan(0);
    for (const file of files) {
      const value: unknown = parse(readFileSync(path.join(SHIPPED_ROOT, file), 'utf8'));
      const check = VALIDATORS[schemaNameOf(file)];
      expect(check(value), `${file}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
  });
});

const BASE = `id: p1.1
pillar: 1
title: Title
text: Text of the commitment
kind: recurring
cadence: annual
leads:
  ca: Global Affairs Canada
notes:
  - date: 2025-03-14
    text: Met in Ottawa.
    status: ongoing
    side: ca
    links: [https://example.org/a]
`;

/** Each case: a change to a valid file, and the rule csp reports for it. */
const FILE_LEVEL_ERRORS: [string, (s: string) => string, string][] = [
  ['unknown field', (s) => `${s}owner: GAC\n`, 'unknown-field'],
  ['misspelt field', (s) => s.replace('title:', 'titel:'), 'unknown-field'],
  ['missing required field', (s) => s.replace('text: Text of the commitment\n', ''), 'missing-field'],
  ['missing note date', (s) => s.replace('  - date: 2025-03-14\n    text:', '  - text:'), 'missing-field'],
  ['wrong type: text for a number', (s) => s.replace('pillar: 1', 'pillar: one'), 'wrong-type'],
  ['wrong type: text for a list', (s) => s.replace(/notes:[\s\S]*$/, 'notes: none\n'), 'wrong-type'],
  ['wrong type: number for text', (s) => s.replace('title: Title', 'title: 2025'), 'wrong-type'],
  ['bad enum: kind', (s) => s.replace('kind: recurring', 'kind: weekly'), 'invalid-value'],
  ['bad enum: status', (s) => s.replace('status: ongoing', 'status: done'), 'invalid-value'],
  ['bad enum: cadence', (s) => s.replace('cadence: annual', 'cadence: yearly'), 'invalid-value'],
  ['bad id pattern', (s) => s.replace('id: p1.1', 'id: P1.1'), 'invalid-format'],
  ['pillar out of range', (s) => s.replace('pillar: 1', 'pillar: 0'), 'invalid-value'],
  ['date not in YYYY-MM-DD form', (s) => s.replace('2025-03-14', '14/03/2025'), 'invalid-format'],
  ['impossible date', (s) => s.replace('2025-03-14', '2025-02-30'), 'invalid-date'],
  ['blank text', (s) => s.replace('text: Text of the commitment', 'text: "   "'), 'invalid-value'],
  ['link that is not a URL', (s) => s.replace('https://example.org/a', 'www.example.org'), 'invalid-format'],
  ['bad party id in leads', (s) => s.replace('  ca: Global', '  Canada: Global'), 'invalid-value'],
];

/** Checks only csp makes: they need the other files of the plan. */
const CSP_ONLY: [string, (s: string) => string, string][] = [
  ['id does not match the file name', (s) => s.replace('id: p1.1', 'id: p1.2'), 'id-file-mismatch'],
  ['cadence without kind recurring', (s) => s.replace('kind: recurring', 'kind: deliverable'), 'cadence-without-recurring'],
  ['related initiative that does not exist', (s) => `${s}related: [p9.9]\n`, 'unknown-related'],
  ['theme not declared in plan.yaml', (s) => `${s}themes: [cooking]\n`, 'unknown-theme'],
  ['side that is not a party', (s) => s.replace('side: ca', 'side: us'), 'unknown-party'],
  ['note dated after today', (s) => s.replace('2025-03-14', '2099-01-01'), 'note-in-future'],
];

/** The rules csp reports for a plan made of the test manifest and this file (errors and warnings). */
function cspRules(initiativeText: string): string[] {
  return loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiativeText })).diagnostics.map((d) => d.rule);
}

describe('the JSON Schema and csp', () => {
  it('both accept the valid example', () => {
    expect(ajvInitiative(parse(BASE)), JSON.stringify(ajvInitiative.errors)).toBe(true);
    expect(cspRules(BASE)).toEqual([]);
    expect(ajvPlan(parse(MANIFEST))).toBe(true);
  });

  it.each(FILE_LEVEL_ERRORS)('both reject: %s', (_name, change, rule) => {
    const changed = change(BASE);
    expect(changed).not.toBe(BASE);
    expect(ajvInitiative(parse(changed))).toBe(false);
    expect(cspRules(changed)).toContain(rule);
  });

  it.each(CSP_ONLY)('only csp rejects (a plan-wide rule): %s', (_name, change, rule) => {
    const changed = change(BASE);
    expect(changed).not.toBe(BASE);
    expect(ajvInitiative(parse(changed)), JSON.stringify(ajvInitiative.errors)).toBe(true);
    expect(cspRules(changed)).toContain(rule);
  });

  it('both reject schema-level errors in plan.yaml', () => {
    const cases = [
      MANIFEST.replace(/parties:[\s\S]*?adopted:/, 'adopted:'),
      MANIFEST.replace('id: human-rights', 'id: Human Rights'),
      MANIFEST.replace('cadence: annual', 'cadence: yearly'),
      MANIFEST.replace('date: 2024-07-18', 'date: July 2024'),
      `${MANIFEST}colour: blue\n`,
    ];
    for (const text of cases) {
      expect(text).not.toBe(MANIFEST);
      expect(ajvPlan(parse(text)), text).toBe(false);
      expect(loadTree({ 'plan/plan.yaml': text }).diagnostics.some((d) => d.severity === 'error'), text).toBe(true);
    }
  });

  it('both reject schema-level errors in a review file', async () => {
    const review = readFileSync(path.join(SHIPPED_ROOT, 'plan/reviews/adoption.yaml'), 'utf8');
    const cases = [
      review.replace('date: 2024-07-18', 'date: 18 July 2024'),
      review.replace(/status: not-started/, 'status: started'),
      `${review}owner: GAC\n`,
      review.replace(/noteCount: 0/, 'noteCount: none'),
    ];
    for (const text of cases) {
      expect(text).not.toBe(review);
      expect(ajvReview(parse(text)), text.slice(0, 300)).toBe(false);
      const root = writeTree(withManifest({ 'plan/reviews/adoption.yaml': text }));
      expect((await runCli(['validate'], { cwd: root })).code).toBe(1);
    }
  });

  it('agree with zod on every file-level check, for arbitrary edits of a valid file', () => {
    const base = parse(BASE) as Record<string, unknown>;
    const note = (base.notes as Record<string, unknown>[])[0]!;
    const anyValue = fc.oneof(
      fc.constantFrom('', '  ', 'p1.1', 'P1', 'ca', 'joint', 'annual', 'weekly', 'recurring', 'ongoing', '2025-02-29', '2024-02-29', '2025-13-01', 'https://x.org', 'mailto:a@b.c', 'www.x'),
      fc.string(),
      fc.integer({ min: -2, max: 120 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.constantFrom('p1.2', 'x', 'Bad Id', 1), { maxLength: 2 }),
      fc.dictionary(fc.constantFrom('ca', 'kr', 'Ca', 'x y'), fc.constantFrom('GAC', '', 3), { maxKeys: 2 }),
    );
    const fields = [...Object.keys(initiativeSchema.shape), 'other'];
    const noteFields = ['date', 'text', 'status', 'side', 'author', 'links', 'other'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...fields), fc.constantFrom(...noteFields), fc.option(anyValue, { nil: undefined })), { minLength: 1, maxLength: 3 }),
        (edits) => {
          const firstNote: Record<string, unknown> = structuredClone(note);
          const value: Record<string, unknown> = { ...structuredClone(base), notes: [firstNote] };
          for (const [inNote, field, noteField, v] of edits) {
            const target = inNote ? firstNote : value;
            const key = inNote ? noteField : field;
            if (v === undefined) delete target[key];
            else target[key] = v;
          }
          expect(ajvInitiative(value), JSON.stringify(value)).toBe(initiativeSchema.safeParse(value).success);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });
});
