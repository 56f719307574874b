import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role, TenantField } from '@sagsspor/auth';
import type { ServiceDefinition } from '@sagsspor/platform';
import { authHeaders, workspaceRoot } from '@sagsspor/testing';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { matrixTenants, type Route, routeTable } from './route-table';
import { type ServiceUnderTest, startServiceUnderTest } from './service-under-test';

// Property-based fuzzing of a service's public write endpoints (docs/reliability.md): for every
// POST and PUT in the service's route table, random and malformed payloads (wrong types, missing
// fields, huge strings, unicode, nested junk, valid-looking values around the edges) never give a
// 5xx, and never leave a partial write: what the service stores changes only on a 2xx answer.

/** One request body as the fuzzer sends it: JSON of a value, or raw text (malformed JSON, CSV). */
export type FuzzBody = { json: unknown } | { raw: string };

type Schema = { $ref?: string; type?: string; example?: unknown; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema; required?: string[] };

/** A valid-looking body for a request schema of the service's OpenAPI document: each field's example (else its first enum value, else a value of its type). */
export function sampleOf(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): unknown {
  if (!schema || depth > 5) return undefined;
  if (schema.$ref) return sampleOf(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'array') return [sampleOf(schema.items, components, depth + 1)];
  if (schema.type === 'object' || schema.properties) return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, components, depth + 1)]));
  return { string: 'x', integer: 1, number: 1, boolean: false }[schema.type ?? 'string'];
}

/** Values around the edges of what a field takes: empty, huge, odd unicode, the wrong type, impossible and extreme dates and numbers, nested junk. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    '',
    ' ',
    '\u0000',
    '\u202e\u0301',
    '🙂'.repeat(40),
    '2025-02-29',
    '2024-02-29',
    '2025-13-01',
    '0000-01-01',
    '9999-12-31',
    '1970-01-01',
    '2025-03-04T25:61:00Z',
    '310218-4001',
    '000000-0000',
    "'; DROP TABLE events; --",
    '../../etc/passwd',
    '%00',
    -1,
    0,
    2 ** 31,
    2 ** 53 + 1,
    -1e308,
    1e308,
    true,
    [],
    {},
    [[[[[[]]]]]],
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'Æ'.repeat(n)),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
);

/**
 * Bodies for an endpoint, from its valid-looking sample: the sample with some fields changed to junk,
 * dropped, or joined by unknown ones; any JSON value; malformed JSON text.
 */
export function bodyArbitrary(sample: unknown): fc.Arbitrary<FuzzBody> {
  const mutated: fc.Arbitrary<unknown> =
    sample !== null && typeof sample === 'object' && !Array.isArray(sample)
      ? fc
          .record({
            changes: fc.dictionary(fc.constantFrom(...Object.keys(sample as object), 'unknownField', '__proto__', 'constructor'), junkValue, { maxKeys: 3 }),
            dropped: fc.subarray(Object.keys(sample as object), { maxLength: Math.min(2, Object.keys(sample as object).length) }),
          })
          .map(({ changes, dropped }) => {
            const body: Record<string, unknown> = { ...(sample as object) };
            for (const k of dropped) delete body[k];
            for (const [k, v] of Object.entries(changes)) Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
            return body;
          })
      : Array.isArray(sample)
        ? fc.array(fc.oneof(fc.constant(sample[0]), junkValue), { maxLength: 5 })
        : junkValue;
  const raw = fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '"just a string"', '{"a":1}{"b":2}', '\uFEFF{}', '{"a": NaN}'),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    typeof sample === 'string' ? fc.tuple(fc.nat(sample.length), fc.string({ unit: 'grapheme', maxLength: 50 })).map(([at, junk]) => sample.slice(0, at) + junk + sample.slice(at)) : fc.constant('x'),
  );
  return fc.oneof(
    { weight: 6, arbitrary: mutated.map((json) => ({ json })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })) },
    { weight: 2, arbitrary: raw.map((text) => ({ raw: text })) },
  );
}

/** A path parameter: a valid-looking id (a uuid for case ids), or junk. */
export function pathParamArbitrary(name: string, validValue?: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: validValue ? fc.constant(validValue) : /case/i.test(name) && /id$/i.test(name) ? fc.uuid() : fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,30}$/) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '99999999999999999999', '..', '%', 'ÆØÅ', 'x'.repeat(5000), '00000000-0000-0000-0000-000000000000') },
  );
}

export interface FuzzTarget {
  route: Route;
  contentType: string;
  sample: unknown;
  /** The roles that pass the route's guard, each with the tenant its token carries. */
  callers: { role: Role; tenant: { municipality?: string; house?: string }; field?: TenantField }[];
}

/** Every POST and PUT of a running service, with a valid-looking sample body from its OpenAPI document (docs/openapi/<service>.json). */
export function fuzzTargets(app: ServiceUnderTest['app'], serviceName: string): FuzzTarget[] {
  const openapi = JSON.parse(readFileSync(path.join(workspaceRoot, 'docs/openapi', `${serviceName}.json`), 'utf8')) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
    components: { schemas: Record<string, Schema> };
  };
  return routeTable(app)
    .filter((r) => (r.method === 'POST' || r.method === 'PUT') && !r.isPublic)
    .map((route) => {
      const documented = openapi.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const [contentType, media] = Object.entries(documented?.requestBody?.content ?? { 'application/json': {} })[0];
      const callers = (Object.entries(route.policy ?? {}) as [Role, unknown][])
        .filter(([role]) => role !== 'ops')
        .map(([role, rule]) => ({ role, tenant: matrixTenants[role].own, field: rule && typeof rule === 'object' ? (rule as TenantField) : undefined }));
      return { route, contentType, sample: sampleOf(media.schema, openapi.components.schemas) ?? {}, callers };
    });
}

/** What the service has stored: its event store's rows (a service without one says what else it writes). */
export type WriteCount = (dataSource: DataSource) => Promise<number>;
export const eventStoreRows: WriteCount = async (dataSource) => Number((await dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n);

export interface FuzzFinding {
  /** fast-check's seed of the run: `fuzzEndpoint(..., { seed })` replays it. */
  seed?: number;
  request: string;
  status: number;
  body: string;
  writesBefore: number;
  writesAfter: number;
}

/**
 * Sends `numRuns` random requests to one endpoint; returns the first finding (a 5xx, or a write on
 * a non-2xx answer), shrunk by fast-check to a small example, or undefined.
 */
export async function fuzzEndpoint(
  service: ServiceUnderTest,
  target: FuzzTarget,
  options: { numRuns?: number; seed?: number; writes?: WriteCount; pathValues?: Record<string, string> } = {},
): Promise<{ finding?: FuzzFinding; statuses: Record<number, number> }> {
  const writes = options.writes ?? eventStoreRows;
  const params = [...target.route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const statuses: Record<number, number> = {};
  let finding: FuzzFinding | undefined;
  let previousWrote = false;
  // A 2xx can start work that writes later (a settlement after new tariffs, a deadline): before the
  // next request, wait until the count holds still, so each write is blamed on the right answer.
  const settled = async () => {
    let last = await writes(service.dataSource);
    for (let stableFor = 0, waited = 0; stableFor < 600 && waited < 15_000; waited += 200) {
      await new Promise((r) => setTimeout(r, 200));
      const now = await writes(service.dataSource);
      stableFor = now === last ? stableFor + 200 : 0;
      last = now;
    }
    return last;
  };
  const request = fc.record({
    caller: fc.constantFrom(...target.callers),
    params: fc.tuple(...params.map((p) => pathParamArbitrary(p, options.pathValues?.[p])), fc.constant('')),
    body: bodyArbitrary(target.sample),
    ownTenantInBody: fc.boolean(),
  });
  const property = fc.asyncProperty(request, async ({ caller, params: values, body, ownTenantInBody }) => {
    let url = target.route.path;
    params.forEach((p, i) => (url = url.replace(`:${p}`, encodeURIComponent(values[i]))));
    const tenantValue = caller.tenant.municipality ?? caller.tenant.house;
    if (caller.field && tenantValue) {
      // Mostly the caller's own tenant, so the request gets past the guard to the validation.
      if (caller.field.in === 'query') url += `?${caller.field.field}=${encodeURIComponent(tenantValue)}`;
      if (caller.field.in === 'body' && ownTenantInBody && 'json' in body && body.json && typeof body.json === 'object' && !Array.isArray(body.json)) {
        (body.json as Record<string, unknown>)[caller.field.field] = tenantValue;
      }
    }
    const text = 'json' in body ? JSON.stringify(body.json) ?? 'null' : body.raw;
    const before = previousWrote ? await settled() : await writes(service.dataSource);
    const response = await fetch(`${service.url}${url}`, {
      method: target.route.method,
      headers: { 'content-type': target.contentType, ...(await authHeaders(caller.role, caller.tenant)) },
      body: text,
      signal: AbortSignal.timeout(30_000),
    });
    const answer = await response.text();
    const after = await writes(service.dataSource);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    previousWrote = response.ok;
    const ok = response.status < 500 && (response.ok || after === before);
    if (!ok) finding = { request: `${target.route.method} ${url} as ${caller.role}: ${text.slice(0, 500)}`, status: response.status, body: answer.slice(0, 500), writesBefore: before, writesAfter: after };
    return ok;
  });
  await fc.check(property, { numRuns: options.numRuns ?? 60, seed: options.seed, endOnFailure: false, interruptAfterTimeLimit: 120_000 }).then((result) => {
    if (!result.failed) finding = undefined;
    else if (finding) finding.seed = result.seed;
  });
  return { finding, statuses };
}

export interface FuzzOptions {
  numRuns?: number;
  writes?: WriteCount;
  /** Values for path parameters that make requests reach the command (an existing case, a projection name). */
  pathValues?: (service: ServiceUnderTest) => Promise<Record<string, string>>;
}

/** One test per POST/PUT endpoint of the service: random and malformed requests never give a 5xx or a partial write. */
export function describeFuzz(definition: ServiceDefinition, options: FuzzOptions = {}): void {
  describe(`${definition.name}: fuzzing every POST and PUT (fast-check)`, () => {
    let service: ServiceUnderTest;
    let targets: FuzzTarget[];
    let pathValues: Record<string, string> = {};

    beforeAll(async () => {
      service = await startServiceUnderTest({ serviceName: definition.name, label: `${definition.name.replace(/-/g, '_')}_fuzz`, moduleFor: definition.moduleFor, env: { RATE_LIMIT_PER_MINUTE: '0' } });
      targets = fuzzTargets(service.app, definition.name);
      pathValues = (await options.pathValues?.(service)) ?? {};
    });
    afterAll(() => service?.drop());

    it('has write endpoints to fuzz, each with a caller that passes its guard', () => {
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((t) => t.callers.length === 0).map((t) => `${t.route.method} ${t.route.path}`)).toEqual([]);
    });

    it('never answers 5xx, and writes only on 2xx, for random and malformed requests to each endpoint', async () => {
      const findings: Record<string, FuzzFinding> = {};
      const seen: Record<string, Record<number, number>> = {};
      for (const target of targets) {
        const { finding, statuses } = await fuzzEndpoint(service, target, { numRuns: options.numRuns, writes: options.writes, pathValues });
        if (finding) findings[`${target.route.method} ${target.route.path}`] = finding;
        seen[`${target.route.method} ${target.route.path}`] = statuses;
      }
      process.stdout.write(`[fuzz] ${definition.name}: answers by endpoint and status ${JSON.stringify(seen)}\n`);
      expect(findings).toEqual({});
      // The fuzzer got past the guard to the validation of every endpoint (a 400 or 415 for junk).
      expect(Object.entries(seen).filter(([, statuses]) => !statuses[400] && !statuses[415]).map(([route]) => route)).toEqual([]);
    }, 600_000);
  });
}
