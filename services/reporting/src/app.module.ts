import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import { text } from 'express';
import type { Logger } from 'pino';
import { ActivityHttpController } from './activity/activity.http.controller';
import { ActivityCounts1763900001000 } from './activity/activity.migration';
import { AnnualStatisticsHttpController, ClosedCasesSeriesHttpController } from './annual-statistics/annual-statistics.http.controller';
import { DashboardHttpController } from './dashboard/dashboard.http.controller';
import { LeadTimesHttpController, LeadTimeTrendHttpController } from './lead-times/lead-times.http.controller';
import { BudgetsHttpController } from './money/budgets.http.controller';
import { FinancingHttpController } from './money/financing.http.controller';
import { ForecastHttpController } from './money/forecast.http.controller';
import { GapLegalBasis1765100000000 } from './mandatory-referral-gaps/gap-legal-basis.migration';
import { MoneyAndPlanning1764300000000 } from './money/money.migration';
import { SettlementStatementsHttpController } from './money/settlements.http.controller';
import { MandatoryReferralGapsHttpController } from './mandatory-referral-gaps/mandatory-referral-gaps.http.controller';
import { liveConsumerName, projectedTopics } from './projections/projected-topics';
import { ReportingMetrics } from './observability/reporting-metrics.provider';
import { ProjectionsKafkaController } from './projections/projections.kafka.controller';
import { ProjectionGenerations1764200000000 } from './projections/projections.migration';
import { ReportingCaseSites1765400000000 } from './projections/case-sites.migration';
import { ReportingVideoInterviewSites1765400007600 } from './projections/video-interview-sites.migration';
import { ReportingSummaries1765200000000 } from './projections/summaries.migration';
import { ReportingReferralSummaries1765300007300 } from './referrals/referral-summaries.migration';
import { ReferralsHttpController, ReferralsYearToDateHttpController } from './referrals/referrals.http.controller';
import { GetReferralsReportHandler, GetReferralsYearToDateHandler } from './referrals/referrals.query';
import { ReportingTenantScopedIds1765100000200 } from './projections/tenant-scoped-ids.migration';
import { PublicationsHttpController } from './publications/publications.http.controller';
import { PublicationTrueCounts1765300000000 } from './publications/publication-true-counts.migration';
import { Publications1765200000000 } from './publications/publications.migration';
import { GetBeforeReferralHandler } from './reasons/before-referral.query';
import { GetCaseEndReasonsHandler } from './reasons/case-end-reasons.query';
import { ReasonsProjection1765300074000 } from './reasons/reasons.migration';
import { BeforeReferralHttpController, CaseEndReasonsHttpController } from './reasons/reasons.http.controller';
import { PublishYearCommandHandler } from './publications/publish.command-handler';
import { GetPublicationHandler, ListPublicationsHandler } from './publications/publications.query';
import { RebuildHttpController } from './rebuild/rebuild.http.controller';
import { RebuildService } from './rebuild/rebuild.service';
import { PopulationHttpController } from './reference/population.http.controller';
import { ReferenceDataSeed } from './reference/reference-data.seed';
import { ReferenceData1764200000001 } from './reference/reference.migration';
import { REPORTING_SETTINGS, reportingSettingsFromEnv } from './reporting-settings';
import { UsageBySiteHttpController } from './usage/usage-by-site.http.controller';
import { GetUsageBySiteHandler } from './usage/usage-by-site.query';
import { UsageHttpController } from './usage/usage.http.controller';
import { VideoInterviewTargetHttpController } from './video-interviews/video-interview-target.http.controller';
import { VideoInterviewsNotReferredHttpController } from './video-interviews/video-interviews-not-referred.http.controller';
import { GetActivityReportHandler } from './activity/activity.query';
import { GetClosedCasesSeriesHandler } from './annual-statistics/annual-statistics-series.query';
import { GetAnnualStatisticsHandler } from './annual-statistics/annual-statistics.query';
import { GetLeadTimesHandler, GetLeadTimeTrendHandler } from './lead-times/lead-times.query';
import { GetMandatoryReferralGapsHandler } from './mandatory-referral-gaps/mandatory-referral-gaps.query';
import { PutBudgetYearCommandHandler } from './money/budgets.command-handler';
import { GetBudgetYearHandler } from './money/budgets.query';
import { GetFinancingHandler } from './money/financing.query';
import { GetForecastBacktestHandler, GetForecastHandler } from './money/forecast.query';
import { GetSettlementStatementHandler } from './money/settlements.query';
import { StartRebuildCommandHandler } from './rebuild/rebuild.command-handler';
import { GetRebuildHandler, ListProjectionsHandler } from './rebuild/rebuild.query';
import { ImportPopulationCommandHandler } from './reference/population.command-handler';
import { GetPopulationYearHandler } from './reference/population.query';
import { GetUsageReportHandler } from './usage/usage.query';
import { GetVideoInterviewTargetHandler } from './video-interviews/video-interview-target.query';
import { GetVideoInterviewsNotReferredHandler } from './video-interviews/video-interviews-not-referred.query';

/** The reads (QueryBus) and writes (CommandBus) the HTTP controllers send. */
const queryHandlers = [
  GetActivityReportHandler,
  GetAnnualStatisticsHandler,
  GetClosedCasesSeriesHandler,
  GetLeadTimesHandler,
  GetLeadTimeTrendHandler,
  GetMandatoryReferralGapsHandler,
  GetBudgetYearHandler,
  GetFinancingHandler,
  GetForecastHandler,
  GetForecastBacktestHandler,
  GetSettlementStatementHandler,
  ListProjectionsHandler,
  GetRebuildHandler,
  GetPopulationYearHandler,
  GetUsageReportHandler,
  GetUsageBySiteHandler,
  ListPublicationsHandler,
  GetPublicationHandler,
  GetVideoInterviewsNotReferredHandler,
  GetVideoInterviewTargetHandler,
  GetReferralsReportHandler,
  GetReferralsYearToDateHandler,
  GetBeforeReferralHandler,
  GetCaseEndReasonsHandler,
];
const commandHandlers = [PutBudgetYearCommandHandler, ImportPopulationCommandHandler, StartRebuildCommandHandler, PublishYearCommandHandler];

@Module({})
export class ReportingModule implements NestModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          config,
          logger,
          ...overrides,
          migrations: [ActivityCounts1763900001000, ProjectionGenerations1764200000000, ReferenceData1764200000001, MoneyAndPlanning1764300000000, GapLegalBasis1765100000000, ReportingTenantScopedIds1765100000200, ReportingSummaries1765200000000, Publications1765200000000, PublicationTrueCounts1765300000000, ReportingReferralSummaries1765300007300, ReasonsProjection1765300074000, ReportingCaseSites1765400000000, ReportingVideoInterviewSites1765400007600],
          consumers: [{ name: liveConsumerName, topics: projectedTopics, handlers: ProjectionsKafkaController }],
        }),
      ],
      controllers: [ActivityHttpController, PopulationHttpController, UsageHttpController, UsageBySiteHttpController, LeadTimesHttpController, LeadTimeTrendHttpController, VideoInterviewsNotReferredHttpController, VideoInterviewTargetHttpController, MandatoryReferralGapsHttpController, AnnualStatisticsHttpController, ClosedCasesSeriesHttpController, RebuildHttpController, DashboardHttpController, BudgetsHttpController, FinancingHttpController, ForecastHttpController, SettlementStatementsHttpController, PublicationsHttpController, ReferralsHttpController, ReferralsYearToDateHttpController, BeforeReferralHttpController, CaseEndReasonsHttpController],
      providers: [ReportingMetrics, ProjectionsKafkaController, ReferenceDataSeed, RebuildService, ...queryHandlers, ...commandHandlers, { provide: REPORTING_SETTINGS, useValue: reportingSettingsFromEnv() }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // FOLK1A exports are CSV and larger than the JSON limit.
    consumer.apply(text({ type: ['text/csv', 'text/plain'], limit: '2mb' })).forRoutes({ path: 'v1/reference/population/*year', method: RequestMethod.PUT });
  }
}
