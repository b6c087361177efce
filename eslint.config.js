// ESLint (flat config): ESLint's and typescript-eslint's recommended rules. Not type-aware: that
// costs three times the time (36 s of CPU against 12 s on this tree) for what tsc mostly catches. Run by `npm run lint`
// with --max-warnings 0; import boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'test/fixtures/', '.csp-cache/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    rules: {
      // tsc reports unused locals and parameters (noUnusedLocals, noUnusedParameters): one tool for it.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    // Nothing below the entry reads the process's environment, folder or streams: they come from the Host
    // (src/cli/host.ts), so that tests run csp in-process with their own. process.pid, platform, kill, on(signal)
    // and getBuiltinModule stay allowed.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/process-host.ts', 'src/cli/entry.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['env', 'stdout', 'stdin', 'stderr', 'cwd', 'chdir'].map((property) => ({
          object: 'process',
          property,
          message: 'take it from the Host (ctx.env, ctx.cwd, ctx.out/err, ctx.host.stdin): only src/cli/process-host.ts reads process',
        })),
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    // Expected YAML is written as it reads, indentation included.
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      // csp's sanitiser, width measure and tests match control characters on purpose.
      'no-control-regex': 'off',
      // A variable read by a closure before it is assigned (core/parse.ts) stays a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
);
