/**
 * yaml's errors as diagnostics that point at the mistake: an unclosed quote
 * or bracket at where it opens, rather than where the parser gave up.
 */
import type { YAMLError } from 'yaml';
import { diagnostic, type Diagnostic, type RuleCode, type SourcePos } from './diagnostics.js';
import type { StructureScan } from './parse-guards.js';

const YAML_ERROR_RULES: Record<string, RuleCode> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAG_RESOLVE_FAILED: 'yaml-tag',
  BAD_ALIAS: 'yaml-alias',
};

const YAML_HINTS: Partial<Record<RuleCode, string>> = {
  'yaml-syntax':
    'check indentation (spaces, not tabs), closing quotes and brackets, and put text containing ": " or " #" in double quotes',
  'yaml-duplicate-key': 'keep one of the two entries and delete the other',
};

function yamlMessage(raw: string): string {
  const first = raw.split('\n')[0] ?? raw;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/**
 * One parser error as a diagnostic. Where the parser notices a problem late
 * (an unclosed quote or bracket is noticed where the file or the block ends),
 * the diagnostic points at the opening quote or bracket instead, which is
 * what needs fixing.
 */
export function yamlErrorDiagnostic(
  e: YAMLError,
  text: string,
  scan: StructureScan,
  posOf: (offset: number) => SourcePos,
): Diagnostic {
  const at = e.pos[0];
  const message = yamlMessage(e.message);
  if (e.code === 'MISSING_CHAR' && /quote/.test(message)) {
    const open = lastAtOrBefore(scan.quoteStarts, at);
    if (open !== undefined) {
      const q = text[open]!;
      return diagnostic(
        posOf(open),
        'yaml-syntax',
        `the quoted text that starts here has no closing ${q}`,
        q === '"'
          ? 'add the closing " at the end of the text; write a " inside the text as \\"'
          : "add the closing ' at the end of the text; write a ' inside the text as ''",
      );
    }
  }
  if (e.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(message)) {
    const open = lastAtOrBefore(scan.flowOpens, at);
    if (open !== undefined) {
      const bracket = text[open]!;
      const close = bracket === '[' ? ']' : '}';
      return diagnostic(
        posOf(open),
        'yaml-syntax',
        `the ${bracket === '[' ? 'list' : 'mapping'} opened with '${bracket}' here is not closed with '${close}'`,
        `add the closing '${close}'; if the ${bracket === '[' ? 'list' : 'mapping'} goes on over several lines, indent those lines further than the field name`,
      );
    }
  }
  const rule = YAML_ERROR_RULES[e.code] ?? 'yaml-syntax';
  let hint = rule === 'yaml-tag' ? 'remove the tag; put text in quotes if it must stay text' : YAML_HINTS[rule];
  const lineText = lineAt(text, at);
  if (/\u00a0/.test(lineText)) {
    hint = `this line holds a non-breaking space (often pasted from a word processor); replace it with an ordinary space. ${hint ?? ''}`.trim();
  }
  return diagnostic(posOf(at), rule, message, hint);
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** The last offset in a sorted list that is at most `at`. */
function lastAtOrBefore(offsets: readonly number[], at: number): number | undefined {
  let found: number | undefined;
  for (const o of offsets) {
    if (o > at) break;
    found = o;
  }
  return found;
}
