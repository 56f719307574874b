import { Writable } from 'node:stream';
import { Body, Controller, Get, type INestApplication, Module, Param, Post, Req } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import { integrationEventCatalog, topicDeclarationOf } from '@sagsspor/contracts';
import { DomainError } from '@sagsspor/domain';
import { createKafka, declaredTopicSpecs, describeTopicSettings } from '@sagsspor/messaging';
import { authHeaders, createTestDatabase, uniqueNamespace } from '@sagsspor/testing';
import type { Request } from 'express';
import { IsString } from 'class-validator';
import { Access, assertTenant } from './access';
import { createServiceApp } from './bootstrap';
import { loadServiceConfig } from './config';
import { createLogger } from './logger';
import { RESPONSE_HEADER_DOCS } from './openapi';
import { idempotencyKeyFrom } from './request-context';
import { ServiceInfrastructureModule } from './service-infrastructure.module';

class ThingRequest {
  @IsString() municipalityCode!: string;
}

const things: Record<string, { municipalityCode: string }> = { t1: { municipalityCode: '751' }, t2: { municipalityCode: '101' } };

@Controller('v1/things')
class ThingController {
  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  create(@Body() body: ThingRequest, @Req() request: Request) {
    return { created: body.municipalityCode, key: idempotencyKeyFrom(request, 'thing') };
  }

  @Get(':thingId')
  @Access({ municipality: 'resource', admin: 'any' })
  get(@Param('thingId') thingId: string, @Req() request: Request) {
    const notFound = () => new DomainError('THING.NOT_FOUND', `there is no thing ${thingId}`, 'not-found');
    const thing = things[thingId];
    if (!thing) throw notFound();
    assertTenant(request, thing, notFound);
    return { thingId, ...thing };
  }

  @Get(':thingId/forgetful')
  @Access({ municipality: 'resource' })
  forgetful() {
    return { leaked: true };
  }

  @Get('undeclared/route')
  undeclared() {
    return { open: true };
  }
}

describe('HTTP conventions every service shares (real PostgreSQL and Kafka)', () => {
  let app: INestApplication;
  let url: string;
  let drop: () => Promise<void>;
  let config: ReturnType<typeof loadServiceConfig>;
  const logs: string[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('platform_http');
    drop = database.drop;
    config = loadServiceConfig('platform-test', 0, { ...process.env, DATABASE_NAME: database.name, KAFKA_TOPIC_NAMESPACE: uniqueNamespace('platform'), RATE_LIMIT_PER_MINUTE: '40' });
    const logger = createLogger('platform-test', new Writable({ write: (chunk, _e, done) => (logs.push(String(chunk)), done()) }));
    @Module({ imports: [ServiceInfrastructureModule.forRoot({ config, logger, migrations: [] })], controllers: [ThingController] })
    class TestModule {}
    app = await createServiceApp(TestModule, config, logger, { title: 't', description: 't' });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
  };
  const aarhus = () => authHeaders('municipality', { municipality: '751' });

  it('sends security headers, no x-powered-by, and no CORS permission by default', async () => {
    const answer = await call('/v1/things/t1', { headers: { ...(await aarhus()), origin: 'https://evil.example' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('x-powered-by')).toBeNull();
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps idle connections longer than clients do (65 s), so a client never sends on a connection the server is closing', async () => {
    const answer = await call('/v1/things/t1', { headers: await aarhus() });
    expect(answer.headers.get('keep-alive')).toBe('timeout=65');
    expect(app.getHttpServer().keepAliveTimeout).toBe(65_000);
    expect(app.getHttpServer().headersTimeout).toBeGreaterThan(65_000);
  });

  it('gives each request a correlation id and continues the caller\'s trace with a new span', async () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const answer = await call('/v1/things/t1', { headers: { ...(await aarhus()), traceparent: incoming, 'x-correlation-id': 'corr-42' } });
    expect(answer.headers.get('x-correlation-id')).toBe('corr-42');
    expect(answer.headers.get('traceparent')).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(answer.headers.get('traceparent')).not.toBe(incoming);
  });

  it('authenticates and authorises in one place: 401 without a token, 403 for another tenant, 404 for another tenant\'s resource', async () => {
    expect(await call('/v1/things/t1')).toMatchObject({ status: 401, body: { code: 'AUTH.UNAUTHENTICATED' } });
    expect((await call('/v1/things/t1')).headers.get('www-authenticate')).toBe('Bearer');
    const post = await call('/v1/things', { method: 'POST', headers: { ...(await aarhus()), 'content-type': 'application/json' }, body: JSON.stringify({ municipalityCode: '101' }) });
    expect(post).toMatchObject({ status: 403, body: { code: 'AUTH.OTHER_TENANT' } });
    expect(await call('/v1/things/t2', { headers: await aarhus() })).toMatchObject({ status: 404, body: { code: 'THING.NOT_FOUND' } });
    expect(await call('/v1/things/t2', { headers: await authHeaders('admin') })).toMatchObject({ status: 200 });
  });

  it('fails closed: a route without a policy is refused, and a resource route that never checks the tenant fails', async () => {
    expect(await call('/v1/things/undeclared/route', { headers: await authHeaders('admin') })).toMatchObject({ status: 403, body: { code: 'AUTH.NO_POLICY' } });
    const forgetful = await call('/v1/things/t2/forgetful', { headers: await aarhus() });
    expect(forgetful.status).toBe(500);
    expect(JSON.stringify(forgetful.body)).not.toContain('leaked');
    expect(JSON.stringify(forgetful.body)).not.toMatch(/assertTenant|at .*\.ts/); // no internals in the answer
  });

  it('records every request in an append-only audit log that only admin can read', async () => {
    await call('/v1/things/t1', { headers: await aarhus() });
    const dataSource = app.get((await import('typeorm')).DataSource);
    await new Promise((r) => setTimeout(r, 200));
    const entries = await dataSource.query(`SELECT subject, role, tenant, action, resource, outcome, client_address FROM audit_log WHERE action = 'GET /v1/things/:thingId' ORDER BY entry_id`);
    // The resource names the thing and the tenant it belongs to (from assertTenant): for a refused look at another tenant's too.
    const address = expect.stringMatching(/127\.0\.0\.1/);
    expect(entries).toEqual(
      expect.arrayContaining([
        { subject: 'dev-municipality-751', role: 'municipality', tenant: 'municipality:751', action: 'GET /v1/things/:thingId', resource: { thingId: 't1', municipalityCode: '751' }, outcome: 200, client_address: address },
        { subject: 'dev-municipality-751', role: 'municipality', tenant: 'municipality:751', action: 'GET /v1/things/:thingId', resource: { thingId: 't2', municipalityCode: '101' }, outcome: 404, client_address: address },
        { subject: null, role: null, tenant: null, action: 'GET /v1/things/:thingId', resource: { thingId: 't1' }, outcome: 401, client_address: address },
      ]),
    );
    await expect(dataSource.query(`UPDATE audit_log SET outcome = 200`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await call('/v1/admin/audit-log', { headers: await aarhus() })).status).toBe(403);
    const listed = await call('/v1/admin/audit-log?outcome=denied&limit=50', { headers: await authHeaders('admin') });
    expect(listed.status).toBe(200);
    expect(listed.body.map((e: { outcome: number }) => e.outcome).every((o: number) => o === 401 || o === 403)).toBe(true);
    expect(listed.body.length).toBeGreaterThanOrEqual(2);
  });

  it('logs one line per request with the route pattern and no body', async () => {
    await call('/v1/things', { method: 'POST', headers: { ...(await authHeaders('admin')), 'content-type': 'application/json' }, body: JSON.stringify({ municipalityCode: '751' }) });
    await new Promise((r) => setTimeout(r, 100));
    const line = logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.route === '/v1/things' && l.method === 'POST').pop();
    expect(line).toMatchObject({ status: 201, role: 'admin', correlationId: expect.any(String), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(JSON.stringify(logs)).not.toContain('"municipalityCode":"751"');
  });

  it('sends the answer headers as the OpenAPI documents describe them (components.headers), on successes and problems alike', async () => {
    const post = (headers: Record<string, string>, body: string) => call('/v1/things', { method: 'POST', headers, body });
    const admin = { ...(await authHeaders('admin')), 'content-type': 'application/json' };
    const answers = [
      await call('/v1/things/t1', { headers: await aarhus() }),
      await call('/v1/things/t1'),
      await post(admin, JSON.stringify({ municipalityCode: '751', extra: 1 })),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 400]);
    for (const answer of answers) {
      for (const name of ['RateLimit', 'RateLimit-Policy', 'X-Correlation-Id', 'traceparent']) {
        const { maxLength, pattern } = RESPONSE_HEADER_DOCS[name].schema as SchemaObject;
        const value = answer.headers.get(name);
        expect({ name, value }).toEqual({ name, value: expect.stringMatching(new RegExp(pattern!)) });
        expect(value!.length).toBeLessThanOrEqual(maxLength!);
      }
    }
  });

  it('answers the documented problems for bodies it cannot take: 413 too large, 415 an unsupported charset, 400 a bad Idempotency-Key', async () => {
    const admin = { ...(await authHeaders('admin')), 'content-type': 'application/json' };
    const tooLarge = await call('/v1/things', { method: 'POST', headers: admin, body: JSON.stringify({ municipalityCode: 'x'.repeat(200_000) }) });
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'REQUEST.TOO_LARGE' } });
    const latin1 = await call('/v1/things', { method: 'POST', headers: { ...admin, 'content-type': 'application/json; charset=latin1' }, body: '{"municipalityCode":"751"}' });
    expect(latin1).toMatchObject({ status: 415, body: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' } });
    expect(latin1.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = JSON.stringify({ municipalityCode: '751' });
    expect(await call('/v1/things', { method: 'POST', headers: { ...admin, 'idempotency-key': 'k'.repeat(201) }, body })).toMatchObject({ status: 400, body: { errors: [{ field: 'Idempotency-Key' }] } });
    expect(await call('/v1/things', { method: 'POST', headers: { ...admin, 'idempotency-key': 'thing-1' }, body })).toMatchObject({ status: 201, body: { key: 'thing:key:thing-1' } });
  });

  it('creates the topics at start as declared once in libs/contracts (ADR 0097): partitions, retention, cleanup policy', async () => {
    const specs = declaredTopicSpecs(config.kafka, [...new Set(integrationEventCatalog.map((d) => d.topic))]);
    const admin = createKafka({ ...config.kafka, clientId: 'platform-test-topics' }).admin();
    await admin.connect();
    try {
      const settings = await describeTopicSettings(admin, specs.map((s) => s.name));
      const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) });
      for (const spec of specs) {
        const declaration = topicDeclarationOf(spec.name.slice(`${config.kafka.topicNamespace}.`.length));
        const value = (name: string) => settings.get(spec.name)?.find((s) => s.name === name)?.value;
        expect({ topic: spec.name, partitions: topics.find((t) => t.name === spec.name)?.partitions.length, retention: value('retention.ms'), cleanup: value('cleanup.policy') }).toEqual({
          topic: spec.name,
          partitions: declaration.partitions,
          retention: String(declaration.retentionMs),
          cleanup: declaration.cleanupPolicy,
        });
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('limits each client to the configured requests a minute with a 429 problem and Retry-After', async () => {
    const headers = await authHeaders('admin', {});
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const answer = await call('/v1/things/t1', { headers });
      if (answer.status === 429) limited = answer;
    }
    expect(limited).toMatchObject({ status: 429, body: { code: 'REQUEST.RATE_LIMITED' } });
    expect(limited!.headers.get('retry-after')).toBe('60');
    expect(limited!.headers.get('ratelimit')).toMatch(new RegExp(RESPONSE_HEADER_DOCS.RateLimit.schema.pattern!));
    expect(limited!.headers.get('ratelimit')).toMatch(/; r=0;/);
    expect((await call('/health/live')).status).toBe(200); // health is never limited
  });
});
