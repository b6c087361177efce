/** How read-only commands name the files with errors they answered without: a banner, a JSON field, a report section. */
import type { DataProblems, FileProblem } from '../core/problems.js';
import { escapeMarkdown } from './markdown.js';
import { termSafeLine } from './sanitize.js';
import type { Style } from './style.js';

/** "2 errors; p1.2 shown in part, marked data-errors": what a file's errors did to what is shown. */
export function dataProblemText(p: FileProblem): string {
  return `${count(p.errors)}; ${effect(p)}`;
}

function effect(p: FileProblem): string {
  if (p.laterOnly) return 'in notes after the day shown, so not in this view';
  if (p.effect === 'left-out') return 'left out';
  return p.initiative !== undefined ? `${p.initiative} shown in part, marked data-errors` : 'read in part';
}

function count(n: number): string {
  return `${n} error${n === 1 ? '' : 's'}`;
}

/** The terminal banner above a dashboard: which files have errors and what that does to what is shown. Empty when there are none. */
export function renderDataProblemsBanner(problems: DataProblems, style: Style, where?: string): string {
  if (problems.files.length === 0) return '';
  const n = problems.files.length;
  const files = `${where !== undefined ? `In ${termSafeLine(where)}, ` : ''}${n} plan file${n === 1 ? ' has' : 's have'} errors`;
  const head = problems.affectsView ? `${files}: what follows leaves out what could not be read.` : `${files}, none in what this view shows.`;
  const lines = [style.warning(`! ${head}`)];
  for (const p of problems.files) lines.push(`  ${termSafeLine(p.file)} (${count(p.errors)}; ${effect(p)})`);
  lines.push(style.dim("  'csp validate' lists each problem and how to fix it."));
  return `${lines.join('\n')}\n\n`;
}

/** The `problems` field of JSON output. */
export function dataProblemsJson(problems: DataProblems): unknown {
  return problems.files.map((p) => ({
    file: p.file,
    errors: p.errors,
    effect: p.laterOnly ? 'not-in-view' : p.effect,
    ...(p.initiative !== undefined ? { initiative: p.initiative } : {}),
  }));
}

/** The "Data problems" section of a report or diff (markdown lines), empty when there are none. */
export function dataProblemsMarkdown(problems: DataProblems, where?: string): string[] {
  if (problems.files.length === 0) return [];
  const out = [
    `## Data problems${where !== undefined ? ` in ${escapeMarkdown(where)}` : ''}`,
    '',
    'These plan files have errors. What follows is drawn from every file that could be read and leaves out what these files hold that could not be read. `csp validate` lists each problem.',
    '',
  ];
  for (const p of problems.files) out.push(`- \`${p.file.replace(/`/g, "'")}\`: ${count(p.errors)} (${escapeMarkdown(effect(p))})`);
  out.push('');
  return out;
}
