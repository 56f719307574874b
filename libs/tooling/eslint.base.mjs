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

/**
 * Files that hold a service's pure domain logic: deciders, events, commands, projections, report
 * calculations (`*.report.ts`: rows in, figures out) and anything under a `domain/` folder.
 */
export const domainFiles = [
  'services/*/src/**/*.decider.ts',
  'services/*/src/**/*.events.ts',
  'services/*/src/**/*.commands.ts',
  'services/*/src/**/*.projection.ts',
  'services/*/src/**/*.report.ts',
  'services/*/src/**/*.workflow.ts',
  'services/*/src/**/domain/**/*.ts',
];

/** The domain libs (tag `type:domain`): pure, like the domain files above. */
export const domainLibFiles = ['libs/domain/src/**/*.ts', 'libs/calendar/src/**/*.ts'];

/** Tests and their helpers: the only places outside test projects that may use the test libs. */
export const testFiles = ['**/*.spec.ts', '**/test-support/**/*.ts'];

const PURE_DOMAIN_MESSAGE = 'domain code is pure: no Nest, TypeORM or kafkajs (nor pg). Keep I/O in controllers, modules and adapters.';
const DOMAIN_LIBS_MESSAGE =
  'domain code depends on domain libs only (@sagsspor/domain, @sagsspor/calendar) and on @sagsspor/contracts; event-store, platform, messaging, child-identity and the other infrastructure libs are for controllers, modules and adapters.';
const DOMAIN_LIB_MESSAGE = 'a domain lib depends on domain libs only (@sagsspor/domain, @sagsspor/calendar): no infrastructure, no contracts.';
const CONTRACTS_MESSAGE = 'contracts are plain definitions every side can read: nothing from Nest, TypeORM, kafkajs or pg.';

/** Infrastructure packages: never in domain code, domain libs or contracts. */
const INFRASTRUCTURE_PACKAGES = ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'kafkajs/*', 'pg', 'pg/*'];

/**
 * What each project tag may depend on, in production code (ADR 0092):
 * - `type:domain` (domain, calendar): domain libs only.
 * - `type:contracts` (contracts): domain libs only (and no Nest, TypeORM, kafkajs or pg: see below).
 * - `type:infra` (event-store, messaging, child-identity, auth, platform, reference-data).
 * - `type:service` (the four services): domain, contracts and infrastructure; never another
 *   service, a test lib or demo data.
 * - `type:test` (testing, service-testing) and `type:demo` (demo-data) build on production libs;
 *   no production project may depend on them.
 * - `type:tooling` (tooling, api-docs, deploy-checks) reads the services and libs to check or
 *   document them; nothing depends on it.
 * - `type:e2e` (e2e) drives everything from outside; nothing depends on it.
 */
export const productionDepConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:test'] },
  { sourceTag: 'type:demo', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:demo'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:service', 'type:tooling'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:service', 'type:test', 'type:demo'] },
];

/** In `testFiles` every project may also use the test libs (`type:test`); nothing else changes. */
export const testDepConstraints = productionDepConstraints.map(({ sourceTag, onlyDependOnLibsWithTags }) => ({
  sourceTag,
  onlyDependOnLibsWithTags: onlyDependOnLibsWithTags.includes('type:test') ? onlyDependOnLibsWithTags : [...onlyDependOnLibsWithTags, 'type:test'],
}));

const moduleBoundaries = (depConstraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    // Every project's eslint.config.mjs re-exports this file by relative path (there is no
    // root config to import from); that one import string is not a code dependency.
    allow: ['../../libs/tooling/eslint.base.mjs'],
    depConstraints,
  },
];

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
      '@nx/enforce-module-boundaries': moduleBoundaries(productionDepConstraints),
    },
  },
  {
    name: 'sagsspor/test-boundaries',
    basePath: workspaceRoot,
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(testDepConstraints),
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
            { group: INFRASTRUCTURE_PACKAGES, message: PURE_DOMAIN_MESSAGE },
            { group: ['@sagsspor/*', '!@sagsspor/domain', '!@sagsspor/calendar', '!@sagsspor/contracts'], message: DOMAIN_LIBS_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    name: 'sagsspor/domain-libs',
    basePath: workspaceRoot,
    files: domainLibFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: INFRASTRUCTURE_PACKAGES, message: PURE_DOMAIN_MESSAGE },
            { group: ['@sagsspor/*', '!@sagsspor/domain', '!@sagsspor/calendar'], message: DOMAIN_LIB_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    name: 'sagsspor/contracts',
    basePath: workspaceRoot,
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: INFRASTRUCTURE_PACKAGES, message: CONTRACTS_MESSAGE }] }],
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
