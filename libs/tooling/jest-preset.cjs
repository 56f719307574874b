// Shared Jest settings for every project. The test tier is chosen by file name
// (`*.unit.spec.ts`, `*.int.spec.ts`, `*.e2e.spec.ts`) through --testPathPatterns in nx.json.
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '../..');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @returns {import('jest').Config} */
module.exports = function jestConfig(projectDir, overrides = {}) {
  return {
    displayName: path.relative(workspaceRoot, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    transform: { '^.+\\.(t|j|mj|cj)s$': swc },
    // Nest 12 ships ES modules; Jest's CommonJS runtime needs them compiled.
    transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
    moduleNameMapper: {
      '^@sagsspor/([^/]+)$': `${workspaceRoot}/libs/$1/src/index.ts`,
    },
    testTimeout: 60_000,
    ...overrides,
  };
};
