/** The one diagnostic formatter: text (with the offending line and a caret), JSON and GitHub annotations. */
import { countBySeverity, type Diagnostic } from '../core/diagnostics.js';
import { termSafe, termSafeLine, toSafeJson } from './sanitize.js';
import type { Style } from './style.js';
import { displayWidth } from './width.js';

export interface DiagnosticsSummary {
  files: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One diagnostic as rustc/hledger print them: header, location, source line, caret, help. */
export function formatDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>, style: Style): string {
  const label = d.severity === 'error' ? style.error(`error[${d.rule}]`) : style.warning(`warning[${d.rule}]`);
  const out = [`${label}: ${style.bold(termSafeLine(d.message))}`, `  ${style.accent('-->')} ${termSafeLine(d.file)}:${d.line}:${d.column}`];
  const src = lineOf(sources.get(d.file), d.line);
  if (src !== undefined) {
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    const { shown, before } = sourceExcerpt(src.replace(/\r$/, ''), d.column);
    out.push(
      `${pad} ${style.accent('|')}`,
      `${gutter} ${style.accent('|')} ${shown}`,
      `${pad} ${style.accent('|')} ${' '.repeat(displayWidth(before))}${d.severity === 'error' ? style.error('^') : style.warning('^')}`,
    );
  }
  if (d.hint) out.push(`${' '.repeat(Math.max(1, String(d.line).length))} ${style.accent('=')} help: ${termSafeLine(d.hint)}`);
  return out.join('\n');
}

// Line starts of the last text looked up: diagnostics come sorted by file, so one entry serves a run of them.
let lineIndex: { text: string; starts: number[] } | undefined;

/** Line `n` (1-based) of a text. */
function lineOf(text: string | undefined, n: number): string | undefined {
  if (text === undefined || n < 1) return undefined;
  if (lineIndex?.text !== text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineIndex = { text, starts };
  }
  const start = lineIndex.starts[n - 1];
  if (start === undefined) return undefined;
  const next = lineIndex.starts[n];
  return text.slice(start, next === undefined ? text.length : next - 1);
}

/** Lines longer than this are shown as a window around the column. */
const EXCERPT_MAX = 120;
const EXCERPT_BEFORE = 40;

/**
 * The source line as shown under a diagnostic, and the part of it before the
 * column (which places the caret). Sanitised; a very long line (a pasted
 * paragraph, a minified blob) is cut to a window around the column.
 */
export function sourceExcerpt(line: string, column: number): { shown: string; before: string } {
  const text = line.replace(/\t/g, ' ');
  const at = Math.max(0, Math.min(column - 1, text.length));
  if (text.length <= EXCERPT_MAX) return { shown: termSafe(text), before: termSafe(text.slice(0, at)) };
  let start = Math.max(0, at - EXCERPT_BEFORE);
  let end = Math.min(text.length, start + EXCERPT_MAX);
  // Never cut a surrogate pair in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const head = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  return { shown: `${head}${termSafe(text.slice(start, end))}${tail}`, before: `${head}${termSafe(text.slice(start, at))}` };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function formatDiagnosticsText(
  diags: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  style: Style,
  summary: DiagnosticsSummary,
): string {
  const parts = diags.map((d) => formatDiagnostic(d, sources, style));
  const { errors, warnings } = countBySeverity(diags);
  const checked = `${plural(summary.files, 'file')} checked`;
  let last: string;
  if (errors === 0 && warnings === 0) last = style.ok(`✓ ${checked}: no problems`);
  else {
    const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
    const files = new Set(diags.map((d) => d.file)).size;
    last = `${errors ? style.error('✗') : style.warning('!')} ${counts} in ${plural(files, 'file')} (${checked})`;
  }
  return `${[...parts, last].join('\n\n')}\n`;
}

export function formatDiagnosticsJson(diags: readonly Diagnostic[]): string {
  const { errors, warnings } = countBySeverity(diags);
  const diagnostics = diags.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
  }));
  return `${toSafeJson({ diagnostics, errors, warnings })}\n`;
}

/** GitHub workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatDiagnosticsGithub(diags: readonly Diagnostic[], summary: DiagnosticsSummary): string {
  const lines = diags.map((d) => {
    const props = [
      `file=${escapeGithubProperty(termSafeLine(d.file))}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${escapeGithubProperty(`csp ${d.rule}`)}`,
    ].join(',');
    const msg = d.hint ? `${d.message} — ${d.hint}` : d.message;
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeGithubData(termSafe(msg))}`;
  });
  const { errors, warnings } = countBySeverity(diags);
  lines.push(`csp validate: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(summary.files, 'file')}`);
  return `${lines.join('\n')}\n`;
}
