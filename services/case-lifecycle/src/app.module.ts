import { type DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@sagsspor/contracts';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { CaseDeadlinesReaction } from './case/case-deadlines.reaction';
import { CaseCommandHandler } from './case/case.command-handler';
import { CaseHttpController } from './case/case.http.controller';
import { CaseKafkaController } from './case/case.kafka.controller';
import { GetCaseQueryHandler } from './case/case.query';
import { CaseScheduledCommands } from './case/case.scheduled-commands';
import { CaseListHttpController } from './case-list/case-list.http.controller';
import { ListCasesQueryHandler } from './case-list/case-list.query';
import { CaseListReaction } from './case-list/case-list.reaction';
import { CaseListRepository } from './case-list/case-list.repository';
import { CaseReferencesRepository } from './case-references/case-references.repository';
import { PoliceGateSync } from './police-interviews/police-gate.sync';
import { PoliceInterviewFactsRepository } from './police-interviews/police-interview-facts.repository';
import { PoliceInterviewsReaction } from './police-interviews/police-interviews.reaction';
import { toPublicEvents } from './public-events';
import { CaseLifecycleSchema1764100000000 } from './schema.migration';
import { SettlementHttpController } from './settlement/settlement.http.controller';
import { SettlementStatementQueryHandler } from './settlement/settlement.query';
import { SettlementReaction } from './settlement/settlement.reaction';
import { SettlementsTableReaction } from './settlement/settlements-table.reaction';
import { SettlementsRepository } from './settlement/settlements.repository';
import { CASE_LIFECYCLE_SETTINGS, type CaseLifecycleSettings, caseLifecycleSettingsFromEnv } from './settings';
import { TariffYears } from './tariffs/tariff-years.service';
import { PutTariffYearCommandHandler } from './tariffs/tariffs.command-handler';
import { TariffsHttpController } from './tariffs/tariffs.http.controller';
import { ListTariffsQueryHandler } from './tariffs/tariffs.query';
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
        CaseListReaction,
        PoliceInterviewsReaction,
        CaseDeadlinesReaction,
        SettlementReaction,
        SettlementsTableReaction,
        GetCaseQueryHandler,
        ListCasesQueryHandler,
        SettlementStatementQueryHandler,
        PutTariffYearCommandHandler,
        ListTariffsQueryHandler,
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
