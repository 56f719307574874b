// Shared ESLint flat config for every Nx project in the workspace.
//
// The repository root is fixed (no root eslint.config), and ESLint looks a file's config up
// from the file's own directory, so each project root has a one-line `eslint.config.mjs`
// that re-exports this array. Config objects in a project-level config normally match
// `files` relative to that project; the objects below that name workspace paths set
// `basePath: workspaceRoot` so the globs read the same from every project.
//
// Non-type-aware on purpose (no parserOptions.project): linting stays fast and needs no build.
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin/nx';

export const workspaceRoot = path.resolve(import.meta.dirname, '../..');

/** Files that hold a service's pure domain logic: deciders, events, commands, projections, `domain/`. */
export const domainFiles = [
  'services/*/src/**/*.decider.ts',
  'services/*/src/**/*.events.ts',
  'services/*/src/**/*.commands.ts',
  'services/*/src/**/*.projection.ts',
  'services/*/src/**/domain/**/*.ts',
];

const PURE_DOMAIN_MESSAGE = 'domain code is pure: no Nest, TypeORM or kafkajs (nor pg). Keep I/O in controllers, modules and adapters.';

export const baseConfig = defineConfig(
  {
    name: 'sagsspor/ignores',
    ignores: ['**/dist/**', '**/node_modules/**', '**/*.cjs', '**/coverage/**', '**/.nx/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'sagsspor/rules',
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // Every project's eslint.config.mjs re-exports this file by relative path (there is no
          // root config to import from); that one import string is not a code dependency.
          allow: ['../../libs/tooling/eslint.base.mjs'],
          // Test-only cycle: @sagsspor/testing builds on event-store (deciderSpec uses Decider,
          // DomainError, foldEvents) and event-store's own int spec uses @sagsspor/testing's
          // migratedTestDataSource. Only this pair is exempt; any other cycle is still an error.
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // End-to-end test projects drive the services from outside; nothing may depend on them.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] },
          ],
        },
      ],
    },
  },
  {
    name: 'sagsspor/domain-purity',
    basePath: workspaceRoot,
    files: domainFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'kafkajs/*', 'pg', 'pg/*'],
              message: PURE_DOMAIN_MESSAGE,
            },
          ],
        },
      ],
    },
  },
  {
    // TypeORM types migration and entity classes as `Function` (DataSourceOptions.migrations is
    // `MixedList<Function | string>`); the platform/testing helpers that pass those lists through
    // mirror that type. Allowed only in these files.
    name: 'sagsspor/typeorm-class-lists',
    basePath: workspaceRoot,
    files: ['libs/platform/src/database.ts', 'libs/platform/src/service-infrastructure.module.ts', 'libs/testing/src/databases.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
);

export default baseConfig;
