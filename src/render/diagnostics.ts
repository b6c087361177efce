/** The one diagnostic formatter: text (with the offending line and a caret), JSON and GitHub annotations. */
import { countBySeverity, type Diagnostic } from '../core/diagnostics.js';
import { termSafe, termSafeLine } from './sanitize.js';
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
  const lines = sources.get(d.file)?.split('\n');
  const src = lines?.[d.line - 1];
  if (src !== undefined) {
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    const shown = termSafe(src.replace(/\r$/, '').replace(/\t/g, ' '));
    const before = termSafe(src.slice(0, Math.max(0, d.column - 1)).replace(/\t/g, ' '));
    out.push(
      `${pad} ${style.accent('|')}`,
      `${gutter} ${style.accent('|')} ${shown}`,
      `${pad} ${style.accent('|')} ${' '.repeat(displayWidth(before))}${d.severity === 'error' ? style.error('^') : style.warning('^')}`,
    );
  }
  if (d.hint) out.push(`${' '.repeat(Math.max(1, String(d.line).length))} ${style.accent('=')} help: ${termSafeLine(d.hint)}`);
  return out.join('\n');
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
  return `${JSON.stringify({ diagnostics, errors, warnings }, null, 2)}\n`;
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
      `file=${escapeGithubProperty(d.file)}`,
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
