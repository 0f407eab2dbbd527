// One lint config for the whole repository. The pure core (src/core) may not import
// the server, the database, the readers/writers or Node built-ins: it must run in a browser too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'bench/out/', 'docs/', '.tmp/', 'dist/', 'dist.building-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'],
              message: '纯核心不得依赖 Node 内置模块',
            },
            {
              group: ['**/server/**', '**/db/**', '**/readers/**', '**/writers/**', '**/cli/**'],
              message: '纯核心不得依赖外层模块',
            },
          ],
        },
      ],
    },
  },
  {
    // Use-cases never see HTTP or argv; repositories never reach up into use-cases or edges.
    files: ['src/use-cases/**/*.ts', 'src/db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/cli/**', 'hono', 'hono/*'], message: '用例与仓储不得依赖 HTTP 或命令行层' },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
