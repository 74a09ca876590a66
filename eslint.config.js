// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Engine and model stay plain, deterministic TypeScript: no UI, no clocks, no randomness. */
const pureRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [
            'react',
            'react-dom',
            'react/*',
            '@xyflow/*',
            'zustand',
            'zustand/*',
            'zundo',
            '@codemirror/*',
          ],
          message: 'engine and model are UI-free',
        },
        {
          group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**'],
          message: 'imports flow ui → store → worker → engine → model',
        },
        {
          group: ['node:*', 'fs', 'path', 'process'],
          message: 'engine and model run in the browser too',
        },
      ],
    },
  ],
  'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'deterministic: take a seed' },
    { object: 'Date', property: 'now', message: 'deterministic: no clocks in the engine' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cli',
      'node_modules',
      'test-results',
      'playwright-report',
      'bin',
      'scripts',
      '.ci',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/model/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: pureRestrictions,
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
