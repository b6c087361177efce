/**
 * Tables as cli-table3 draws them, with csp's defaults: no colour codes of
 * its own (colour is the Style's job), one space of padding, no rule between
 * body rows.
 *
 * Tables whose cells' lines fit their columns (every table csp draws: the
 * callers wrap or cut cells to fit) are drawn here directly, exactly
 * as cli-table3 would: cli-table3 merges some twenty options into every
 * cell, which costs ≈ 0.3 ms a cell at start-up (≈ 20 ms for the status
 * dashboard). Other tables go to cli-table3 itself, and test/render-fast-paths.test.ts
 * checks that both draw every table the same.
 */
import Table from 'cli-table3';
import { displayWidth } from './width.js';

export function renderTable(head: string[], rows: string[][], colWidths?: number[]): string {
  return drawSimpleTable(head, rows, colWidths) ?? drawWithCliTable3(head, rows, colWidths);
}

export function drawWithCliTable3(head: string[], rows: string[][], colWidths?: number[]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    ...(colWidths ? { colWidths } : {}),
    wordWrap: false,
    // No rule between body rows: the table stays compact and scannable.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  table.push(...rows);
  return table.toString();
}

/** An SGR sequence as cli-table3 recognises one (utils.codeRegex). */
const SGR = /\u001b\[((?:\d*;){0,5}\d*)m/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Attributes cli-table3 turns off at the end of a cell line when left on (utils.addToCodeCache). */
const ATTRIBUTES: Record<string, [string, boolean]> = {
  '\u001b[1m': ['bold', true],
  '\u001b[22m': ['bold', false],
  '\u001b[3m': ['italics', true],
  '\u001b[23m': ['italics', false],
  '\u001b[4m': ['underline', true],
  '\u001b[24m': ['underline', false],
  '\u001b[7m': ['inverse', true],
  '\u001b[27m': ['inverse', false],
  '\u001b[9m': ['strikethrough', true],
  '\u001b[29m': ['strikethrough', false],
};

/**
 * The width of a cell's text, when cli-table3 would print the cell as it is:
 * one line, no control characters but SGR colour sequences, and those
 * leaving nothing on at its end (else cli-table3 appends codes to close them).
 */
function plainWidth(cell: string): number | undefined {
  if (!cell.includes('\u001b')) return CONTROL.test(cell) ? undefined : displayWidth(cell);
  const text = cell.replace(SGR, '');
  if (CONTROL.test(text)) return undefined;
  const on = new Set<string>();
  let foreground: string | undefined;
  let background: string | undefined;
  for (const m of cell.matchAll(SGR)) {
    const code = m[1] ? parseInt(m[1].split(';')[0]!, 10) : 0;
    if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) foreground = m[0];
    else if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) background = m[0];
    else if (code === 0) {
      on.clear();
      foreground = background = undefined;
    } else {
      const attribute = ATTRIBUTES[m[0]];
      if (attribute) {
        if (attribute[1]) on.add(attribute[0]);
        else on.delete(attribute[0]);
      }
    }
  }
  if (on.size > 0 || (foreground && foreground !== '\u001b[39m') || (background && background !== '\u001b[49m')) return undefined;
  return displayWidth(text);
}

/**
 * The table as cli-table3 draws it, or undefined when a cell needs cli-table3's wrapping, cutting or colour handling.
 * A cell may hold several lines ('\n'), each closing its own colour: the row is as tall as its tallest cell.
 */
export function drawSimpleTable(head: string[], rows: string[][], colWidths?: number[]): string | undefined {
  const columns = head.length;
  if (columns === 0 || rows.some((r) => r.length !== columns)) return undefined;
  const all = [head, ...rows];
  /** Per row, per cell: its lines and their widths. */
  const cells: { lines: string[]; widths: number[] }[][] = [];
  for (const row of all) {
    const measured: { lines: string[]; widths: number[] }[] = [];
    for (const cell of row) {
      if (typeof cell !== 'string') return undefined;
      const lines = cell.split('\n');
      const widths: number[] = [];
      for (const line of lines) {
        const w = plainWidth(line);
        if (w === undefined) return undefined;
        widths.push(w);
      }
      measured.push({ lines, widths });
    }
    cells.push(measured);
  }
  const widths = Array.from({ length: columns }, (_, x) => {
    const fixed = colWidths?.[x];
    return typeof fixed === 'number' ? Math.max(1, fixed) : Math.max(1, ...cells.map((m) => Math.max(...m[x]!.widths) + 2));
  });
  if (cells.some((m) => m.some((c, x) => c.widths.some((w) => w > widths[x]! - 2)))) return undefined;
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
  const out = [rule('┌', '┬', '┐')];
  for (const row of cells) {
    const height = Math.max(...row.map((c) => c.lines.length));
    for (let k = 0; k < height; k++) {
      out.push(`│${row.map((c, x) => ` ${c.lines[k] ?? ''}${' '.repeat(widths[x]! - 2 - (c.widths[k] ?? 0))} `).join('│')}│`);
    }
  }
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
