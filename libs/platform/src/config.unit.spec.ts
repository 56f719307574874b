import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from './config';

const productionEnv = {
  NODE_ENV: 'production',
  CHILD_LOOKUP_SECRET: 's'.repeat(40),
  CHILD_VAULT_KEY: randomBytes(32).toString('base64'),
  AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
  AUTH_ISSUER: 'https://idp.example',
};

describe('loadServiceConfig', () => {
  it('starts in development with the development keys, CORS closed and a rate limit', () => {
    const config = loadServiceConfig('referrals', 3001, {});
    expect(config).toMatchObject({ port: 3001, production: false, corsOrigins: [], rateLimitPerMinute: 6000, databaseTls: false });
    expect(config.auth.verification.kind).toBe('development-key');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/sagsspor_referrals');
    expect(config.childRegistryDatabaseUrl).toBe('postgres://postgres@127.0.0.1:5432/sagsspor_child_registry');
    expect(loadServiceConfig('referrals', 3001, { CHILD_REGISTRY_DATABASE_URL: 'postgres://registry@db.example/children' }).childRegistryDatabaseUrl).toBe('postgres://registry@db.example/children');
  });

  it('sizes the database pool at twice the cores plus one unless DATABASE_POOL_SIZE says otherwise (ADR 0084)', () => {
    expect(loadServiceConfig('referrals', 3001, {}).databasePoolSize).toBe(2 * availableParallelism() + 1);
    expect(loadServiceConfig('referrals', 3001, { DATABASE_POOL_SIZE: '12' }).databasePoolSize).toBe(12);
  });

  it.each(['0', '1', '501', '4.5', 'ten', ''])('refuses DATABASE_POOL_SIZE=%p, naming the variable', (value) => {
    expect(() => loadServiceConfig('referrals', 3001, { DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE must be a whole number from 2 to 500/);
  });

  it('starts in production with real secrets, a JWKS and TLS to PostgreSQL', () => {
    const config = loadServiceConfig('reporting', 3004, { ...productionEnv, DATABASE_SSL: 'true', CORS_ORIGINS: 'https://ops.example, https://dash.example' });
    expect(config.production).toBe(true);
    expect(config.auth.verification).toEqual({ kind: 'jwks', jwksUrl: productionEnv.AUTH_JWKS_URL });
    expect(config.databaseTls).toEqual({ ca: undefined, rejectUnauthorized: true });
    expect(config.corsOrigins).toEqual(['https://ops.example', 'https://dash.example']);
  });

  it('wires TLS with a CA of its own and SASL (SCRAM) into the Kafka client settings', () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.crt');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = loadServiceConfig('referrals', 3001, {
      ...productionEnv,
      KAFKA_BROKERS: 'sagsspor-kafka-bootstrap:9093',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'sagsspor-referrals',
      KAFKA_SASL_PASSWORD: 'from-the-secret',
    });
    expect(config.kafka).toMatchObject({
      brokers: ['sagsspor-kafka-bootstrap:9093'],
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')] },
      sasl: { mechanism: 'scram-sha-512', username: 'sagsspor-referrals', password: 'from-the-secret' },
    });
    expect(loadServiceConfig('referrals', 3001, {}).kafka).toMatchObject({ ssl: false, sasl: undefined });
  });

  it.each([
    ['the development signing key', { AUTH_JWKS_URL: undefined }, /AUTH_JWKS_URL/],
    ['no token issuer', { AUTH_ISSUER: undefined }, /AUTH_ISSUER/],
  ])('refuses to start in production with %s', (_what, change, message) => {
    expect(() => loadServiceConfig('referrals', 3001, { ...productionEnv, ...change })).toThrow(message);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ CHILD_LOOKUP_SECRET: 'short' }, /at least 32/],
    [{ CHILD_VAULT_KEY: 'dG9vIHNob3J0' }, /32 bytes/],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, /RATE_LIMIT_PER_MINUTE/],
    [{ AUTH_DEV_SECRET: 'short' }, /AUTH_DEV_SECRET/],
    [{ CHILD_VAULT_PREVIOUS_KEYS: 'no-colon' }, /CHILD_VAULT_PREVIOUS_KEYS/],
    [{ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, /KAFKA_SASL_MECHANISM must be one of/],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'sagsspor-referrals' }, /KAFKA_SASL_PASSWORD/],
  ])('names the bad setting %p', (env, message) => {
    expect(() => loadServiceConfig('referrals', 3001, env)).toThrow(message);
  });
});
