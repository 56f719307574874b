import { Writable } from 'node:stream';
import { type INestApplication, Module } from '@nestjs/common';
import { ChildRegistry } from '@sagsspor/child-identity';
import { authHeaders, createTestDatabase, uniqueNamespace, waitFor } from '@sagsspor/testing';
import { DataSource } from 'typeorm';
import { createServiceApp } from './bootstrap';
import { loadServiceConfig } from './config';
import { createLogger } from './logger';
import { ServiceInfrastructureModule } from './service-infrastructure.module';


describe('erasure and retention of children in a service that uses the child registry (real PostgreSQL)', () => {
  let app: INestApplication;
  let url: string;
  let drop: () => Promise<void>;
  let now = new Date('2025-06-02T08:00:00Z');

  beforeAll(async () => {
    const database = await createTestDatabase('platform_erasure');
    drop = database.drop;
    const config = loadServiceConfig('erasure-test', 0, { ...process.env, DATABASE_NAME: database.name, CHILD_REGISTRY_DATABASE_NAME: database.name, KAFKA_TOPIC_NAMESPACE: uniqueNamespace('erasure'), CPR_RETENTION_DAYS: '365' });
    const logger = createLogger('erasure-test', new Writable({ write: (_c, _e, done) => done() }));
    @Module({ imports: [ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], childRegistry: true, clock: () => now, schedulerIntervalMs: 50 })] })
    class TestModule {}
    app = await createServiceApp(TestModule, config, logger, { title: 't', description: 't' });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const erase = async (role: 'admin' | 'ops', body: unknown) =>
    fetch(`${url}/v1/admin/child-erasures`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await authHeaders(role)) }, body: JSON.stringify(body) });

  it('lets only admin erase, by childRef, and the CPR cannot be read afterwards', async () => {
    const registry = app.get(ChildRegistry);
    const { childRef } = (await registry.resolve('020416-4002')).identity;
    expect((await erase('ops', { childRef, reason: 'dpo request 17' })).status).toBe(403);
    const answer = await erase('admin', { childRef, reason: 'dpo request 17' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ childRef, erased: true });
    expect(await registry.reveal(childRef)).toBeUndefined();
    expect(await (await erase('admin', { childRef, reason: 'again' })).json()).toEqual({ childRef, erased: false });
    const records = await (await fetch(`${url}/v1/admin/child-erasures?childRef=${childRef}`, { headers: await authHeaders('admin') })).json();
    expect(records).toEqual([{ childRef, reason: 'dpo request 17', erasedAt: expect.any(String) }]);
  });

  it('refuses an erasure request that names a CPR instead of a childRef', async () => {
    const answer = await erase('admin', { childRef: '020416-4002', reason: 'wrong' });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await answer.json())).toContain('childRef');
  });

  it('crypto-shreds CPRs not received again within the retention period, in a daily durable sweep', async () => {
    const registry = app.get(ChildRegistry);
    const dataSource = app.get(DataSource);
    const staleChildRef = (await registry.resolve('020416-4010')).identity.childRef;
    await dataSource.query(`UPDATE child_registry SET last_seen_at = $2 WHERE child_ref = $1`, [staleChildRef, new Date('2024-05-01T00:00:00Z')]);
    now = new Date('2025-06-03T06:00:00Z'); // the next day's sweep is due
    await waitFor(() => registry.reveal(staleChildRef), (cpr) => cpr === undefined, { what: 'the retention sweep' });
    const [record] = await dataSource.query(`SELECT reason FROM child_registry_erasures WHERE child_ref = $1`, [staleChildRef]);
    expect(record.reason).toBe('retention: not received for 365 days');
    const next = await dataSource.query(`SELECT schedule_id FROM scheduled_commands WHERE fired_at IS NULL AND kind = 'platform.child-vault-retention'`);
    expect(next).toEqual([{ schedule_id: 'platform.child-vault-retention:2025-06-04' }]);
  });
});
