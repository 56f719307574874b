import { randomUUID } from 'node:crypto';
import type { Role, TenantField } from '@sagsspor/auth';
import { containsCpr, CPR_FIELDS, cprForms } from '@sagsspor/domain';
import { STORED_HEADERS, type ServiceDefinition } from '@sagsspor/platform';
import { generateCpr } from '@sagsspor/testing';
import { scanForCprs } from './cpr-scan';
import {
  type AttackRequest,
  bearer,
  type Caller,
  cleanAnswerProblems,
  concretePath,
  databaseFingerprint,
  deeplyNested,
  escalationAuthorizations,
  forgedAuthorizations,
  injectionStrings,
  malformedStrings,
  readRoutes,
  type SentAnswer,
  sendRaw,
  textFieldsOf,
  withField,
  writeRoutes,
} from './security';
import { matrixTenants, routeTable } from './route-table';
import { type ServiceUnderTest, startServiceUnderTest } from './service-under-test';

/** What the attacks aim at: data the test made, and a write that its rightful caller may make. */
export interface SecurityTarget {
  /** A write that changes something when its caller sends it (the last token test proves it does). */
  write: AttackRequest & { caller: Caller };
  /** A caller of the same role bound to another tenant: refused (403, or 404 for another's resource). */
  otherTenant: Caller;
  /** Reads of the caller's own resources, which the other tenant must not get (403/404). */
  reads?: AttackRequest[];
  /** Path parameters naming real resources, so attacks on other routes get past "not found". */
  params?: Record<string, string>;
}

export interface SecurityAttackOptions {
  /** Starts the service under test (default: its module on a fresh database and namespace). */
  start?: () => Promise<ServiceUnderTest>;
  /** Makes the data the attacks aim at. */
  arrange: (running: ServiceUnderTest) => Promise<SecurityTarget>;
  /** Example bodies for write routes whose body is not a DTO object (`PUT /v1/reference/tariffs/:year`: an array). */
  bodies?: Record<string, unknown>;
  /** Tables with churn of their own (consumers' offsets), left out of the side-effect fingerprint. */
  ignoreTables?: string[];
}

const admin: Caller = { role: 'admin' };

/** An id of the same shape that nobody used: another uuid for a uuid, else the same length with another first character. */
function unusedIdLike(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return randomUUID();
  return `${id.startsWith('Z') ? 'Y' : 'Z'}${id.slice(1)}`;
}

/**
 * The attack tests of a service (issue 8), on the running service with real PostgreSQL and Kafka.
 * Every refused attack is checked to have had no side effect: the fingerprint of every table (except
 * the audit log, which records the attempt) is the same before and after. Write routes, their text
 * fields and query fields are read from the route table and the DTOs' metadata, so a new route or a
 * new field is attacked without changing the test.
 */
export function describeSecurityAttacks(service: Pick<ServiceDefinition, 'name' | 'moduleFor'>, options: SecurityAttackOptions): void {
  describe(`${service.name}: attacks are refused, with no side effect`, () => {
    // Thousands of requests on a shared machine: minutes, not the default minute.
    jest.setTimeout(300_000);
    let running: ServiceUnderTest;
    let target: SecurityTarget;
    const fingerprint = () => databaseFingerprint(running.dataSource, { ignore: options.ignoreTables });

    /** Sends `attack`, and returns the problems: an unexpected status, a side effect, an unclean answer. */
    async function attack(what: string, send: () => Promise<SentAnswer>, expected: (status: number) => boolean): Promise<string[]> {
      const before = await fingerprint();
      const answer = await send();
      const problems = cleanAnswerProblems(what, answer);
      if (!expected(answer.status)) problems.push(`${what}: answered ${answer.status} ${answer.text.slice(0, 300)}`);
      if (answer.status >= 400) {
        const after = await fingerprint();
        const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
        if (changed.length > 0) problems.push(`${what}: was refused (${answer.status}) but changed ${changed.join(', ')}`);
      }
      return problems;
    }

    /**
     * Sends a batch of attacks with one fingerprint before and one after: when all were refused,
     * nothing may have changed. Cheaper than a fingerprint per request for hundreds of requests.
     */
    async function attackBatch(what: string, sends: { what: string; send: () => Promise<SentAnswer> }[], expected: (status: number, answer: SentAnswer) => boolean): Promise<string[]> {
      const before = await fingerprint();
      const problems: string[] = [];
      let allRefused = true;
      for (const one of sends) {
        const answer = await one.send();
        problems.push(...cleanAnswerProblems(one.what, answer));
        if (!expected(answer.status, answer)) problems.push(`${one.what}: answered ${answer.status} ${answer.text.slice(0, 300)}`);
        if (answer.status < 400) allRefused = false;
      }
      if (allRefused) {
        const after = await fingerprint();
        const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
        if (changed.length > 0) problems.push(`${what}: every request was refused, but ${changed.join(', ')} changed`);
      }
      return problems;
    }

    beforeAll(async () => {
      running = await (options.start?.() ??
        startServiceUnderTest({ serviceName: service.name, label: `${service.name.replace(/-/g, '_')}_security`, moduleFor: service.moduleFor, env: { RATE_LIMIT_PER_MINUTE: '0' } }));
      target = await options.arrange(running);
      // Let what the arrangement set off (projections, relays, deadlines) finish: the fingerprint holds still.
      let previous = await fingerprint();
      for (let stable = 0, tries = 0; stable < 3 && tries < 60; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const next = await fingerprint();
        stable = JSON.stringify(next) === JSON.stringify(previous) ? stable + 1 : 0;
        previous = next;
      }
    });
    afterAll(() => running?.drop());

    const asSent = (request: AttackRequest) => (request.contentType ? { rawBody: String(request.body), contentType: request.contentType } : { body: request.body });
    const sendWrite = (authorization: string | undefined) => sendRaw(running.url, { method: target.write.method, path: target.write.path, ...asSent(target.write), authorization });

    it('refuses no token, a broken, expired, forged or alg-none token, a wrong audience or issuer, and malformed claims: 401', async () => {
      const problems: string[] = [];
      for (const [what, authorization] of Object.entries(await forgedAuthorizations(target.write.caller))) {
        problems.push(...(await attack(what, () => sendWrite(authorization), (status) => status === 401)));
      }
      expect(problems).toEqual([]);
    });

    it('ignores claims that try to widen a token (roles, scopes, admin flags, tenant lists): as the plain token would', async () => {
      const problems: string[] = [];
      const ownTenant = target.write.caller.tenant ?? {};
      for (const [what, authorization] of Object.entries(await escalationAuthorizations(target.otherTenant, ownTenant))) {
        problems.push(...(await attack(`another tenant with ${what}`, () => sendWrite(authorization), (status) => status === 403 || status === 404)));
        problems.push(...(await attack(`another tenant with ${what}, reading the audit log`, () => sendRaw(running.url, { method: 'GET', path: '/v1/admin/audit-log', authorization }), (s) => s === 403)));
      }
      if (target.write.caller.role !== 'admin') {
        for (const [what, authorization] of Object.entries(await escalationAuthorizations(target.write.caller, target.otherTenant.tenant ?? {}))) {
          problems.push(...(await attack(`${what}, reading the audit log`, () => sendRaw(running.url, { method: 'GET', path: '/v1/admin/audit-log', authorization }), (s) => s === 403)));
        }
      }
      expect(problems).toEqual([]);
    });

    it("refuses another tenant's ids and another tenant named in the request: 403 or 404, nothing written, nothing shown", async () => {
      const problems: string[] = [];
      const other = await bearer(target.otherTenant);
      problems.push(...(await attack('the write as another tenant', () => sendWrite(other), (status) => status === 403 || status === 404)));
      for (const read of target.reads ?? []) {
        problems.push(...(await attack(`${read.method} ${read.path} as another tenant`, () => sendRaw(running.url, { method: read.method, path: read.path, ...asSent(read), authorization: other }), (status) => status === 403 || status === 404)));
      }
      expect(problems).toEqual([]);
    });

    it("answers another tenant's id exactly as an id nobody used: the same status, content type and body (ADR 0095)", async () => {
      const other = await bearer(target.otherTenant);
      const problems: string[] = [];
      const ids = Object.values(target.params ?? {});
      for (const read of target.reads ?? []) {
        const named = ids.filter((id) => read.path.includes(id));
        if (named.length === 0) continue;
        const unusedOf = new Map(named.map((id) => [id, unusedIdLike(id)]));
        const unusedPath = named.reduce((path, id) => path.split(id).join(unusedOf.get(id)!), read.path);
        const seen = (answer: SentAnswer, idsSent: string[]) => ({
          status: answer.status,
          contentType: answer.contentType,
          body: idsSent.reduce((text, id) => text.split(id).join('<id>'), answer.text),
        });
        const taken = seen(await sendRaw(running.url, { method: read.method, path: read.path, ...asSent(read), authorization: other }), named);
        const unused = seen(await sendRaw(running.url, { method: read.method, path: unusedPath, ...asSent(read), authorization: other }), [...unusedOf.values()]);
        if (JSON.stringify(taken) !== JSON.stringify(unused)) problems.push(`${read.method} ${read.path}: another tenant's id answers ${JSON.stringify(taken)}, an unused id ${JSON.stringify(unused)}`);
      }
      expect(problems).toEqual([]);
    });

    it('(the attacked write is real: with the right token it changes the database)', async () => {
      const before = await fingerprint();
      const answer = await sendWrite(await bearer(target.write.caller));
      expect(answer.status).toBeLessThan(300);
      expect(await fingerprint()).not.toEqual(before);
    });

    it('takes SQL and script injection in every text field of every write route and every path parameter: never 5xx or internals, nothing written when refused, the schema intact', async () => {
      const authorization = await bearer(admin);
      const tablesBefore = Object.keys(await fingerprint());
      const problems: string[] = [];
      let tried = 0;
      for (const write of writeRoutes(running.app, options.bodies)) {
        const path = concretePath(write.route.path, target.params);
        const fields = textFieldsOf(write.body);
        for (const field of fields) {
          tried += injectionStrings.length;
          const sends = injectionStrings.map((injection) => ({
            what: `${write.name} ${field}=${injection}`,
            send: () => sendRaw(running.url, { method: write.route.method, path, body: withField(write.body, field, injection), authorization }),
          }));
          problems.push(...(await attackBatch(`${write.name} ${field}=<injection>`, sends, (s) => s < 500)));
        }
        for (const param of write.route.path.match(/:(\w+)/g) ?? []) {
          tried += injectionStrings.length;
          const sends = injectionStrings.map((injection) => ({
            what: `${write.name} ${param}=${injection}`,
            send: () => sendRaw(running.url, { method: write.route.method, path: concretePath(write.route.path, { ...target.params, [param.slice(1)]: injection }), body: write.body, authorization }),
          }));
          problems.push(...(await attackBatch(`${write.name} ${param}=<injection>`, sends, (s) => s < 500)));
        }
      }
      expect(tried).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(Object.keys(await fingerprint())).toEqual(tablesBefore);
    });

    it('takes SQL and script injection in every query field and path parameter of every read route: never 5xx or internals', async () => {
      const authorization = await bearer(admin);
      const problems: string[] = [];
      for (const read of readRoutes(running.app)) {
        const fields = [...Object.keys(read.query), ...(read.route.path.match(/:(\w+)/g) ?? [])];
        for (const field of fields) {
          for (const injection of injectionStrings) {
            const path = field.startsWith(':')
              ? concretePath(read.route.path, { ...target.params, [field.slice(1)]: injection })
              : `${concretePath(read.route.path, target.params)}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(read.query).map(([k, v]) => [k, String(v)])), [field]: injection })}`;
            const answer = await sendRaw(running.url, { method: 'GET', path, authorization });
            problems.push(...cleanAnswerProblems(`${read.name} ${field}=${injection}`, answer));
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('refuses a CPR in every form (docs/data-protection.md) in every text field, path parameter and query field of every route and in every stored header: 400 naming it, nothing written; afterwards no CPR in any form is in any table, topic or log line', async () => {
      const authorization = await bearer(admin);
      const forms = cprForms(generateCpr('2014-05-06', 'female', 31));
      // Header values are Latin-1 on the wire: the forms in other scripts cannot be sent as one.
      const headerForms = forms.filter((form) => /^[\x20-\x7e]*$/.test(form));
      // Refused, naming the place, and never showing the CPR back (not even as the problem's `instance`).
      const refusedForCpr = (status: number, answer: SentAnswer) => status === 400 && answer.code === 'REQUEST.INVALID' && /must not contain a CPR number/.test(answer.text) && !containsCpr(answer.text);
      const problems: string[] = [];
      let tried = 0;
      const batch = async (what: string, sends: { what: string; send: () => Promise<SentAnswer> }[]) => {
        tried += sends.length;
        problems.push(...(await attackBatch(what, sends, refusedForCpr)));
      };
      for (const write of writeRoutes(running.app, options.bodies)) {
        const send = (path: string, body: unknown, headers?: Record<string, string>) => () => sendRaw(running.url, { method: write.route.method, path, body, authorization, headers });
        const path = concretePath(write.route.path, target.params);
        for (const field of textFieldsOf(write.body).filter((f) => !CPR_FIELDS.has(f.split('.').pop()!))) {
          await batch(`${write.name} ${field}=<CPR>`, forms.map((form) => ({ what: `${write.name} ${field}=${form}`, send: send(path, withField(write.body, field, form)) })));
        }
        for (const param of (write.route.path.match(/:(\w+)/g) ?? []).map((p) => p.slice(1))) {
          await batch(`${write.name} :${param}=<CPR>`, forms.map((form) => ({ what: `${write.name} :${param}=${form}`, send: send(concretePath(write.route.path, { ...target.params, [param]: form }), write.body) })));
        }
        for (const header of STORED_HEADERS) {
          await batch(`${write.name} ${header}: <CPR>`, headerForms.map((form) => ({ what: `${write.name} ${header}: ${form}`, send: send(path, write.body, { [header]: form }) })));
        }
      }
      for (const read of readRoutes(running.app)) {
        const query = Object.fromEntries(Object.entries(read.query).map(([k, v]) => [k, String(v)]));
        const send = (path: string) => () => sendRaw(running.url, { method: 'GET', path, authorization });
        for (const field of Object.keys(read.query)) {
          await batch(`${read.name} ?${field}=<CPR>`, forms.map((form) => ({ what: `${read.name} ?${field}=${form}`, send: send(`${concretePath(read.route.path, target.params)}?${new URLSearchParams({ ...query, [field]: form })}`) })));
        }
        for (const param of (read.route.path.match(/:(\w+)/g) ?? []).map((p) => p.slice(1))) {
          await batch(`${read.name} :${param}=<CPR>`, forms.map((form) => ({ what: `${read.name} :${param}=${form}`, send: send(concretePath(read.route.path, { ...target.params, [param]: form })) })));
        }
      }
      expect(tried).toBeGreaterThan(forms.length * 5);
      expect(problems).toEqual([]);

      // The audit log is written in batches: its query writes what is pending first.
      expect((await sendRaw(running.url, { method: 'GET', path: '/v1/admin/audit-log?limit=1', authorization })).status).toBe(200);
      const { findings, scanned } = await scanForCprs(running);
      const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
      process.stdout.write(`[cpr] ${service.name}: ${tried} requests with a CPR refused; scanned ${sum(scanned.rows)} rows of ${Object.keys(scanned.rows).length} tables, ${sum(scanned.messages)} messages of ${Object.keys(scanned.messages).length} topics, ${scanned.logLines} log lines\n`);
      expect(scanned.rows.audit_log).toBeGreaterThanOrEqual(tried); // every refused attempt is there, and was read
      expect(Object.keys(scanned.rows)).toEqual(expect.arrayContaining(['events', 'audit_log', 'command_idempotency']));
      expect(scanned.logLines).toBeGreaterThan(tried);
      expect(findings).toEqual([]);
    });

    it('refuses a 5,000-character id in every path parameter and id field: 400 problem+json, nothing stored (the audit log keeps only its length)', async () => {
      const long = 'A'.repeat(5000);
      const sends: { what: string; send: () => Promise<SentAnswer> }[] = [];
      for (const route of routeTable(running.app).filter((r) => r.isPublic || r.policy)) {
        // A caller the route's guard lets through, with its own tenant where the route names one, so the request reaches the validation.
        const [role, rule] = (Object.entries(route.policy ?? {}) as [Role, unknown][]).find(([r]) => route.method === 'GET' || r !== 'ops') ?? [];
        const tenant = role ? matrixTenants[role].own : {};
        const field = rule && typeof rule === 'object' ? (rule as TenantField) : undefined;
        const authorization = role ? await bearer({ role, tenant }) : undefined;
        const query = field?.in === 'query' && (tenant.municipality ?? tenant.house) ? `?${field.field}=${tenant.municipality ?? tenant.house}` : '';
        const name = `${route.method} ${route.path}`;
        const example = writeRoutes(running.app, options.bodies).find((w) => w.name === name)?.body;
        const body = example && typeof example === 'object' && !Array.isArray(example) && field?.in === 'body' ? { ...example, [field.field]: tenant.municipality ?? tenant.house } : example;
        for (const param of route.path.match(/:(\w+)/g) ?? []) {
          const path = concretePath(route.path, { ...target.params, [param.slice(1)]: long }) + query;
          sends.push({ what: `${name} ${param} of 5,000 characters`, send: () => sendRaw(running.url, { method: route.method, path, body, authorization }) });
        }
        for (const id of textFieldsOf(body).filter((f) => /Id$/.test(f))) {
          const path = concretePath(route.path, target.params) + query;
          sends.push({ what: `${name} ${id} of 5,000 characters`, send: () => sendRaw(running.url, { method: route.method, path, body: withField(body, id, long), authorization }) });
        }
      }
      expect(sends.length).toBeGreaterThan(0);
      const problems = await attackBatch('5,000-character ids', sends, (s) => s === 400);
      expect(problems).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the audit log is written in batches
      const stored: { action: string }[] = await running.dataSource.query(`SELECT action FROM audit_log WHERE length(resource::text) > 1000 OR resource::text LIKE '%AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%'`);
      expect(stored).toEqual([]);
    });

    it('refuses an oversized body on every write route: 413, nothing written', async () => {
      const authorization = await bearer(admin);
      const problems: string[] = [];
      const huge = 'x'.repeat(200 * 1024);
      for (const write of writeRoutes(running.app, options.bodies)) {
        const path = concretePath(write.route.path, target.params);
        const body = write.body && typeof write.body === 'object' && !Array.isArray(write.body) ? { ...write.body, padding: huge } : [write.body, huge];
        problems.push(...(await attack(`${write.name} with 200 kB`, () => sendRaw(running.url, { method: write.route.method, path, body, authorization }), (s) => s === 413)));
      }
      expect(problems).toEqual([]);
    });

    it('refuses malformed input on every write route with 4xx, never 5xx: bad JSON, deep nesting, a wrong content type, a non-object, __proto__, NUL bytes and lone surrogates in every text field', async () => {
      const authorization = await bearer(admin);
      const problems: string[] = [];
      for (const write of writeRoutes(running.app, options.bodies)) {
        const path = concretePath(write.route.path, target.params);
        const raw = (what: string, rawBody: string, contentType = 'application/json') => ({
          what: `${write.name} ${what}`,
          send: () => sendRaw(running.url, { method: write.route.method, path, rawBody, contentType, authorization }),
        });
        const withKey = (name: string, value: unknown) => `{${JSON.stringify(name)}:${JSON.stringify(value)}${JSON.stringify(write.body ?? {}).replace(/^\{/, ',').replace(/^,\}$/, '}')}`;
        const sends = [
          raw('with JSON cut short', '{"a": '),
          raw('with a body nested 5,000 deep', deeplyNested(5000)),
          raw('with a body nested 20 deep', `{"a":${'{"a":'.repeat(20)}1${'}'.repeat(20)}}`),
          raw('with a JSON string for a body', '"a string"'),
          raw('with null for a body', 'null'),
          raw('with __proto__', withKey('__proto__', { role: 'admin', isAdmin: true })),
          raw('with a constructor.prototype key', withKey('constructor', { prototype: { isAdmin: true } })),
          ...(/population/.test(write.route.path) ? [] : [raw('as text/plain', JSON.stringify(write.body ?? {}), 'text/plain')]),
          raw('as application/x-www-form-urlencoded', 'role=admin&a=1', 'application/x-www-form-urlencoded'),
          ...textFieldsOf(write.body).flatMap((field) =>
            Object.entries(malformedStrings).map(([what, value]) => ({
              what: `${write.name} ${field} with ${what}`,
              send: () => sendRaw(running.url, { method: write.route.method, path, body: withField(write.body, field, value), authorization }),
            })),
          ),
        ];
        problems.push(...(await attackBatch(`${write.name} malformed`, sends, (s) => s >= 400 && s < 500)));
      }
      expect(problems).toEqual([]);
      // The service runs in this process: nothing reached Object.prototype.
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });
  });
}
