/**
 * Proves the shared lint rules (libs/tooling/eslint.base.mjs) bite. Snippets are linted through
 * ESLint's Node API (`new ESLint({ cwd: workspaceRoot })`, `lintText(code, { filePath })`) exactly
 * as `nx run <project>:lint` lints files: the config is looked up from the (virtual) file's own
 * project directory, and `@nx/enforce-module-boundaries` reads the Nx project graph.
 *
 * Two things stand in the way inside Jest, and are handled here rather than by weakening the test:
 *  - ESLint loads each `eslint.config.mjs` with a native `import()`. Jest's VM sandbox refuses
 *    dynamic imports unless Node runs with --experimental-vm-modules ("A dynamic import callback
 *    was invoked without --experimental-vm-modules"), and Jest 30 routes `createRequire` and
 *    `process.getBuiltinModule` back into its sandbox. So ESLint runs in a worker thread: a plain
 *    Node environment with the native ESM loader, driven from the test by messages.
 *  - `@nx/enforce-module-boundaries` only reads the *cached* project graph and silently skips itself
 *    ("No cached ProjectGraph is available. The rule will be skipped.") when there is none, e.g. in a
 *    fresh clone. The worker first builds and caches the graph (createProjectGraphAsync, no daemon).
 *    The suite also asserts the graph holds the projects, and the boundary tests assert errors,
 *    so a skipped rule fails the suite instead of passing it.
 *
 * What is proved (ADR 0092): the project tags' dependency rules (domain libs on domain libs only,
 * contracts on domain libs only, no production project on a test or demo lib while spec files and
 * test-support folders may use the test libs), domain purity in services' domain files and in the
 * domain libs, and no Nest, TypeORM, kafkajs or pg in contracts.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const workspaceRoot = path.resolve(__dirname, '../../..');

const BOUNDARIES = '@nx/enforce-module-boundaries';
const RESTRICTED = 'no-restricted-imports';

type LintMessage = { ruleId: string | null; severity: number; message: string };
type Request = { op: 'projects' } | { op: 'lint'; code: string; filePath: string } | { op: 'rule'; filePath: string; ruleId: string };

// Runs in the worker (plain CommonJS, not transformed by Jest).
const LINT_WORKER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const load = createRequire(require('node:path').join(workerData.workspaceRoot, 'package.json'));
process.env.NX_DAEMON = 'false';

const ready = (async () => {
  const graph = await load('@nx/devkit').createProjectGraphAsync({ exitOnError: false });
  const { ESLint } = load('eslint');
  return { graph, eslint: new ESLint({ cwd: workerData.workspaceRoot }) };
})();

parentPort.on('message', async ({ id, request }) => {
  try {
    const { graph, eslint } = await ready;
    let result;
    if (request.op === 'projects') {
      result = Object.keys(graph.nodes);
    } else if (request.op === 'lint') {
      const [linted] = await eslint.lintText(request.code, { filePath: request.filePath });
      result = {
        filePath: linted.filePath,
        messages: linted.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })),
      };
    } else if (request.op === 'rule') {
      result = (await eslint.calculateConfigForFile(request.filePath)).rules[request.ruleId];
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: (error && error.stack) || String(error) });
  }
});
`;

let worker: Worker;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function ask<T>(request: Request): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker.postMessage({ id, request });
  });
}

async function lint(relativeFilePath: string, code: string): Promise<LintMessage[]> {
  const filePath = path.join(workspaceRoot, relativeFilePath);
  const result = await ask<{ filePath: string; messages: LintMessage[] }>({ op: 'lint', code, filePath });
  expect(result.filePath).toBe(filePath);
  return result.messages;
}

const errorsOf = (messages: LintMessage[], ruleId: string) => messages.filter((m) => m.ruleId === ruleId && m.severity === 2);

beforeAll(async () => {
  worker = new Worker(LINT_WORKER, { eval: true, workerData: { workspaceRoot } });
  worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error) call?.reject(new Error(error));
    else call?.resolve(result);
  });
  worker.on('error', (error) => pending.forEach((call) => call.reject(error)));

  const projects = await ask<string[]>({ op: 'projects' });
  expect(projects).toEqual(expect.arrayContaining(['referrals', 'case-lifecycle', 'reporting', 'event-store', 'platform', 'tooling']));
});

afterAll(async () => {
  await worker?.terminate();
});

describe('@nx/enforce-module-boundaries', () => {
  it('rejects a service importing another service by relative path', async () => {
    const messages = await lint('services/referrals/src/foo.ts', "import { x } from '../../case-lifecycle/src/case/case.decider';\nexport const y = x;\n");

    expect(errorsOf(messages, BOUNDARIES)).toEqual([expect.objectContaining({ message: expect.stringMatching(/relative or absolute path/) })]);
  });

  it('rejects a service importing another service by package name', async () => {
    const messages = await lint('services/referrals/src/foo.ts', "import { x } from '@sagsspor/case-lifecycle-service';\nexport const y = x;\n");

    expect(errorsOf(messages, BOUNDARIES)).toHaveLength(1);
  });

  it('lets a service import a lib by its package name', async () => {
    const messages = await lint(
      'services/referrals/src/foo.ts',
      "import { PostgresEventStore } from '@sagsspor/event-store';\nexport const store = PostgresEventStore;\n",
    );

    expect(messages.filter((m) => m.ruleId === BOUNDARIES)).toEqual([]);
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });

  it('lets a decider import the domain kernel', async () => {
    const messages = await lint(
      'services/referrals/src/referral/referral.decider.ts',
      "import { type Decider, DomainError } from '@sagsspor/domain';\nimport { addDays } from '@sagsspor/calendar';\nimport type { HouseCode } from '@sagsspor/contracts';\nexport type D = Decider<HouseCode, never, never>;\nexport const y = [DomainError, addDays];\n",
    );

    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });

  describe('production code never depends on test or demo libs', () => {
    it.each([
      ['services/referrals/src/foo.ts', '@sagsspor/testing'],
      ['services/case-lifecycle/src/case/case.http.controller.ts', '@sagsspor/service-testing'],
      ['services/reporting/src/foo.ts', '@sagsspor/demo-data'],
      ['libs/platform/src/foo.ts', '@sagsspor/testing'],
      ['libs/messaging/src/foo.ts', '@sagsspor/demo-data'],
    ])('rejects %s importing %s', async (file, lib) => {
      const messages = await lint(file, `import * as lib from '${lib}';\nexport const y = lib;\n`);

      expect(errorsOf(messages, BOUNDARIES)).toEqual([expect.objectContaining({ message: expect.stringMatching(/can only depend on libs tagged with/) })]);
    });

    it.each([
      'services/referrals/src/foo.unit.spec.ts',
      'services/referrals/src/referral/referral.int.spec.ts',
      'services/referrals/src/test-support/foo.ts',
      'libs/platform/src/foo.int.spec.ts',
    ])('lets the test file %s import @sagsspor/testing', async (file) => {
      const messages = await lint(file, "import { authHeaders } from '@sagsspor/testing';\nexport const y = authHeaders;\n");

      expect(messages.filter((m) => m.ruleId === BOUNDARIES)).toEqual([]);
    });

    it('still rejects demo data in a service test', async () => {
      const messages = await lint('services/reporting/src/foo.int.spec.ts', "import * as lib from '@sagsspor/demo-data';\nexport const y = lib;\n");

      expect(errorsOf(messages, BOUNDARIES)).toHaveLength(1);
    });
  });

  describe('libs depend on the layers below them only', () => {
    it.each([
      // Chosen so that no import closes a cycle: Nx reports a cycle instead of the tags.
      ['libs/domain/src/foo.ts', '@sagsspor/reference-data'], // (not auth, which depends on domain now: a cycle)
      ['libs/domain/src/foo.ts', '@sagsspor/contracts'],
      ['libs/calendar/src/foo.ts', '@sagsspor/reference-data'],
      ['libs/contracts/src/foo.ts', '@sagsspor/reference-data'],
    ])('%s may not import %s', async (file, lib) => {
      const messages = await lint(file, `import * as lib from '${lib}';\nexport const y = lib;\n`);

      expect(errorsOf(messages, BOUNDARIES)).toEqual([expect.objectContaining({ message: expect.stringMatching(/can only depend on libs tagged with/) })]);
    });

    it.each([
      ['libs/domain/src/foo.ts', '@sagsspor/calendar'],
      ['libs/contracts/src/foo.ts', '@sagsspor/domain'],
      ['libs/event-store/src/foo.ts', '@sagsspor/domain'],
      ['libs/platform/src/foo.ts', '@sagsspor/event-store'],
    ])('%s may import %s', async (file, lib) => {
      const messages = await lint(file, `import * as lib from '${lib}';\nexport const y = lib;\n`);

      expect(messages.filter((m) => m.ruleId === BOUNDARIES)).toEqual([]);
    });
  });

  const production = [
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
    { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
    { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
    { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:test'] },
    { sourceTag: 'type:demo', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:demo'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:service', 'type:tooling'] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:service', 'type:test', 'type:demo'] },
  ];
  const withTestLibs = production.map(({ sourceTag, onlyDependOnLibsWithTags }) => ({
    sourceTag,
    onlyDependOnLibsWithTags: onlyDependOnLibsWithTags.includes('type:test') ? onlyDependOnLibsWithTags : [...onlyDependOnLibsWithTags, 'type:test'],
  }));

  it.each([
    ['services/reporting/src/main.ts', production],
    ['libs/platform/src/index.ts', production],
    ['libs/domain/src/index.ts', production],
    ['libs/tooling/src/module-boundaries.unit.spec.ts', withTestLibs],
    ['services/referrals/src/test-support/referrals-under-test.ts', withTestLibs],
  ])('applies the tag constraints to %s', async (file, expected) => {
    const [severity, options] = await ask<[number, { depConstraints: unknown }]>({
      op: 'rule',
      filePath: path.join(workspaceRoot, file),
      ruleId: BOUNDARIES,
    });

    expect(severity).toBe(2);
    expect(options.depConstraints).toEqual(expected);
  });
});

describe('domain purity (no-restricted-imports)', () => {
  it.each([
    ['services/referrals/src/underretning/underretning.decider.ts', "import { Injectable } from '@nestjs/common';"],
    ['services/reporting/src/activity/activity.projection.ts', "import { Repository } from 'typeorm';"],
    ['services/reporting/src/activity/activity.projection.ts', "import { Kafka } from 'kafkajs';"],
    ['services/referrals/src/referral/referral.events.ts', "import { ApiProperty } from '@nestjs/swagger';"],
    ['services/case-lifecycle/src/case/case.commands.ts', "import { Pool } from 'pg';"],
    ['services/sector-coordination/src/examination/domain/slots.ts', "import type { EntityManager } from 'typeorm';"],
    ['services/reporting/src/money/domain/forecast.ts', "import { DataSource } from 'typeorm';"],
    ['services/reporting/src/usage/usage.report.ts', "import { Injectable } from '@nestjs/common';"],
    ['libs/domain/src/decider.ts', "import { DataSource } from 'typeorm';"],
    ['libs/calendar/src/index.ts', "import { Kafka } from 'kafkajs';"],
  ])('rejects infrastructure in %s: %s', async (file, importLine) => {
    const messages = await lint(file, `${importLine}\nexport {};\n`);

    expect(errorsOf(messages, RESTRICTED)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('domain code is pure: no Nest, TypeORM or kafkajs') }),
    ]);
  });

  it.each([
    ['services/referrals/src/referral/referral.decider.ts', "import { PostgresEventStore } from '@sagsspor/event-store';"],
    ['services/referrals/src/referral/referral.decider.ts', "import { DomainError } from '@sagsspor/platform';"],
    ['services/sector-coordination/src/video-interview/video-interview.commands.ts', "import type { ChildRegistry } from '@sagsspor/child-identity';"],
    ['services/reporting/src/usage/domain/suppression.ts', "import { Relay } from '@sagsspor/messaging';"],
  ])('rejects an infrastructure lib in %s: %s', async (file, importLine) => {
    const messages = await lint(file, `${importLine}\nexport {};\n`);

    expect(errorsOf(messages, RESTRICTED)).toEqual([expect.objectContaining({ message: expect.stringContaining('domain code depends on domain libs only') })]);
  });

  it.each([
    ["import { Injectable } from '@nestjs/common';"],
    ["import { Entity } from 'typeorm';"],
    ["import type { Producer } from 'kafkajs';"],
    ["import { Pool } from 'pg';"],
  ])('rejects infrastructure in contracts: %s', async (importLine) => {
    const messages = await lint('libs/contracts/src/events/referrals.events.ts', `${importLine}\nexport {};\n`);

    expect(errorsOf(messages, RESTRICTED)).toEqual([expect.objectContaining({ message: expect.stringContaining('contracts are plain definitions') })]);
  });

  it('allows Nest in adapters such as an HTTP controller', async () => {
    const messages = await lint(
      'services/referrals/src/underretning/underretning.http.controller.ts',
      "import { Injectable } from '@nestjs/common';\nexport const y = Injectable;\n",
    );

    expect(messages.filter((m) => m.ruleId === RESTRICTED)).toEqual([]);
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });

  it('does not apply to libs', async () => {
    const messages = await lint('libs/event-store/src/foo.decider.ts', "import { DataSource } from 'typeorm';\nexport const y = DataSource;\n");

    expect(messages.filter((m) => m.ruleId === RESTRICTED)).toEqual([]);
  });
});
