import { SCALES } from '../../core/scales.js';
import { REPORT_LANGS } from '../../core/vocabulary.js';
import type { CommandSpec } from '../command.js';

export const report: CommandSpec = {
  order: 80,
  name: 'report',
  description: 'the brief circulated before each Strategic Dialogue, as markdown or printable HTML',
  options: [
    {
      flags: '--format <format>',
      description: 'md (for GitHub and e-mail), html (one self-contained file to print), or pdf (printed by Chromium, Chrome or Edge if installed)',
      choices: ['md', 'html', 'pdf'],
      default: 'md',
    },
    {
      flags: '-o, --output <file>',
      description: 'write the report to this file (or into this folder) instead of standard output; a markdown report gets its charts as SVG files beside it',
    },
    { flags: '--stale <days>', description: 'call initiatives stale after this many days without a note (default 180)' },
    { flags: '--notes <n>', description: "how many of each initiative's latest notes to quote (default 3)" },
    { flags: '--review <name>', description: "the report for this review: the plan as of the review's date, titled after it" },
    { flags: '--since <name>', description: 'the changes section starts from this review, date or git revision (default: the latest earlier review)' },
    { flags: '--lang <lang>', description: 'language of headings and labels; plan text where translated', choices: REPORT_LANGS, default: 'en' },
    { flags: '--scale <scale>', description: 'show statuses as csp statuses, OGP completion levels or compliance scores', choices: SCALES, default: 'status' },
    { flags: '--paper <size>', description: "HTML: print on this paper size (default: the browser's)", choices: ['a4', 'letter'] },
    { flags: '--mermaid', description: 'markdown: add a mermaid pie chart (GitHub and GitLab draw it)' },
  ],
  examples: [
    'csp report > report.md',
    'csp report --format html --paper a4 -o brief.html   # then print to PDF from the browser',
    'csp report -o reports/                               # reports/report.md and its charts',
    'csp report --format pdf --paper letter -o brief.pdf   # needs Chromium, Chrome or Edge',
    'csp report --as-of 2025-06-30 -o docs/report-2025.md',
    'csp report --review dialogue-2025 --since adoption -o docs/report-2025.md',
    'csp report --lang fr -o rapport.md',
    'csp report --lang ko --scale ogp',
  ],
  load: () => import('./report.js').then((m) => m.run),
};
