/**
 * The dashboard in a real terminal: tmux panes 80 and 100 columns wide, csp
 * run there (so stdout is a terminal and colour is on), the screen read back.
 * A line wider than the pane would wrap onto the next screen line; tmux's
 * `capture-pane -J` joins such lines again, so every captured line must fit.
 * .ci/run installs tmux when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP_BIN, SHIPPED_ROOT } from './helpers/cli.js';
import { titlesOf } from './helpers/dashboard.js';

const SHIPPED_TITLES = readdirSync(path.join(SHIPPED_ROOT, 'plan'))
  .filter((d) => d.startsWith('pillar-'))
  .flatMap((d) => readdirSync(path.join(SHIPPED_ROOT, 'plan', d)).map((f) => path.join(SHIPPED_ROOT, 'plan', d, f)))
  .map((f) => [path.basename(f, '.yaml'), /^title: (.*)$/m.exec(readFileSync(f, 'utf8'))![1]!] as const);

const SOCKET = `csp-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });

/** The shipped plan with one initiative on which the two sides disagree. */
function disagreeingPlan(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-tmux-'));
  cpSync(path.join(SHIPPED_ROOT, 'plan'), path.join(root, 'plan'), { recursive: true });
  const file = path.join(root, 'plan/pillar-2/p2.1.yaml');
  const text = readFileSync(file, 'utf8').replace(/^notes: \[\]\n/m, '');
  writeFileSync(
    file,
    `${text}notes:\n  - date: 2026-09-01\n    text: On track.\n    status: in-progress\n    side: ca\n  - date: 2026-10-01\n    text: Delays.\n    status: at-risk\n    side: kr\n`,
  );
  return root;
}

/** Runs csp in a detached tmux pane `width` columns wide and returns the screen, wrapped lines joined. */
function inTmux(width: number, root: string, args: string[]): string {
  const session = `w${width}`;
  const command = `${process.execPath} ${CSP_BIN} ${args.join(' ')}; echo __END__; sleep 600`;
  const r = tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', '400', '-c', root, '-e', 'TERM=xterm-256color', '-e', 'NO_COLOR=', command);
  expect(r.stderr).toBe('');
  let screen = '';
  for (let tries = 0; tries < 600 && !screen.includes('__END__'); tries++) {
    spawnSync('sleep', ['0.05']);
    screen = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session).stdout;
  }
  tmux('kill-session', '-t', session);
  expect(screen).toContain('__END__');
  return screen.slice(0, screen.indexOf('__END__'));
}

afterAll(() => {
  tmux('kill-server');
});

describe('csp status in a real terminal (tmux)', () => {
  const root = disagreeingPlan();

  for (const width of [80, 100]) {
    it(`fits a ${width}-column terminal: no line wraps, every title whole`, () => {
      const screen = inTmux(width, root, ['status', '--as-of', '2026-12-02']);
      const lines = screen.split('\n');
      expect(lines.some((l) => l.startsWith('Pillar 5 · '))).toBe(true);
      expect(lines.filter((l) => stringWidth(l) > width)).toEqual([]);
      // The disagreeing sides, each on its line; titles wrapped in their column, never cut.
      expect(screen).toMatch(/│ ca ◐ in progress +│/);
      expect(screen).toMatch(/│ kr ▲ at risk +│/);
      expect(screen).not.toContain('…');
      const titles = titlesOf(screen);
      expect(titles.size).toBe(36);
      for (const [id, title] of SHIPPED_TITLES) expect(titles.get(id)?.replace(/ \(also\u00a0pillar\u00a0\d\)$/, ''), id).toBe(title);
    });
  }
});
