import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadServiceConfig } from './config';
import { ServiceInfrastructureModule } from './service-infrastructure.module';

const production = { NODE_ENV: 'production', CHILD_LOOKUP_SECRET: 's'.repeat(40), CHILD_REGISTRY_DATABASE_URL: 'postgres://registry@db.example/children', AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'https://idp.example' };
const logger = pino({ enabled: false });

describe('ServiceInfrastructureModule in production', () => {
  it('refuses the development vault key in a service that keeps CPR numbers', () => {
    const config = loadServiceConfig('referrals', 3001, production);
    expect(() => ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], childRegistry: true })).toThrow(/CHILD_VAULT_KEY/);
  });

  it('refuses to pick the child registry database by default in production (each service would get its own)', () => {
    const config = loadServiceConfig('referrals', 3001, { ...production, CHILD_REGISTRY_DATABASE_URL: undefined, CHILD_VAULT_KEY: randomBytes(32).toString('base64') });
    expect(() => ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], childRegistry: true })).toThrow(/CHILD_REGISTRY_DATABASE_URL/);
  });

  it('refuses the development lookup secret in a service that looks children up in the registry', () => {
    const config = loadServiceConfig('referrals', 3001, { ...production, CHILD_LOOKUP_SECRET: undefined, CHILD_VAULT_KEY: randomBytes(32).toString('base64') });
    expect(() => ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], childRegistry: true })).toThrow(/CHILD_LOOKUP_SECRET/);
  });

  it('needs no vault key or lookup secret in a service without the registry, and takes real ones', () => {
    expect(() => ServiceInfrastructureModule.forRoot({ config: loadServiceConfig('reporting', 3004, { ...production, CHILD_LOOKUP_SECRET: undefined }), logger, migrations: [] })).not.toThrow();
    const withKey = loadServiceConfig('referrals', 3001, { ...production, CHILD_VAULT_KEY: randomBytes(32).toString('base64') });
    expect(() => ServiceInfrastructureModule.forRoot({ config: withKey, logger, migrations: [], childRegistry: true })).not.toThrow();
  });
});
