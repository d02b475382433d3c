/**
 * The ESLint flat config shared by the Halway repository.
 *
 * typescript-eslint needs the TypeScript compiler's JavaScript API, which TypeScript 7 (the
 * native compiler the repository builds with) does not offer. This package therefore pins
 * TypeScript 5.9 for the linter alone; `tsc -b` keeps using TypeScript 7.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Builds the config for a repository rooted at `rootDir`. */
export function halwayEslintConfig(rootDir) {
  return tseslint.config(
    {
      ignores: [
        '**/node_modules/**',
        '**/dist/**',
        '**/*.d.ts',
        'packages/explorer/static/**',
        'test-results/**',
        'docs/api/**',
        'dist-packages/**',
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node, ...globals.browser },
        parserOptions: {
          projectService: {
            allowDefaultProject: [
              '*.js',
              'packages/*/*.js',
              'packages/*/scripts/*.js',
              'scripts/*.js',
              'test/support/*.cjs',
            ],
          },
          tsconfigRootDir: rootDir,
        },
      },
      rules: {
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
        ],
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/require-await': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/unbound-method': 'off',
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['**/packages/*/src/**', '../../*/src/**'],
                message: 'Import another package by its name, never its src/.',
              },
            ],
          },
        ],
      },
    },
    {
      files: ['**/*.cjs'],
      languageOptions: { sourceType: 'commonjs' },
      rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
    {
      files: ['test/**/*.ts'],
      rules: {
        '@typescript-eslint/no-unused-expressions': 'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
      },
    },
  );
}
