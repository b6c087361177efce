/**
 * Diagnostics are data: a stable rule code, a position and a message that
 * says what is wrong and how to fix it. Rendering lives in src/render.
 */
import { RULE_CODES } from './rule-codes.js';

export type Severity = 'error' | 'warning';

/** Every rule code csp can report: one per module in src/core/rules/ (see rule.ts). */
export { RULE_CODES };

export type RuleCode = (typeof RULE_CODES)[number];

export interface SourcePos {
  /** Path relative to the repository root (the folder that holds plan/), with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

export interface Diagnostic extends SourcePos {
  severity: Severity;
  rule: RuleCode;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /**
   * When the problem is in one progress note whose date can be read: that
   * date. A view of the plan as of an earlier day leaves the note out, so the
   * problem does not touch it.
   */
  noteDate?: string;
}

export function diagnostic(
  pos: SourcePos,
  rule: RuleCode,
  message: string,
  hint?: string,
  severity: Severity = 'error',
): Diagnostic {
  const d: Diagnostic = { file: pos.file, line: pos.line, column: pos.column, severity, rule, message };
  if (hint !== undefined) d.hint = hint;
  return d;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

/** Locale-independent string order, so output never depends on the machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(diags: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
