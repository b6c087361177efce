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
