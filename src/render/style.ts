/**
 * How renderers colour text. The CLI decides whether colour is on (TTY,
 * NO_COLOR, FORCE_COLOR, --no-color) in one place and passes a Style in;
 * with colour off every function returns its input unchanged.
 */
import { Chalk } from 'chalk';
import type { Status } from '../core/vocabulary.js';

export interface Style {
  color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  error(s: string): string;
  warning(s: string): string;
  ok(s: string): string;
  accent(s: string): string;
  status(status: Status, s: string): string;
}

export function makeStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 1 : 0 });
  const byStatus: Record<Status, (s: string) => string> = {
    'not-started': (s) => c.gray(s),
    'in-progress': (s) => c.cyan(s),
    ongoing: (s) => c.blue(s),
    'at-risk': (s) => c.yellow(s),
    completed: (s) => c.green(s),
    discontinued: (s) => c.magenta(s),
  };
  return {
    color,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    error: (s) => c.red.bold(s),
    warning: (s) => c.yellow.bold(s),
    ok: (s) => c.green(s),
    accent: (s) => c.cyan(s),
    status: (status, s) => byStatus[status](s),
  };
}

/** A symbol per status, so status reads the same without colour. */
export const STATUS_SYMBOLS: Record<Status, string> = {
  'not-started': '○',
  'in-progress': '◐',
  ongoing: '↻',
  'at-risk': '▲',
  completed: '●',
  discontinued: '✕',
};

export function statusLabel(status: Status): string {
  return `${STATUS_SYMBOLS[status]} ${status.replace('-', ' ')}`;
}
