/**
 * A parsed file checked against a zod schema (schema.ts), and zod's issues
 * as diagnostics: positioned where the mistake is written, worded for the
 * people who write plan files, with a hint.
 */
import { z } from 'zod';
import { dateProblem } from './input/dates.js';
import { notALink } from './input/links.js';
import { diagnostic, type Diagnostic, type RuleCode } from './diagnostics.js';
import type { ParsedFile, PathSegment } from './parse.js';
import { clip, didYouMean } from './text.js';

/** Checks a parsed file against a schema; returns the typed value only when it is valid. */
export function checkSchema<S extends z.ZodType>(
  parsed: ParsedFile,
  schema: S,
  /** The date of the note a problem at this path is in, if any (see Diagnostic.noteDate). */
  dateOfNote?: (path: PathSegment[]) => string | undefined,
): { value?: z.output<S>; diagnostics: Diagnostic[]; /** Where the problems are: each issue's path. */ issuePaths: PathSegment[][] } {
  const result = schema.safeParse(parsed.value);
  if (result.success) return { value: result.data, diagnostics: [], issuePaths: [] };
  const diagnostics = result.error.issues.flatMap((issue) => {
    const found = issueToDiagnostics(parsed, schema, issue);
    const noteDate = dateOfNote?.(issue.path as PathSegment[]);
    return noteDate === undefined ? found : found.map((d) => ({ ...d, noteDate }));
  });
  return { diagnostics, issuePaths: result.error.issues.map((i) => i.path as PathSegment[]) };
}

/** How to write a date in a plan file. */
const DATE_FORM_HINT = 'write the date as e.g. 2025-03-14';

type Issue = z.core.$ZodIssue;

function issueToDiagnostics(parsed: ParsedFile, schema: z.ZodType, issue: Issue): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const field = describePath(path);
  const actual = valueAt(parsed.value, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = objectKeysAt(schema, path);
        const suggestion = didYouMean(key, known);
        return diagnostic(
          parsed.locate([...path, key], 'key'),
          'unknown-field',
          `unknown field '${clip(key)}'${path.length ? ` in ${field}` : ''}`,
          suggestion ?? `allowed fields here: ${known.join(', ')}`,
        );
      });
    case 'invalid_type': {
      if (actual === undefined) {
        const parentPath = path.slice(0, -1);
        return [
          diagnostic(
            parsed.locate(parentPath, 'key'),
            'missing-field',
            `missing required field '${String(path[path.length - 1])}'${parentPath.length ? ` in ${describePath(parentPath)}` : ''}`,
            `add a line '${String(path[path.length - 1])}: …'`,
          ),
        ];
      }
      if (typeof actual === 'number' && !Number.isFinite(actual)) {
        return [diagnostic(parsed.locate(path), 'invalid-value', `${field} is not a usable number`, 'write a whole number, e.g. 1')];
      }
      const got = typeName(actual);
      const expected = issue.expected;
      let hint = `write ${article(expected)} here`;
      if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean')) {
        hint = `YAML reads this as ${got}; quote it to keep it as text, e.g. "${sourceTextAt(parsed, path)}"`;
      } else if (expected === 'string' && actual === null) {
        hint = 'fill in a value after the colon, or remove the line if the field is optional';
      } else if (expected === 'array') {
        hint = 'write a list: one "- item" line per entry, or [a, b] on one line';
      }
      return [diagnostic(parsed.locate(path), 'wrong-type', `${field} should be ${article(expected)}, not ${got}`, hint)];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const suggestion = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
      return [
        diagnostic(
          parsed.locate(path),
          'invalid-value',
          `${field} is '${clip(String(actual))}', which is not one of: ${allowed.join(', ')}`,
          suggestion ?? `use one of: ${allowed.join(', ')}`,
        ),
      ];
    }
    case 'invalid_format':
      return [formatDiagnostic(parsed, path, field, actual)];
    case 'too_small':
    case 'too_big': {
      const rule: RuleCode = 'invalid-value';
      if (typeof actual === 'string') {
        if (issue.code === 'too_small') {
          return [diagnostic(parsed.locate(path), rule, `${field} is empty`, 'write the text, or remove the line if the field is optional')];
        }
        return [diagnostic(parsed.locate(path), rule, `${field} is too long (at most ${String(issue.maximum)} characters)`, 'shorten it')];
      }
      if (Array.isArray(actual)) {
        return [diagnostic(parsed.locate(path), rule, `${field} needs at least one entry`, 'add an entry')];
      }
      const count = path[path.length - 1] === 'noteCount';
      return [diagnostic(parsed.locate(path), rule, `${field} is out of range: ${issue.message}`, count ? 'use a whole number, 0 or more' : 'use a whole number from 1 to 99')];
    }
    case 'custom':
      if ((issue.params as { rule?: string } | undefined)?.rule === 'blank') {
        return [diagnostic(parsed.locate(path), 'invalid-value', `${field} is empty`, 'write the text, or remove the line if the field is optional')];
      }
      if ((issue.params as { rule?: string } | undefined)?.rule === 'invalid-date') {
        const problem = dateProblem(String(actual), `${field} '${clip(String(actual))}'`, DATE_FORM_HINT)!;
        return [diagnostic(parsed.locate(path), problem.rule, problem.message, problem.hint)];
      }
      return [diagnostic(parsed.locate(path), 'invalid-value', `${field}: ${issue.message}`)];
    default:
      return [diagnostic(parsed.locate(path), 'invalid-value', `${field}: ${issue.message}`)];
  }
}

function formatDiagnostic(parsed: ParsedFile, path: PathSegment[], field: string, actual: unknown): Diagnostic {
  const last = [...path].reverse().find((s) => typeof s === 'string');
  const shown = `'${clip(String(actual))}'`;
  const pos = parsed.locate(path);
  if (last === 'date' && typeof actual === 'string') {
    const problem = dateProblem(actual, `${field} ${shown}`, DATE_FORM_HINT) ?? { rule: 'invalid-format', message: `${field} ${shown} is not a date in YYYY-MM-DD form`, hint: DATE_FORM_HINT };
    return diagnostic(pos, problem.rule, problem.message, problem.hint);
  }
  if (last === 'id' || last === 'related') {
    return diagnostic(
      pos,
      'invalid-format',
      `${field} ${shown} is not a valid id`,
      'ids use lower-case letters, digits, dots and dashes and start with a letter, e.g. p2.10',
    );
  }
  if (last === 'links' || last === 'url') {
    const problem = notALink(`${field} ${shown}`);
    return diagnostic(pos, 'invalid-format', problem.message, problem.hint);
  }
  return diagnostic(
    pos,
    'invalid-format',
    `${field} ${shown} is not in the expected form`,
    'use lower-case letters, digits and dashes, e.g. human-rights',
  );
}

/** "notes[2].date" for people: "field 'date' of note 3". */
function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the file';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const next = path[i + 1];
    if (typeof seg === 'string' && typeof next === 'number') {
      const singular = seg === 'notes' ? 'note' : seg.replace(/ies$/, 'y').replace(/s$/, '');
      parts.push(`${singular} ${next + 1}`);
      i++;
    } else parts.push(String(seg));
  }
  const last = parts.pop()!;
  return parts.length ? `'${last}' of ${parts.reverse().join(' of ')}` : `'${last}'`;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function sourceTextAt(parsed: ParsedFile, path: PathSegment[]): string {
  const pos = parsed.locate(path);
  const line = parsed.text.split('\n')[pos.line - 1] ?? '';
  const raw = line.slice(pos.column - 1).replace(/\s+#.*$/, '').replace(/\r$/, '').trim();
  return clip(raw.replace(/[,\]}]+$/, ''));
}

function typeName(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return `the value ${String(v)}`;
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function article(t: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    array: 'a list',
    object: 'a mapping of fields',
    boolean: 'true or false',
  };
  return names[t] ?? t;
}

/** The field names an object schema allows at a path, for "did you mean". */
function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    let cur = x;
    for (let guard = 0; guard < 10; guard++) {
      if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault) cur = (cur as z.ZodOptional).unwrap();
      else break;
    }
    return cur;
  };
  for (const seg of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject && typeof seg === 'string') s = (s.shape as Record<string, unknown>)[seg];
    else if (s instanceof z.ZodArray && typeof seg === 'number') s = s.element;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
