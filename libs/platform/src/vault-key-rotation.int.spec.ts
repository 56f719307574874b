import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Module } from '@nestjs/common';
import { ChildRegistry } from '@sagsspor/child-identity';
import { createTestDatabase, uniqueNamespace } from '@sagsspor/testing';
import { DataSource } from 'typeorm';
import { createServiceApp } from './bootstrap';
import { loadServiceConfig } from './config';
import { createLogger } from './logger';
import { ServiceInfrastructureModule } from './service-infrastructure.module';

describe('rotating the vault key of the child registry (real PostgreSQL)', () => {
  it('re-wraps every child key with the new vault key at start, and the CPR still reads', async () => {
    const database = await createTestDatabase('vault_rotation');
    const namespace = uniqueNamespace('rotation');
    const [oldKey, newKey] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const start = async (env: Record<string, string>) => {
      const config = loadServiceConfig('rotation-test', 0, { ...process.env, DATABASE_NAME: database.name, CHILD_REGISTRY_DATABASE_NAME: database.name, KAFKA_TOPIC_NAMESPACE: namespace, CPR_RETENTION_DAYS: '0', ...env });
      const logger = createLogger('rotation-test', new Writable({ write: (_c, _e, done) => done() }));
      @Module({ imports: [ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], childRegistry: true })] })
      class TestModule {}
      const app = await createServiceApp(TestModule, config, logger, { title: 't', description: 't' });
      await app.init();
      return app;
    };
    try {
      const before = await start({ CHILD_VAULT_KEY_ID: 'k-2024', CHILD_VAULT_KEY: oldKey });
      const { childRef } = (await before.get(ChildRegistry).resolve('020416-4002')).identity;
      await before.close();

      const after = await start({ CHILD_VAULT_KEY_ID: 'k-2025', CHILD_VAULT_KEY: newKey, CHILD_VAULT_PREVIOUS_KEYS: `k-2024:${oldKey}` });
      const dataSource = after.get(DataSource);
      expect(await dataSource.query(`SELECT vault_key_id FROM child_registry`)).toEqual([{ vault_key_id: 'k-2025' }]);
      expect(await after.get(ChildRegistry).reveal(childRef)).toBe('0204164002');
      await after.close();

      const withoutOldKey = await start({ CHILD_VAULT_KEY_ID: 'k-2025', CHILD_VAULT_KEY: newKey });
      expect(await withoutOldKey.get(ChildRegistry).reveal(childRef)).toBe('0204164002');
      await withoutOldKey.close();
    } finally {
      await database.drop();
    }
  });
});
