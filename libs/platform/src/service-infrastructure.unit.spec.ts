import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadServiceConfig } from './config';
import { ServiceInfrastructureModule } from './service-infrastructure.module';

const production = { NODE_ENV: 'production', CHILD_REF_SECRET: 's'.repeat(40), AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'https://idp.example' };
const logger = pino({ enabled: false });

describe('ServiceInfrastructureModule in production', () => {
  it('refuses the development vault key in a service that keeps CPR numbers', () => {
    const config = loadServiceConfig('referrals', 3001, production);
    expect(() => ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], childVault: true })).toThrow(/CHILD_VAULT_KEY/);
  });

  it('needs no vault key in a service without a vault, and takes a real one', () => {
    expect(() => ServiceInfrastructureModule.forRoot({ config: loadServiceConfig('reporting', 3004, production), logger, migrations: [] })).not.toThrow();
    const withKey = loadServiceConfig('referrals', 3001, { ...production, CHILD_VAULT_KEY: randomBytes(32).toString('base64') });
    expect(() => ServiceInfrastructureModule.forRoot({ config: withKey, logger, migrations: [], childVault: true })).not.toThrow();
  });
});
