/**
 * Help for people: every command's --help has examples; `csp help format`
 * explains every field csp knows and every status, kind and cadence; data
 * goes to stdout (JSON where asked), messages to stderr.
 */
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, SCHEMA_FILES } from '../src/core/json-schema.js';
import { CADENCE_MEANINGS, CADENCES, KIND_MEANINGS, KINDS, STATUS_MEANINGS, STATUSES } from '../src/core/vocabulary.js';
import { type CliResult, runCli } from './helpers/cli.js';

/** csp run in-process on each item, one run after the other. */
async function inTurn<T>(items: readonly T[], run: (item: T) => Promise<CliResult>): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

/** The commands listed in a help text's "Commands:" section. */
function subcommands(help: string): string[] {
  if (!help.includes('Commands:')) return [];
  const section = help.slice(help.indexOf('Commands:'), help.indexOf('\n\n', help.indexOf('Commands:')));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

async function commandNames(): Promise<string[]> {
  return [...subcommands((await runCli(['--help'])).stdout), 'help'];
}

/** Every field name at every depth of a JSON Schema, with its description. */
function fields(schema: unknown, out: [string, string][] = []): [string, string][] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  for (const [name, field] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    out.push([name, String(field.description)]);
    fields(field, out);
  }
  fields(s.items, out);
  fields(s.additionalProperties, out);
  return out;
}

/** The help text with its line wrapping undone, to look for whole sentences. */
const unwrapped = (text: string) => text.replace(/\s+/g, ' ');

describe('help', () => {
  it('every command has a --help with examples, and completion knows its options', async () => {
    const names = await commandNames();
    expect(names).toEqual(expect.arrayContaining(['validate', 'status', 'show', 'export', 'report', 'schema', 'init', 'import', 'completion', 'help']));
    const results = await inTurn(names, async (n) => await runCli([n, '--help']));
    results.forEach((r, i) => {
      expect(r.code, names[i]).toBe(0);
      expect(r.stdout, names[i]).toMatch(/Examples:\n {2}\$ .*csp /);
    });
    // Subcommands (csp review create, …) too.
    const nested = names.flatMap((n, i) => subcommands(results[i]!.stdout).map((s) => [n, s]));
    expect(nested).toEqual(expect.arrayContaining([['review', 'show']]));
    for (const [i, r] of (await inTurn(nested, async (args) => await runCli([...args, '--help']))).entries()) {
      expect(r.stdout, nested[i]!.join(' ')).toMatch(/Examples:\n {2}\$ .*csp /);
    }
    // The completion scripts know every command and option the help shows.
    const scripts = await inTurn(['bash', 'zsh', 'fish'], async (shell) => await runCli(['completion', shell]));
    names.forEach((c, i) => {
      const options = [...results[i]!.stdout.matchAll(/^ +(?:-[a-zA-Z], )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!);
      expect(options.length, c).toBeGreaterThan(0);
      scripts.forEach(({ stdout: script }, s) => {
        expect(script, `${s}: ${c}`).toMatch(new RegExp(`\\b${c}\\b`));
        for (const o of options) expect(script, `${c} ${o}`).toContain(s === 2 ? `-l ${o.slice(2)}` : o);
      });
    });
  });

  it('csp help COMMAND is that command\'s --help; csp help alone is csp --help', async () => {
    expect((await runCli(['help', 'status'])).stdout).toBe((await runCli(['status', '--help'])).stdout);
    expect((await runCli(['help', 'review', 'show'])).stdout).toBe((await runCli(['review', 'show', '--help'])).stdout);
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
  });

  it('csp help with an unknown topic is a usage error that suggests one', async () => {
    const r = await runCli(['help', 'formt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("did you mean 'format'?");
  });

  it('csp help format explains every field of every schema, and every status, kind and cadence', async () => {
    const r = await runCli(['help', 'format']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const text = unwrapped(r.stdout);
    for (const f of SCHEMA_FILES) {
      expect(text).toContain(f.glob);
      const all = fields(jsonSchemaOf(f));
      // Every schema documents its fields (a note file has the fewest: date, text, status, side, author, links, translations…).
      expect(all.length).toBeGreaterThan(f.name === 'note' ? 5 : 10);
      for (const [name, description] of all) {
        expect(r.stdout, name).toMatch(new RegExp(`^ +${name} {2}\\((required|optional);`, 'm'));
        expect(text, `${f.name}.${name}`).toContain(unwrapped(description));
      }
    }
    for (const s of STATUSES) expect(text).toContain(`${s} ${unwrapped(STATUS_MEANINGS[s])}`.replace(/ +/g, ' '));
    for (const k of KINDS) expect(text).toContain(unwrapped(KIND_MEANINGS[k]));
    for (const c of CADENCES) expect(text).toContain(unwrapped(CADENCE_MEANINGS[c]));
  });
});

describe('output conventions', () => {
  it('data on stdout as JSON where asked, nothing on stderr', async () => {
    const cases = [
      ['status', '--json', '--as-of', '2026-03-01'],
      ['show', 'p1.3', '--json', '--as-of', '2026-03-01'],
      ['export', '--json', '--as-of', '2026-03-01'],
      ['validate', '--format', 'json', '--as-of', '2026-03-01'],
      ['schema'],
      ['schema', 'plan'],
      ['review', 'list', '--json'],
      ['review', 'show', 'adoption', '--json'],
    ];
    const results = await inTurn(cases, async (c) => await runCli(c));
    results.forEach((r, i) => {
      const label = cases[i]!.join(' ');
      expect(r.code, label).toBe(0);
      expect(r.stderr, label).toBe('');
      expect(() => JSON.parse(r.stdout) as unknown, label).not.toThrow();
    });
  });
});

describe('the list of commands', () => {
  it('is generated from the command modules (npm run commands), each top-level command with its own place in --help', async () => {
    const { execFileSync } = await import('node:child_process');
    const { COMMANDS } = await import('../src/cli/commands/index.js');
    const { REPO_ROOT } = await import('./helpers/cli.js');
    expect(() => execFileSync(process.execPath, ['scripts/commands.mjs', '--check'], { cwd: REPO_ROOT, stdio: 'pipe' })).not.toThrow();
    const orders = COMMANDS.map((c) => c.order);
    for (const [k, c] of COMMANDS.entries()) expect(orders[k], `${c.name} has no order`).toBeTypeOf('number');
    expect(new Set(orders).size).toBe(COMMANDS.length);
    // --help lists them in that order.
    const help = (await runCli(['--help'])).stdout;
    const listed = COMMANDS.filter((c) => !c.hidden).map((c) => help.indexOf(`\n  ${c.name}`));
    expect(listed.every((at) => at > 0)).toBe(true);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed);
  });
});
