import { CADENCES } from '../../core/vocabulary.js';
import type { CommandSpec } from '../command.js';

export const init: CommandSpec = {
  order: 120,
  name: 'init',
  description: 'start a new, valid plan repository for a partnership: plan/plan.yaml, schema/, editor settings, README',
  arguments: [{ name: '[dir]', description: 'the folder to start it in (default: the current folder)' }],
  options: [
    { flags: '--title <text>', description: 'title of the action plan' },
    { flags: '--partnership <text>', description: 'name of the partnership' },
    { flags: '--party <id:name>', description: 'a party, e.g. ca:Canada (repeat for each party)', repeatable: true },
    { flags: '--adopted <date>', description: 'the day the plan was adopted, YYYY-MM-DD (default: today)' },
    { flags: '--review-cadence <cadence>', description: 'how often implementation is reviewed', choices: CADENCES, default: 'annual' },
    { flags: '--review-body <text>', description: 'who reviews implementation, e.g. "annual Strategic Dialogue"' },
  ],
  examples: [
    'csp init my-plan --party ca:Canada --party kr:"Republic of Korea"',
    'csp init . --title "Action Plan" --partnership "Canada-Korea CSP" --adopted 2024-07-18',
    'csp init my-plan && csp --plan my-plan/plan import action-plan.txt',
  ],
  load: () => import('./init.js').then((m) => m.run),
};
