import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule, type ServiceConfig } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { toPublicEvents } from './public-events';
import { ReferralHttpController } from './referral/referral.http.controller';
import { UnderretningHttpController } from './underretning/underretning.http.controller';

@Module({})
export class ReferralsModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [ServiceInfrastructureModule.forRoot({ config, logger, migrations: [], toPublicEvents })],
      controllers: [UnderretningHttpController, ReferralHttpController],
    };
  }
}
