import { type DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@sagsspor/contracts';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { CaseCommandHandler } from './case/case.command-handler';
import { CaseHttpController } from './case/case.http.controller';
import { CaseKafkaController } from './case/case.kafka.controller';
import { CaseScheduledCommands } from './case/case.scheduled-commands';
import { CaseListHttpController } from './case-list/case-list.http.controller';
import { CaseListRepository } from './case-list/case-list.repository';
import { CaseReferencesRepository } from './case-references/case-references.repository';
import { PoliceGateSync } from './police-interviews/police-gate.sync';
import { PoliceInterviewFactsRepository } from './police-interviews/police-interview-facts.repository';
import { toPublicEvents } from './public-events';
import { CaseLifecycleSchema1764100000000 } from './schema.migration';
import { SettleClosedCaseHandler } from './settlement/settle-closed-case.handler';
import { SettlementHttpController } from './settlement/settlement.http.controller';
import { SettlementsRepository } from './settlement/settlements.repository';
import { CASE_LIFECYCLE_SETTINGS, type CaseLifecycleSettings, caseLifecycleSettingsFromEnv } from './settings';
import { TariffYears } from './tariffs/tariff-years.service';
import { TariffsHttpController } from './tariffs/tariffs.http.controller';
import { TariffsRepository } from './tariffs/tariffs.repository';
import { TariffsSeed } from './tariffs/tariffs.seed';

@Module({})
export class CaseLifecycleModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}, settings: CaseLifecycleSettings = caseLifecycleSettingsFromEnv()): DynamicModule {
    return {
      module: CaseLifecycleModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          config,
          logger,
          ...overrides,
          migrations: [CaseLifecycleSchema1764100000000],
          toPublicEvents,
          consumers: [{ name: 'cases', topics: [Topics.referralsEvents, Topics.sectorCoordinationEvents], handlers: CaseKafkaController }],
          scheduledCommands: CaseScheduledCommands,
        }),
      ],
      controllers: [CaseListHttpController, CaseHttpController, SettlementHttpController, TariffsHttpController],
      providers: [
        { provide: CASE_LIFECYCLE_SETTINGS, useValue: settings },
        CaseCommandHandler,
        SettleClosedCaseHandler,
        CaseKafkaController,
        CaseScheduledCommands,
        PoliceGateSync,
        PoliceInterviewFactsRepository,
        CaseListRepository,
        CaseReferencesRepository,
        SettlementsRepository,
        TariffsRepository,
        TariffYears,
        TariffsSeed,
      ],
    };
  }
}
