/**
 * Import boundaries (npm run lint): data flows one way, files → core → app → cli, and
 * render formats what it is given. Type-only imports count too.
 */
const layer = (from, to, comment) => ({ name: `${from}-not-to-${to.join('-')}`, comment, severity: 'error', from: { path: `^src/${from}/` }, to: { path: `^src/(${to.join('|')})/` } });

module.exports = {
  forbidden: [
    layer('core', ['app', 'io', 'render', 'cli'], 'core is pure: parse, validate, model, queries; it imports nothing from the layers around it'),
    layer('render', ['io', 'app', 'cli'], 'render formats data it is given and computes nothing: no disk, no use cases, no commands'),
    layer('io', ['render', 'cli', 'app'], 'io reads and writes; it neither formats nor knows the commands'),
    layer('app', ['cli'], 'app holds the use cases commands call; it knows no command'),
    {
      name: 'commands-not-to-disk',
      comment:
        'a command turns arguments into a call to a use case (src/app/) and prints the answer: reading and writing plan, review, ' +
        'schema and report files, git state and the PDF printer are the use cases\' (only the completion values stay in io)',
      severity: 'error',
      from: { path: '^src/cli/commands/' },
      to: { path: '^src/io/(write[^/]*|files|git|git-state|plan-revision|review-files|review-check|pdf|load-plan|load-revision|plan-change|plan-files|links)\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that leads nowhere',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
