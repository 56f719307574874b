import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { ConsultationHttpController } from './consultation/consultation.http.controller';
import { ConsultationCommandHandler } from './consultation/consultation.command-handler';
import { GetConsultationHandler } from './consultation/consultation.query';
import { MandatoryReferralWatchCommandHandler } from './mandatory-referral-watch/mandatory-referral-watch.command-handler';
import { MandatoryReferralWatchScheduledCommands } from './mandatory-referral-watch/mandatory-referral-watch.scheduled-commands';
import { MandatoryReferralWatches } from './mandatory-referral-watch/mandatory-referral-watches.repository';
import { ReferralRegister } from './referral/referral-register';
import { ReferralCommandHandler } from './referral/referral.command-handler';
import { GetReferralHandler, ListReferralsHandler } from './referral/referral.query';
import { UnderretningCommandHandler } from './underretning/underretning.command-handler';
import { GetUnderretningHandler } from './underretning/underretning.query';
import { toPublicEvents } from './public-events';
import { referralsUpcasters } from './upcasters';
import { ReferralHttpController } from './referral/referral.http.controller';
import { ReferralsReadTables1765000000000 } from './schema.migration';
import { TenantScopedIds1765100000000 } from './tenant-scoped-ids.migration';
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
          migrations: [ReferralsReadTables1765000000000, TenantScopedIds1765100000000],
          toPublicEvents,
          // Every aggregate's steps from older stored shapes of its events (ADR 0014).
          upcasters: referralsUpcasters,
          childRegistry: true,
          scheduledCommands: MandatoryReferralWatchScheduledCommands,
        }),
      ],
      controllers: [UnderretningHttpController, ReferralHttpController, ConsultationHttpController],
      providers: [
        { provide: REFERRALS_SETTINGS, useValue: settings },
        UnderretningCommandHandler,
        ReferralCommandHandler,
        ConsultationCommandHandler,
        MandatoryReferralWatchCommandHandler,
        MandatoryReferralWatchScheduledCommands,
        ReferralRegister,
        MandatoryReferralWatches,
        GetUnderretningHandler,
        GetReferralHandler,
        ListReferralsHandler,
        GetConsultationHandler,
      ],
    };
  }
}
