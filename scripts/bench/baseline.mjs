// The benchmark's yardstick for loading a plan: read every file (review files too, as csp validate
// does), parse it with `yaml` (as Node loads it: its CommonJS build), validate it
// with ajv against `csp schema` (the JSON Schema editors use, with its date format checked). Nothing more: no positions, no
// diagnostics worth the name, no plan-wide rules, no model. (Not ajv-cli: that reads YAML 1.1
// and turns unquoted dates into Date objects.)
//
//   node scripts/bench/baseline.mjs PLAN_DIR SCHEMA_DIR
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const [planDir, schemaDir] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv, ['date']);
// An editors' keyword in csp's schemas (the message shown when a pattern fails): known, not checked.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
const schema = (name) => ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8')));
const validateManifest = schema('plan.schema.json');
const validateInitiative = schema('initiative.schema.json');
const validateReview = schema('review.schema.json');
const validateNote = schema('note.schema.json');

let files = 0;
let invalid = 0;
for (const rel of readdirSync(planDir, { recursive: true }).sort()) {
  if (!/\.ya?ml$/i.test(rel)) continue;
  const data = parse(readFileSync(path.join(planDir, rel), 'utf8'));
  const validate = rel === 'plan.yaml' ? validateManifest : /^reviews[\\/]/.test(rel) ? validateReview : /^notes[\\/]/.test(rel) ? validateNote : validateInitiative;
  const valid = validate(data);
  files++;
  if (!valid) invalid++;
}
process.stdout.write(`${JSON.stringify({ files, invalid })}\n`);
