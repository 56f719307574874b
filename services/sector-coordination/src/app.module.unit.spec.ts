import { loadServiceConfig } from '@sagsspor/platform';
import pino from 'pino';
import { SectorCoordinationModule } from './app.module';
import { DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK } from './video-interview/development-inbound-cpr-key';

const config = loadServiceConfig('sector-coordination', 3003, {});
const silent = pino({ level: 'silent' });

describe('SectorCoordinationModule start-up checks', () => {
  it('starts outside production with the development inbound key', () => {
    expect(() => SectorCoordinationModule.forRoot(config, silent, {}, {})).not.toThrow();
  });

  it('refuses to start in production without an inbound CPR key of its own', () => {
    expect(() => SectorCoordinationModule.forRoot({ ...config, production: true }, silent, {}, {})).toThrow(/INBOUND_CPR_PRIVATE_JWK must be set in production/);
    expect(() => SectorCoordinationModule.forRoot({ ...config, production: true }, silent, {}, { INBOUND_CPR_PRIVATE_JWK: JSON.stringify(DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK) })).toThrow(
      /development key/,
    );
  });
});
