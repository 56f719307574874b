import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { toPublicEvents } from './public-events';
import { ReferralHttpController } from './referral/referral.http.controller';
import { UnderretningHttpController } from './underretning/underretning.http.controller';

@Module({})
export class ReferralsModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [ServiceInfrastructureModule.forRoot({ config, logger, ...overrides, migrations: [], toPublicEvents })],
      controllers: [UnderretningHttpController, ReferralHttpController],
    };
  }
}
