/**
 * The csp command line. This file only declares commands and options; each
 * command's work lives in commands/*.ts and is loaded on demand, so that
 * `csp --version` and `--help` never load the YAML parser or zod.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { CADENCES, KINDS } from '../core/vocabulary.js';
import { CspError, EXIT, type ExitCode } from '../errors.js';
import { takeNotices } from '../io/notices.js';
import { isTerminal, outputLost, terminalColumns, writeTo } from '../io/stdio.js';
import { nearest } from '../core/text.js';
import { termSafe, termSafeLine } from '../render/sanitize.js';

declare const CSP_VERSION: string;

// Commander passes positional arguments as strings (or string arrays for variadic ones).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (cmd: Command, ...args: any[]) => Promise<ExitCode | void> | ExitCode | void;

/** What the command that ran asked to exit with (commands return it; 0 when they return nothing). */
let commandExitCode: ExitCode = EXIT.ok;

/** Wraps a lazily imported command module's `run` as a commander action. */
function lazy(load: () => Promise<{ run: Action }>) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const { run } = await load();
    commandExitCode = (await run(cmd, ...args.slice(0, -2))) ?? EXIT.ok;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function buildProgram(): Command {
  const program = new Command('csp')
    .description('Keep a partnership action plan as plain-text files and see where every commitment stands.')
    .version(typeof CSP_VERSION === 'string' ? CSP_VERSION : '0.0.0-dev', '-V, --version', 'print the csp version')
    .option('--plan <dir>', 'the plan folder, or the repository holding it (default: $CSP_PLAN, else the nearest plan/ above the current folder)')
    .option('--as-of <date>', 'show the plan as it stood on this day, later notes left out, YYYY-MM-DD (default: today)')
    .option('--color', 'force colour output')
    .option('--no-color', 'no colour output (also: NO_COLOR=1)')
    .option('--debug', 'show internal details (stack traces) on failure; also CSP_DEBUG=1')
    .option('--no-cache', 'read and parse every file, neither using nor updating .csp-cache/ (also: CSP_NO_CACHE=1)')
    .showSuggestionAfterError(true)
    // Set before the subcommands are added so that they inherit it.
    .exitOverride()
    // Its messages quote what was typed: shown escaped, like every other text csp prints.
    .configureOutput({
      writeOut: (s) => writeTo(1, s),
      writeErr: (s) => writeTo(2, s),
      outputError: (s, write) => write(termSafe(formatCommanderError(s))),
      // Commander's own defaults, without touching process.stdout on a pipe: 80 columns unless a terminal says.
      getOutHelpWidth: () => terminalColumns() ?? 80,
      getErrHelpWidth: () => (isTerminal(2) ? process.stderr.columns : 80),
    })
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      'after',
      examples(
        'csp status                      # the dashboard',
        'csp status --pillar 2 --stale 90',
        'csp validate                    # check every file',
        'csp show p1.3',
        'csp note p1.3 "Workshop held in Seoul." --status in-progress',
        'csp export --json > plan.json',
        'csp diff dialogue-2025            # what moved since a review',
        'csp help format                 # the file format, field by field',
      ) + '\nExit codes: 0 ok · 1 the plan has errors or a change was refused · 2 usage error · 3 environment (files, lock, git, output) · 4 internal error (a bug in csp)\n',
    );

  program
    .command('validate')
    .description('check every plan file against the schema and the plan-wide rules')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--links', 'also check that every cited http(s) link answers (uses the network; dead links are warnings)')
    .option('--links-timeout <seconds>', 'with --links: how long to wait for each address (default 10)')
    .addHelpText(
      'after',
      examples('csp validate', 'csp validate --format json', 'csp validate --format github   # in GitHub Actions', 'csp validate --links          # also ask every cited source whether it answers') +
        '\nWithout --links, csp validate makes no network access.\n',
    )
    .action(lazy(() => import('./commands/validate.js')));

  program
    .command('status')
    .description('the dashboard: progress per pillar and where every initiative stands')
    .option('--pillar <n>', 'only this pillar (a number)')
    .option('--status <status>', 'only initiatives with this status (and only the pillars that have one)')
    .option('--theme <id>', 'only initiatives of this thematic area')
    .option('--stale <days>', 'flag initiatives without a note for this many days (default 180)')
    .option('--flagged', "only initiatives flagged stale, overdue or where the sides' assessments differ")
    .addOption(
      new Option('--scale <scale>', 'show statuses as csp statuses, on the OGP completion scale, or as a +1/0/−1 compliance score')
        .choices(['status', 'ogp', 'compliance'])
        .default('status'),
    )
    .option('--json', 'print the data as JSON')
    .addHelpText(
      'after',
      examples(
        'csp status',
        'csp status --pillar 3',
        'csp status --status at-risk',
        'csp status --stale 90 --flagged',
        'csp status --scale ogp',
        'csp status --as-of 2025-06-30 --json',
      ),
    )
    .action(lazy(() => import('./commands/status.js')));

  program
    .command('show')
    .description('one initiative in full, with its notes')
    .argument('<id>', 'initiative id, e.g. p1.3 (any case; 1.3 for p1.3)')
    .option('--json', 'print the data as JSON')
    .addHelpText('after', examples('csp show p1.3', 'csp show 2.10', 'csp show p3.4 --json'))
    .action(lazy(() => import('./commands/show.js')));

  program
    .command('note')
    .description('record a dated progress note on an initiative, as a new file plan/notes/ID/… (notes from two branches merge)')
    .argument('<id>', 'initiative id, e.g. p1.3 (any case; 1.3 for p1.3)')
    .argument('[text]', "what happened; '-' reads it from standard input; left out on a terminal, your $EDITOR opens")
    .option('--status <status>', "the initiative's status from this date on (see csp status)")
    .option('--date <date>', 'the day it happened, YYYY-MM-DD (default: your local today, or --as-of)')
    .option('--side <party>', 'who reports it: a party id from plan.yaml (e.g. ca, kr) or joint (the default)')
    .option('--author <name>', 'who wrote the note (name, desk or department)')
    .addOption(new Option('--lang <lang>', 'the language the note is written in (default en, the plan\'s language); a report in another language marks it').choices(['en', 'fr', 'ko']))
    .option('--link <url>', 'a supporting document (http(s) or mailto URL); repeat for several', collect, [])
    .option('--dry-run', 'show the change as a diff and write nothing')
    .addHelpText(
      'after',
      examples(
        'csp note p1.3 "Workshop held in Ottawa with 40 participants."',
        'csp note p2.1 "Forum meeting postponed to the autumn." --status at-risk --side ca',
        'csp note p1.2 "Report published." --status completed --link https://example.org/report',
        'csp note p4.1 - < minutes.txt        # the text from a file',
        'csp note p1.3                        # write the note in your editor',
        'csp note p1.3 "Talks resumed." --date 2025-03-14 --dry-run',
        'csp note p1.3 --status ongoing -- "-5% in spending"   # text starting with -: options first, then --, then the text',
      ) +
        '\nEach note is a file of its own, plan/notes/ID/DATE-SIDE-WORDS-HASH.yaml: nothing else changes, so notes\n' +
        'recorded on two branches (Ottawa and Seoul, the same week) merge with plain git merge. A date is in the\n' +
        'future only once it is after today everywhere on earth (UTC+14).\n',
    )
    .action(lazy(() => import('./commands/note.js')));

  program
    .command('split-notes')
    .description("move notes written in initiative files' notes: lists into note files of their own (plan/notes/ID/…)")
    .option('--dry-run', 'list what would move and write nothing')
    .addHelpText(
      'after',
      examples('csp split-notes --dry-run', 'csp split-notes && git add -A plan    # then commit') +
        "\nA plan whose notes are in the initiative files' lists gets a git conflict whenever two branches add a note\n" +
        'to one initiative. After split-notes, every note is a file of its own and such branches merge cleanly.\n' +
        'The plan must be free of errors first; the notes read back the same afterwards, or nothing is written.\n',
    )
    .action(lazy(() => import('./commands/split-notes.js')));

  program
    .command('add')
    .description('create a new initiative with the next free id of its pillar, and print the id')
    .requiredOption('--pillar <n>', 'the pillar it is listed under (a number)')
    .requiredOption('--title <title>', 'a short label for tables and reports')
    .option('--text <text>', "the commitment as the Action Plan words it; '-' reads it from standard input; left out on a terminal, your $EDITOR opens")
    .option('--theme <id>', 'a thematic area of that pillar; repeat for several', collect, [])
    .addOption(new Option('--kind <kind>', 'what the wording says').choices(KINDS))
    .addOption(new Option('--cadence <cadence>', 'how often a recurring initiative happens (implies --kind recurring)').choices(CADENCES))
    .option('--dry-run', 'show the new file and write nothing')
    .addHelpText(
      'after',
      examples(
        'csp add --pillar 4 --title "Clean hydrogen" --text "Explore cooperation on clean hydrogen"',
        'csp add --pillar 2 --theme maritime-security --title "Joint exercise" --text - < text.txt',
        'csp add --pillar 1 --title "Annual consultations" --kind recurring --cadence annual --dry-run --text "Hold annual consultations"',
      ),
    )
    .action(lazy(() => import('./commands/add.js')));

  program
    .command('export')
    .description('the whole loaded plan as one JSON document')
    .option('--json', 'JSON output (the only format; accepted for clarity)')
    .addHelpText('after', examples('csp export --json > plan.json'))
    .action(lazy(() => import('./commands/export.js')));

  program
    .command('report')
    .description('the brief circulated before each Strategic Dialogue, as markdown or printable HTML')
    .addOption(new Option('--format <format>', 'md (for GitHub and e-mail), html (one self-contained file to print), or pdf (printed by Chromium, Chrome or Edge if installed)').choices(['md', 'html', 'pdf']).default('md'))
    .option('-o, --output <file>', 'write the report to this file (or into this folder) instead of standard output; a markdown report gets its charts as SVG files beside it')
    .option('--stale <days>', 'call initiatives stale after this many days without a note (default 180)')
    .option('--notes <n>', "how many of each initiative's latest notes to quote (default 3)")
    .option('--review <name>', "the report for this review: the plan as of the review's date, titled after it")
    .option('--since <name>', 'the changes section starts from this review, date or git revision (default: the latest earlier review)')
    .addOption(new Option('--lang <lang>', 'language of headings and labels; plan text where translated').choices(['en', 'fr', 'ko']).default('en'))
    .addOption(new Option('--scale <scale>', 'show statuses as csp statuses, OGP completion levels or compliance scores').choices(['status', 'ogp', 'compliance']).default('status'))
    .addOption(new Option('--paper <size>', 'HTML: print on this paper size (default: the browser\'s)').choices(['a4', 'letter']))
    .option('--mermaid', 'markdown: add a mermaid pie chart (GitHub and GitLab draw it)')
    .addHelpText(
      'after',
      examples(
        'csp report > report.md',
        'csp report --format html --paper a4 -o brief.html   # then print to PDF from the browser',
        'csp report -o reports/                               # reports/report.md and its charts',
        'csp report --format pdf --paper letter -o brief.pdf   # needs Chromium, Chrome or Edge',
        'csp report --as-of 2025-06-30 -o docs/report-2025.md',
        'csp report --review dialogue-2025 --since adoption -o docs/report-2025.md',
        'csp report --lang fr -o rapport.md',
        'csp report --lang ko --scale ogp',
      ),
    )
    .action(lazy(() => import('./commands/report.js')));

  const review = program
    .command('review')
    .description('freeze the plan as of a date for a Strategic Dialogue, and look at frozen reviews')
    .addHelpText(
      'after',
      examples(
        'csp review create dialogue-2025 --date 2025-06-30 --title "Strategic Dialogue, Ottawa"',
        'csp review list',
        'csp review show dialogue-2025',
        'csp diff dialogue-2025 dialogue-2026   # what moved between two dialogues',
      ),
    );
  const reviewCommand = (name: 'create' | 'list' | 'show') => () => import('./commands/review.js').then((m) => ({ run: m[name] }));

  review
    .command('create')
    .description('freeze the plan as of a date into plan/reviews/NAME.yaml (commit it afterwards)')
    .argument('<name>', 'review name: lower-case letters, digits, dots and dashes, e.g. dialogue-2025')
    .option('--date <date>', 'freeze the plan as of this day, YYYY-MM-DD (default: --as-of, else today)')
    .option('--title <title>', 'what the review is for, e.g. "Strategic Dialogue, Ottawa"')
    .option('--force', 'replace an existing review of that name')
    .addHelpText(
      'after',
      examples(
        'csp review create dialogue-2025 --date 2025-06-30 --title "Strategic Dialogue, Ottawa"',
        'csp review create adoption --date 2024-07-18 --title "Baseline at adoption"',
        'csp review create dialogue-2025 --date 2025-07-02 --force   # replace it',
      ),
    )
    .action(lazy(reviewCommand('create')));

  review
    .command('list')
    .description('every review, oldest first')
    .option('--json', 'print the data as JSON')
    .addHelpText('after', examples('csp review list', 'csp review list --json'))
    .action(lazy(reviewCommand('list')));

  review
    .command('show')
    .description('one review: the plan as it stood that day, per pillar')
    .argument('<name>', 'review name, e.g. dialogue-2025')
    .option('--json', 'print the data as JSON')
    .addHelpText('after', examples('csp review show dialogue-2025', 'csp review show adoption --json'))
    .action(lazy(reviewCommand('show')));

  program
    .command('diff')
    .description('what changed in the plan between two reviews, dates or git revisions')
    .argument('<from>', 'a review name, a date YYYY-MM-DD (the plan as of that day) or a git revision')
    .argument('[to]', 'the same kinds; default: the working tree as of --as-of (today)')
    .addOption(new Option('--format <format>', 'output format (md: for pull requests and reports)').choices(['text', 'md', 'json']).default('text'))
    .option('--pillar <n>', 'only initiatives listed under this pillar (a number)')
    .option('--exit-code', 'exit 1 when something changed, 0 when nothing did (as git diff --exit-code)')
    .addHelpText(
      'after',
      examples(
        'csp diff dialogue-2025 dialogue-2026      # between two reviews',
        'csp diff dialogue-2025                    # since a review, to today',
        'csp diff 2025-01-01 2025-12-31            # statuses and notes between two dates',
        'csp diff origin/main HEAD --format md     # what a branch changes, for a pull request',
        'csp diff HEAD~5 --pillar 2 --format json',
        'csp diff main --exit-code > /dev/null     # in a script: has the plan changed since main?',
      ) +
        '\nFROM and TO are tried as a review name, then a date, then a git revision (a review wins over a\n' +
        'git revision of the same name; write NAME^0 for the revision). Dates use the notes of the working\n' +
        'tree: they show status and note changes, not edits. Git revisions are read without touching the\n' +
        'working tree.\n',
    )
    .action(lazy(() => import('./commands/diff.js')));

  program
    .command('schema')
    .description('JSON Schema of the plan files, for editors that check and complete YAML while you type')
    .argument('[name]', 'which schema: initiative (the default), plan, …')
    .option('--out <dir>', 'write every schema to DIR/<name>.schema.json instead of printing one')
    .option('--check', 'with --out: exit 1 when the files in DIR differ from what csp would write')
    .addHelpText(
      'after',
      examples(
        'csp schema                      # the initiative file schema',
        'csp schema plan > plan.schema.json',
        'csp schema --out schema         # refresh schema/*.schema.json',
        'csp schema --out schema --check # in CI: are they current?',
      ),
    )
    .action(lazy(() => import('./commands/schema.js')));

  program
    .command('init')
    .description('start a new, valid plan repository for a partnership: plan/plan.yaml, schema/, editor settings, README')
    .argument('[dir]', 'the folder to start it in (default: the current folder)')
    .option('--title <text>', 'title of the action plan')
    .option('--partnership <text>', 'name of the partnership')
    .option('--party <id:name>', 'a party, e.g. ca:Canada (repeat for each party)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--adopted <date>', 'the day the plan was adopted, YYYY-MM-DD (default: today)')
    .addOption(new Option('--review-cadence <cadence>', 'how often implementation is reviewed').choices(CADENCES).default('annual'))
    .option('--review-body <text>', 'who reviews implementation, e.g. "annual Strategic Dialogue"')
    .addHelpText(
      'after',
      examples(
        'csp init my-plan --party ca:Canada --party kr:"Republic of Korea"',
        'csp init . --title "Action Plan" --partnership "Canada-Korea CSP" --adopted 2024-07-18',
        'csp init my-plan && csp --plan my-plan/plan import action-plan.txt',
      ),
    )
    .action(lazy(() => import('./commands/init.js')));

  program
    .command('import')
    .description("turn an action-plan document (pillar headings, thematic areas, 'Initiatives:' lists) into plan files")
    .argument('<file>', 'the document as plain text (UTF-8), e.g. copied from the published page')
    .option('--dry-run', 'parse and check, print what would be written, write nothing')
    .option('--json', 'print what was imported as JSON')
    .addHelpText(
      'after',
      examples(
        'csp init my-plan && csp --plan my-plan/plan import action-plan.txt',
        'csp --plan my-plan/plan import action-plan.txt --dry-run   # what it would write',
        'csp --plan my-plan/plan import action-plan.txt --json',
      ) +
        "\nThe document: a line 'Pillar N: Title' for each pillar; under it, each thematic\n" +
        "area's heading and paragraph(s), then one paragraph 'Initiatives: first; second.'\n" +
        'Paragraphs are separated by blank lines. import only starts a plan: it refuses\n' +
        'a plan that already has initiatives or thematic areas (start one: csp init NEW).\n',
    )
    .action(lazy(() => import('./commands/import.js')));

  program
    .command('completion')
    .description('print a shell completion script: commands, options, initiative ids, statuses, themes, reviews')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      examples(
        'source <(csp completion bash)                    # try it in this shell',
        'csp completion bash > ~/.local/share/bash-completion/completions/csp',
        'csp completion zsh > "${fpath[1]}/_csp"          # then restart zsh',
        'csp completion fish > ~/.config/fish/completions/csp.fish',
      ),
    )
    .action(lazy(() => import('./commands/completion.js')));

  program
    .command('__complete', { hidden: true })
    .description('values for shell completion, one per line (used by the completion scripts)')
    .argument('<what>', 'ids, statuses, themes, pillars, parties, reviews')
    .action(lazy(() => import('./commands/complete.js')));

  program
    .command('help')
    .description("show help for a command, or 'csp help format' for the plan file format")
    .argument('[topic...]', 'a command (e.g. status, review show), or format')
    .addHelpText('after', examples('csp help format', 'csp help status', 'csp help review show'))
    .action(lazy(() => import('./commands/help.js')));

  return program;
}

/**
 * Commander's usage errors in csp's form: "csp: error: …" then "  help: …"
 * lines, as every other csp error ("(Did you mean status?)" becomes
 * "help: did you mean 'status'?"; the allowed choices of an option, with the
 * nearest one first, become its hint).
 */
function formatCommanderError(text: string): string {
  if (!text.startsWith('error:')) return text;
  const lines = text.trimEnd().split('\n');
  let message = lines[0]!.replace(/^error: /, '');
  const hints: string[] = [];
  for (const line of lines.slice(1)) {
    const m = /^\(Did you mean (.+)\?\)$/.exec(line.trim());
    if (m) hints.push(`did you mean ${m[1]!.split(/, | or /).map((c) => `'${c}'`).join(' or ')}?`);
    else if (line.trim()) hints.push(line.trim());
  }
  const choices = /^(.*?)\. Allowed choices are (.*)\.$/.exec(message);
  if (choices) {
    message = choices[1]!;
    const allowed = choices[2]!.split(', ');
    const typed = /(?:argument|value) '([^']*)'/.exec(message)?.[1];
    const close = typed === undefined ? [] : nearest(typed, allowed, 1);
    hints.push(`${close.length ? `did you mean '${close[0]}'? ` : ''}allowed: ${allowed.join(', ')}`);
  }
  const unknownCommand = /^unknown command '/.test(message);
  if (unknownCommand && hints.length === 0) hints.push("'csp --help' lists the commands");
  if (/^unknown option '/.test(message) && hints.length === 0) hints.push("'--help' after a command lists its options");
  if (/^(missing required argument|required option|option '.*' argument missing)/.test(message)) hints.push("'--help' after the command shows what it takes, with examples");
  const tooMany = /^too many arguments for '([^']+)'\. (.*)$/.exec(message);
  if (tooMany) {
    message = `too many arguments for '${tooMany[1]}'`;
    hints.push(`${tooMany[2]!.replace(/\.$/, '').replace(/^E/, 'e')}; quote text that has spaces ("…")`);
  }
  return `csp: error: ${message}\n${hints.map((h) => `  help: ${h}\n`).join('')}`;
}

function debugEnabled(argv: readonly string[]): boolean {
  return argv.includes('--debug') || process.env.CSP_DEBUG === '1';
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  let code: number;
  try {
    await program.parseAsync(argv as string[], { from: 'node' });
    code = commandExitCode;
  } catch (err) {
    code = reportError(err, debugEnabled(argv));
  }
  for (const n of takeNotices()) {
    writeTo(2, `csp: warning: ${termSafeLine(n.message)}\n`);
    if (n.hint) writeTo(2, `  help: ${termSafeLine(n.hint)}\n`);
  }
  return withOutputCheck(code);
}

/**
 * Output that could not be written fails the run (exit 3), whatever the
 * command meant to return: a script must not take a report it never got for
 * a success. A reader that went away (EPIPE: `csp status | head`) is not
 * told about it again; anything else is said on standard error.
 */
function withOutputCheck(code: number): number {
  const lost = outputLost();
  if (lost === undefined) return code;
  if (lost !== 'EPIPE') {
    writeTo(2, `csp: error: cannot write to standard output (${lost}${lost === 'EBADF' ? ': it is closed' : ''}); the output is incomplete\n`);
    writeTo(2, '  help: send the output to a file or a pipe that can take it\n');
  }
  return code === EXIT.ok ? EXIT.environment : code;
}

/** What an operating-system error means, in words, and what to do about it. */
const ERRNO_HELP: Record<string, [string, string]> = {
  ENOSPC: ['the disk is full', 'free some space, then run the command again'],
  EDQUOT: ['the disk quota is used up', 'free some space, then run the command again'],
  EACCES: ['permission denied', 'check the permissions of the files and folders involved'],
  EPERM: ['operation not permitted', 'check the permissions of the files and folders involved'],
  EROFS: ['the file system is read-only', 'run the command where files can be written'],
  ENOENT: ['a file or folder does not exist', 'check the paths given to the command'],
  ENOTDIR: ['a part of a path is not a folder', 'check the paths given to the command'],
  EISDIR: ['a folder is where a file was expected', 'check the paths given to the command'],
  ENAMETOOLONG: ['a file name is too long', 'use a shorter path'],
  ELOOP: ['too many symbolic links', 'check the paths given to the command'],
  EMFILE: ['too many open files', 'raise the limit (ulimit -n) or close other programs'],
  ENFILE: ['too many open files on the system', 'close other programs, then run the command again'],
  EIO: ['an input/output error', 'check the disk'],
  ENOMEM: ['out of memory', 'close other programs, then run the command again'],
};

function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" only to commander.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  // Messages can quote file names, folder names and option values: shown escaped.
  if (err instanceof CspError) {
    writeTo(2, `csp: error: ${termSafeLine(err.message)}\n`);
    if (err.hint) writeTo(2, `  help: ${termSafeLine(err.hint)}\n`);
    if (debug && err.stack) writeTo(2, `${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)) {
    // Node's message starts with the code ("ENOSPC: no space left on device, write"): said once.
    const detail = String(e.message ?? '').replace(new RegExp(`^${e.code}:\\s*`), '');
    const [what, hint] = ERRNO_HELP[e.code] ?? [detail || 'the operating system refused', 'check the files and folders involved, then run the command again'];
    writeTo(2, `csp: error: ${termSafeLine(what)} (${e.code}${detail && detail !== what ? `: ${termSafeLine(detail)}` : ''})\n  help: ${hint}\n`);
    if (debug && e.stack) writeTo(2, `${e.stack}\n`);
    return EXIT.environment;
  }
  writeTo(2, `csp: internal error: ${termSafeLine(e?.message ?? String(err))}\n  help: this is a bug in csp; run again with --debug and report what it prints\n`);
  if (debug && e?.stack) writeTo(2, `${e.stack}\n`);
  return EXIT.internal;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    writeTo(2, `csp: internal error: ${termSafeLine(String(err))}\n`);
    process.exitCode = EXIT.internal;
  },
);
