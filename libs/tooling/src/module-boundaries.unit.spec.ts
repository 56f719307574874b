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

  it.each(['services/reporting/src/main.ts', 'libs/platform/src/index.ts', 'libs/tooling/src/module-boundaries.unit.spec.ts'])(
    'applies the service/lib tag constraints to %s',
    async (file) => {
      const [severity, options] = await ask<[number, { depConstraints: unknown }]>({
        op: 'rule',
        filePath: path.join(workspaceRoot, file),
        ruleId: BOUNDARIES,
      });

      expect(severity).toBe(2);
      expect(options.depConstraints).toEqual([
        { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] },
      ]);
    },
  );
});

describe('domain purity (no-restricted-imports)', () => {
  it.each([
    ['services/referrals/src/underretning/underretning.decider.ts', "import { Injectable } from '@nestjs/common';"],
    ['services/reporting/src/activity/activity.projection.ts', "import { Repository } from 'typeorm';"],
    ['services/reporting/src/activity/activity.projection.ts', "import { Kafka } from 'kafkajs';"],
    ['services/referrals/src/referral/referral.events.ts', "import { ApiProperty } from '@nestjs/swagger';"],
    ['services/case-lifecycle/src/case/case.commands.ts', "import { Pool } from 'pg';"],
    ['services/sector-coordination/src/examination/domain/slots.ts', "import type { EntityManager } from 'typeorm';"],
  ])('rejects infrastructure in %s: %s', async (file, importLine) => {
    const messages = await lint(file, `${importLine}\nexport {};\n`);

    expect(errorsOf(messages, RESTRICTED)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('domain code is pure: no Nest, TypeORM or kafkajs') }),
    ]);
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
