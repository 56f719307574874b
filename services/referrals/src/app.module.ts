import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { ConsultationHttpController } from './consultation/consultation.http.controller';
import { MandatoryReferralWatchWorkflow } from './mandatory-referral-watch/mandatory-referral-watch.workflow';
import { toPublicEvents } from './public-events';
import { ReferralHttpController } from './referral/referral.http.controller';
import { ReferralsReadTables1765000000000 } from './schema.migration';
import { REFERRALS_SETTINGS, type ReferralsSettings } from './settings';
import { UnderretningHttpController } from './underretning/underretning.http.controller';

@Module({})
export class ReferralsModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides, settings: ReferralsSettings): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          config,
          logger,
          ...overrides,
          migrations: [ReferralsReadTables1765000000000],
          toPublicEvents,
          childVault: true,
          scheduledCommands: MandatoryReferralWatchWorkflow,
        }),
      ],
      controllers: [UnderretningHttpController, ReferralHttpController, ConsultationHttpController],
      providers: [{ provide: REFERRALS_SETTINGS, useValue: settings }, MandatoryReferralWatchWorkflow],
    };
  }
}
