/**
 * `csp help format`: the file format explained from the JSON Schema that csp
 * generates from its zod schemas, and from the vocabulary's meanings, so the
 * explanation cannot drift from what csp checks.
 */
import {
  CADENCE_MEANINGS,
  CADENCE_MONTHS,
  CADENCES,
  type Cadence,
  KIND_MEANINGS,
  KINDS,
  STATUS_MEANINGS,
  STATUSES,
} from '../core/vocabulary.js';

type Json = Record<string, unknown>;

export interface FormatHelpFile {
  name: string;
  title: string;
  description: string;
  glob: string;
  schemaFile: string;
  schema: Json;
}

const WIDTH = 80;

function wrap(text: string, indent: number, width = WIDTH): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && pad.length + line.length + 1 + word.length > width) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines;
}

function isObject(s: Json): boolean {
  return s.type === 'object' && typeof s.properties === 'object';
}

/** "text", "date (YYYY-MM-DD)", "one of: a, b", "list of …", "fields below". */
function describeType(s: Json): string {
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(String).join(', ')}`;
  switch (s.type) {
    case 'string':
      if (s.format === 'date') return 'date (YYYY-MM-DD)';
      if (s.pattern === '^[a-z0-9]+(?:-[a-z0-9]+)*$') return 'short id (a-z, 0-9, -)';
      if (typeof s.pattern === 'string' && s.pattern.startsWith('^[a-z][a-z0-9]*')) return 'id (a-z, 0-9, ., -)';
      if (typeof s.pattern === 'string' && s.pattern.includes('https?')) return 'link (https://…, http://… or mailto:…)';
      if (typeof s.pattern === 'string' && s.pattern.includes('[0-9a-f]{8}')) return 'fingerprint (8 hex digits)';
      return 'text';
    case 'integer':
      return typeof s.minimum === 'number' && typeof s.maximum === 'number' ? `whole number ${s.minimum}–${s.maximum}` : 'whole number';
    case 'array': {
      const items = (s.items ?? {}) as Json;
      const min = typeof s.minItems === 'number' && s.minItems > 0 ? `at least ${s.minItems}, ` : '';
      return isObject(items) ? `list, ${min}each with the fields below` : `list, ${min}each ${describeType(items)}`;
    }
    case 'object': {
      if (isObject(s)) return 'with the fields below';
      const keys = (s.propertyNames ?? {}) as Json;
      const values = (s.additionalProperties ?? {}) as Json;
      const keyText = Array.isArray(keys.enum) ? keys.enum.map(String).join(', ') : describeType(keys);
      const valueText = isObject(values) ? 'the fields below' : describeType(values);
      return `mapping of ${keyText} to ${valueText}`;
    }
    default:
      return 'any value';
  }
}

function fieldLines(schema: Json, depth: number): string[] {
  const out: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  const indent = 2 + depth * 4;
  for (const [name, field] of Object.entries(props)) {
    out.push(`${' '.repeat(indent)}${name}  (${required.has(name) ? 'required' : 'optional'}; ${describeType(field)})`);
    if (typeof field.description === 'string') out.push(...wrap(field.description, indent + 4));
    const nested = nestedObject(field);
    if (nested) out.push(...fieldLines(nested, depth + 1));
  }
  return out;
}

function nestedObject(field: Json): Json | undefined {
  if (isObject(field)) return field;
  if (field.type === 'array' && field.items && isObject(field.items as Json)) return field.items as Json;
  if (field.type === 'object' && field.additionalProperties && isObject(field.additionalProperties as Json)) {
    return field.additionalProperties as Json;
  }
  return undefined;
}

function table(entries: [string, string][]): string[] {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.flatMap(([k, v]) => {
    const [first, ...rest] = wrap(v, width + 4);
    return [`  ${k.padEnd(width)}  ${(first ?? '').trimStart()}`, ...rest];
  });
}

export function renderFormatHelp(files: readonly FormatHelpFile[]): string {
  const lines: string[] = [
    'csp plan files',
    '',
    ...wrap(
      'A plan is a folder of YAML files: plan/plan.yaml describes the plan, its parties, pillars and thematic areas; ' +
        'each initiative is one file plan/pillar-N/<id>.yaml, named after its id. ' +
        "Dates are written YYYY-MM-DD. 'csp validate' checks every file; the JSON Schema files below let editors " +
        'such as VS Code (with the YAML extension) check and complete them while you type.',
      0,
    ),
  ];
  for (const f of files) {
    lines.push('', `${f.title}: ${f.glob}  (schema: ${f.schemaFile})`, ...wrap(f.description, 2), '', ...fieldLines(f.schema, 0));
  }
  lines.push(
    '',
    "Statuses (a note's 'status', from its date on):",
    ...table(STATUSES.map((s) => [s, STATUS_MEANINGS[s]])),
    '',
    "Kinds (an initiative's 'kind', from the wording of its text):",
    ...table(KINDS.map((k) => [k, KIND_MEANINGS[k]])),
    '',
    "Cadences (a recurring initiative's 'cadence'):",
    ...table(CADENCES.map((c: Cadence) => [c, CADENCE_MEANINGS[c]])),
    ...wrap(
      `With a fixed period (${CADENCES.filter((c) => CADENCE_MONTHS[c] !== undefined).join(', ')}), ` +
        'a recurring initiative is overdue once a period passes after its last note (or after the adoption date when it has none).',
      2,
    ),
    '',
  );
  return `${lines.join('\n')}\n`;
}
