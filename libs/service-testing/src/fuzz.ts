import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role, TenantField } from '@sagsspor/auth';
import type { ServiceDefinition } from '@sagsspor/platform';
import { authHeaders, workspaceRoot } from '@sagsspor/testing';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { getMetadataStorage } from 'class-validator';
import { type DtoClass, matrixTenants, type Route, routeTable, unboundedInputsOf } from './route-table';
import { exampleOf } from './security';
import { type ServiceUnderTest, startServiceUnderTest } from './service-under-test';

// Property-based fuzzing of a service's routes (docs/reliability.md): for every route in the
// service's route table that takes input, random and malformed path parameters, query strings
// (numeric extremes, huge and odd strings, repeated and nested parameters) and bodies (wrong types,
// missing fields, huge strings, unicode, nested junk, valid-looking values around the edges) never
// give a 5xx, and never leave a partial write: what the service stores changes only on a 2xx answer.

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

/**
 * Numbers as a query string or a path carries them, around every edge: huge, negative, not a
 * number, beyond a double (`1e309`), negative zero, hex, octal, binary, exponent and decimal forms,
 * padded, signed, beyond 32 and 64 bits.
 */
export const numericExtremes = [
  '0', '-0', '-1', '1', '1.5', '.5', '1.', '1e3', '1E3', '1e-3', '1e309', '-1e309', '0x10', '0X1F', '0o7', '0b1', '1_000', '+1', ' 1', '1 ', '01',
  'NaN', '-NaN', 'Infinity', '-Infinity', 'infinity', 'null', 'undefined', 'true', '', '2147483647', '2147483648', '-2147483649', '4294967296',
  '9007199254740991', '9007199254740993', '9223372036854775807', '9223372036854775808', '-9223372036854775809', '99999999999999999999',
  '1' + '0'.repeat(400), '-' + '9'.repeat(400), '1/0', '5%', '١٢٣', '１２３',
] as const;

/** Strings no parameter should take: very long, odd unicode, control and path characters, injection. */
const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('x'.repeat(5000), 'A'.repeat(101), '..', '../..', '%', '%00', '\u0000', '\u202e\u0301', 'ÆØÅ', '🙂'.repeat(40), "' OR '1'='1", '<script>', '[object Object]', ' ', ',', ',,,'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.integer({ min: 101, max: 2_000 }).map((n) => 'Æ'.repeat(n)),
);

/** A value for a path or query parameter: a valid-looking one (when known) most of the time, else a numeric extreme or junk text. */
export function parameterValueArbitrary(valid: fc.Arbitrary<string>, validWeight = 4): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: validWeight, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...numericExtremes) },
    { weight: 1, arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String), fc.bigInt().map(String)) },
    { weight: 2, arbitrary: junkText },
  );
}

/** A path parameter: a valid-looking id (a uuid for case ids and rebuild ids, the given value when there is one), or junk. */
export function pathParamArbitrary(name: string, validValue?: string): fc.Arbitrary<string> {
  const valid = validValue ? fc.constant(validValue) : /case/i.test(name) && /id$/i.test(name) ? fc.uuid() : fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,30}$/);
  return parameterValueArbitrary(valid).filter((value) => value.length > 0);
}

/** One query parameter as sent: once, repeated (`a=1&a=2`), as a list (`a[]=1`) or as an object (`a[x]=1`). */
function queryParameterArbitrary(name: string, value: fc.Arbitrary<string>): fc.Arbitrary<[string, string][]> {
  return fc.oneof(
    { weight: 6, arbitrary: value.map((v): [string, string][] => [[name, v]]) },
    { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v): [string, string] => [name, v])) },
    { weight: 1, arbitrary: value.map((v): [string, string][] => [[`${name}[]`, v]]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '0', '__proto__', 'constructor'), value).map(([k, v]): [string, string][] => [[`${name}[${k}]`, v]]) },
  );
}

/**
 * A query string for a route, from its query DTO (name and example or enum of each parameter).
 * Mostly one parameter is the target (a numeric extreme, junk, a repeated or nested form) and the
 * others are valid or left out, so the odd value reaches the query behind the validation; else
 * every parameter is random, and now and then one the route does not know is added.
 */
export function queryArbitrary(samples: Record<string, unknown>): fc.Arbitrary<[string, string][]> {
  const parameters = Object.entries(samples).map(([name, sample]) => {
    const values = (Array.isArray(sample) ? sample : [sample]).filter((v) => v !== undefined && v !== null).map((v) => String(v));
    return { name, valid: values.length > 0 ? fc.constantFrom(...values) : fc.oneof(fc.nat(1000).map(String), fc.string({ maxLength: 20 })) };
  });
  const unknown = fc.oneof({ weight: 5, arbitrary: fc.constant<[string, string][]>([]) }, { weight: 1, arbitrary: queryParameterArbitrary('unknownParameter', fc.constant('1')) });
  if (parameters.length === 0) return unknown;
  const validOrLeftOut = ({ name, valid }: (typeof parameters)[number]) => fc.option(valid.map((v): [string, string][] => [[name, v]]), { nil: [] as [string, string][] });
  const oneTarget = fc.nat(parameters.length - 1).chain((target) =>
    fc.tuple(...parameters.map((p, i) => (i === target ? queryParameterArbitrary(p.name, parameterValueArbitrary(p.valid, 1)) : validOrLeftOut(p)))).map((parts) => parts.flat()),
  );
  const allRandom = fc.tuple(...parameters.map((p) => fc.oneof(validOrLeftOut(p), queryParameterArbitrary(p.name, parameterValueArbitrary(p.valid)))), unknown).map((parts) => parts.flat());
  return fc.oneof({ weight: 3, arbitrary: oneTarget }, { weight: 1, arbitrary: allRandom });
}

export interface FuzzTarget {
  route: Route;
  contentType: string;
  /** A valid-looking body (POST, PUT); undefined for a GET. */
  sample: unknown;
  /** The route's query parameters, each with a valid-looking value when its DTO shows one. */
  query: Record<string, unknown>;
  /** The callers that pass the route's guard, each with the tenant its token carries (no role: a public route). */
  callers: { role?: Role; tenant: { municipality?: string; house?: string }; field?: TenantField }[];
}

/** The query parameters of a query DTO: every validated or documented property, with its example (or enum value) when it has one. */
export function queryParametersOf(type: DtoClass | undefined): Record<string, unknown> {
  if (!type) return {};
  const validated = getMetadataStorage().getTargetValidationMetadatas(type as never, '', true, false).map((m) => m.propertyName);
  const documented = ((Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) ?? []) as string[]).map((p) => p.replace(/^:/, ''));
  const examples = exampleOf(type);
  return Object.fromEntries([...new Set([...validated, ...documented])].map((name) => [name, examples[name]]));
}

const pathParamsOf = (route: Route) => [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);

/**
 * Every route of a running service that takes input: each POST and PUT (with a valid-looking
 * sample body from its OpenAPI document, docs/openapi/<service>.json), and each GET with a path
 * or query parameter.
 */
export function fuzzTargets(app: ServiceUnderTest['app'], serviceName: string): FuzzTarget[] {
  const openapi = JSON.parse(readFileSync(path.join(workspaceRoot, 'docs/openapi', `${serviceName}.json`), 'utf8')) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
    components: { schemas: Record<string, Schema> };
  };
  return routeTable(app)
    .filter((r) => r.isPublic || r.policy)
    .filter((r) => r.method === 'POST' || r.method === 'PUT' || pathParamsOf(r).length > 0 || r.queryType)
    .map((route) => {
      const writes = route.method !== 'GET';
      const documented = openapi.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const [contentType, media] = Object.entries(documented?.requestBody?.content ?? { 'application/json': {} })[0];
      const callers: FuzzTarget['callers'] = route.isPublic
        ? [{ tenant: {} }]
        : (Object.entries(route.policy ?? {}) as [Role, unknown][])
            .filter(([role]) => !writes || role !== 'ops')
            .map(([role, rule]) => ({ role, tenant: matrixTenants[role].own, field: rule && typeof rule === 'object' ? (rule as TenantField) : undefined }));
      return { route, contentType, sample: writes ? (sampleOf(media.schema, openapi.components.schemas) ?? {}) : undefined, query: queryParametersOf(route.queryType), callers };
    });
}

/** What the service has stored: its event store's rows (a service without one says what else it writes). */
export type WriteCount = (dataSource: DataSource) => Promise<number>;
export const eventStoreRows: WriteCount = async (dataSource) => Number((await dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n);

/** How a run is chosen and replayed: the seed and run count (FUZZ_SEED, FUZZ_RUNS), one route (FUZZ_ROUTE), one failing run (FUZZ_PATH); FUZZ_VERBOSE=1 prints every request. */
export interface FuzzRun {
  seed: number;
  numRuns: number;
  /** fast-check's path to a failing run (its index): with the seed, sends exactly that request again. */
  path?: string;
}

/** The run the environment asks for (`npm run fuzz`, or a replay), else a fresh seed and the test's own count. */
export function fuzzRunFromEnvironment(defaultRuns: number): FuzzRun & { route?: string } {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  return { seed, numRuns: process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : defaultRuns, path: process.env.FUZZ_PATH || undefined, route: process.env.FUZZ_ROUTE || undefined };
}

export interface FuzzFinding {
  /** The run's seed and the failing run: `FUZZ_SEED=<seed> FUZZ_PATH=<path> FUZZ_ROUTE='<route>'` sends that request again. */
  seed?: number;
  path?: string;
  request: string;
  status: number;
  body: string;
  writesBefore: number;
  writesAfter: number;
}

/**
 * Sends `numRuns` random requests to one route (random path parameters, query strings and bodies);
 * returns the first finding (a 5xx, or a write on a non-2xx answer), shrunk by fast-check to a
 * small example, or undefined.
 */
export async function fuzzEndpoint(
  service: ServiceUnderTest,
  target: FuzzTarget,
  options: { numRuns?: number; seed?: number; path?: string; writes?: WriteCount; pathValues?: Record<string, string> } = {},
): Promise<{ finding?: FuzzFinding; statuses: Record<number, number> }> {
  const writes = options.writes ?? eventStoreRows;
  const params = pathParamsOf(target.route);
  const statuses: Record<number, number> = {};
  const sendsBody = target.route.method !== 'GET';
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
    query: queryArbitrary(target.query),
    body: sendsBody ? bodyArbitrary(target.sample) : fc.constant(undefined),
    ownTenant: fc.boolean(),
  });
  const property = fc.asyncProperty(request, async ({ caller, params: values, query, body, ownTenant }) => {
    let url = target.route.path;
    params.forEach((p, i) => (url = url.replace(`:${p}`, encodeURIComponent(values[i]))));
    const pairs = [...query];
    const tenantValue = caller.tenant.municipality ?? caller.tenant.house;
    if (caller.field && tenantValue) {
      // Mostly the caller's own tenant, so the request gets past the guard to the validation.
      if (caller.field.in === 'query' && (ownTenant || !pairs.some(([k]) => k === caller.field!.field))) pairs.unshift([caller.field.field, tenantValue]);
      if (caller.field.in === 'body' && ownTenant && body && 'json' in body && body.json && typeof body.json === 'object' && !Array.isArray(body.json)) {
        (body.json as Record<string, unknown>)[caller.field.field] = tenantValue;
      }
    }
    if (pairs.length > 0) url += `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
    const text = body === undefined ? undefined : 'json' in body ? (JSON.stringify(body.json) ?? 'null') : body.raw;
    const before = previousWrote ? await settled() : await writes(service.dataSource);
    const response = await fetch(`${service.url}${url}`, {
      method: target.route.method,
      headers: { ...(text === undefined ? {} : { 'content-type': target.contentType }), ...(caller.role ? await authHeaders(caller.role, caller.tenant) : {}) },
      body: text,
      signal: AbortSignal.timeout(30_000),
    });
    const answer = await response.text();
    if (process.env.FUZZ_VERBOSE) process.stdout.write(`[fuzz] ${target.route.method} ${url.slice(0, 300)} as ${caller.role ?? 'anonymous'}: ${response.status}\n`);
    const after = await writes(service.dataSource);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    previousWrote = response.ok && sendsBody;
    const ok = response.status < 500 && (response.ok || after === before);
    if (!ok) finding = { request: `${target.route.method} ${url.slice(0, 500)} as ${caller.role ?? 'anonymous'}: ${(text ?? '').slice(0, 500)}`, status: response.status, body: answer.slice(0, 500), writesBefore: before, writesAfter: after };
    return ok;
  });
  const numRuns = options.numRuns ?? 60;
  // A short pass stops after two minutes per route; a long one (npm run fuzz) runs every request.
  const timeLimit = numRuns <= 200 ? 120_000 : undefined;
  await fc.check(property, { numRuns, seed: options.seed, path: options.path, endOnFailure: options.path !== undefined, interruptAfterTimeLimit: timeLimit }).then((result) => {
    if (!result.failed) finding = undefined;
    // The path's first step is the failing run: with the seed it sends that request again (the
    // shrunk request is in the finding; the shrinking steps depend on answers, so are not replayed).
    else if (finding) Object.assign(finding, { seed: result.seed, path: result.counterexamplePath?.split(':')[0] });
  });
  return { finding, statuses };
}

export interface FuzzOptions {
  /** Requests per route in the short pass (CI); FUZZ_RUNS overrides it (npm run fuzz). */
  numRuns?: number;
  writes?: WriteCount;
  /** Values for path parameters that make requests reach the command (an existing case, a projection name). */
  pathValues?: (service: ServiceUnderTest) => Promise<Record<string, string>>;
  /** Routes whose body is checked by a function rather than a DTO (`POST /v1/video-interviews`), each with where: their body fields are left out of the bounds check. */
  bodiesCheckedElsewhere?: Record<string, string>;
}

/** One test per service: every route that takes input gets random and malformed path parameters, query strings and bodies; never a 5xx or a partial write. */
export function describeFuzz(definition: ServiceDefinition, options: FuzzOptions = {}): void {
  const run = fuzzRunFromEnvironment(options.numRuns ?? 60);
  describe(`${definition.name}: fuzzing every route's path, query and body (fast-check)`, () => {
    let service: ServiceUnderTest;
    let targets: FuzzTarget[];
    let pathValues: Record<string, string> = {};

    beforeAll(async () => {
      service = await startServiceUnderTest({ serviceName: definition.name, label: `${definition.name.replace(/-/g, '_')}_fuzz`, moduleFor: definition.moduleFor, env: { RATE_LIMIT_PER_MINUTE: '0' } });
      targets = fuzzTargets(service.app, definition.name).filter((t) => !run.route || `${t.route.method} ${t.route.path}` === run.route);
      pathValues = (await options.pathValues?.(service)) ?? {};
    });
    afterAll(() => service?.drop());

    it('has routes to fuzz, each with a caller that passes its guard', () => {
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((t) => t.callers.length === 0).map((t) => `${t.route.method} ${t.route.path}`)).toEqual([]);
    });

    it('gives every path parameter, query parameter and body field a bound', () => {
      const elsewhere = Object.keys(options.bodiesCheckedElsewhere ?? {}).map((route) => `${route} body `);
      expect(targets.flatMap((t) => unboundedInputsOf(t.route)).filter((problem) => !elsewhere.some((prefix) => problem.startsWith(prefix)))).toEqual([]);
    });

    it(
      'never answers 5xx, and writes only on 2xx, for random and malformed requests to each route',
      async () => {
        process.stdout.write(`[fuzz] ${definition.name}: seed ${run.seed}, ${run.numRuns} requests per route (replay: FUZZ_SEED=${run.seed} FUZZ_RUNS=${run.numRuns})\n`);
        const findings: Record<string, FuzzFinding> = {};
        const seen: Record<string, Record<number, number>> = {};
        for (const target of targets) {
          const name = `${target.route.method} ${target.route.path}`;
          const started = Date.now();
          const { finding, statuses } = await fuzzEndpoint(service, target, { numRuns: run.numRuns, seed: run.seed, path: run.path, writes: options.writes, pathValues });
          if (finding) findings[name] = finding;
          seen[name] = statuses;
          const sent = Object.values(statuses).reduce((a, b) => a + b, 0);
          process.stdout.write(`[fuzz] ${definition.name}: ${name}: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, answers ${JSON.stringify(statuses)}${finding ? ` FINDING (replay: FUZZ_SEED=${finding.seed} FUZZ_PATH=${finding.path} FUZZ_ROUTE='${name}')` : ''}\n`);
        }
        expect(findings).toEqual({});
        // The fuzzer got past the guard to the validation of every route (a 400 or 415 for junk).
        expect(Object.entries(seen).filter(([, statuses]) => !statuses[400] && !statuses[415]).map(([route]) => route)).toEqual([]);
      },
      Math.max(600_000, run.numRuns * 60 * 1000),
    );
  });
}
