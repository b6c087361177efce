/** cli-table3 with csp's defaults: no colour codes of its own (colour is the Style's job). */
import Table from 'cli-table3';

export function renderTable(head: string[], rows: string[][], colWidths?: number[]): string {
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
