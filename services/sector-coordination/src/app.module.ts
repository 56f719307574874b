import { type DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@sagsspor/contracts';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { CaseConferenceCommandHandler } from './case-conference/case-conference.command-handler';
import { CaseConferenceHttpController } from './case-conference/case-conference.http.controller';
import { ConferenceIds1764200000200 } from './case-conference/case-conference.migration';
import { ConferenceIdsRepository } from './case-conference/conference-ids.repository';
import { ExaminationCommandHandler } from './examination/examination.command-handler';
import { ExaminationHttpController } from './examination/examination.http.controller';
import { KeepKnownCaseHandler } from './known-cases/known-cases.command-handler';
import { KnownCases1764200000000 } from './known-cases/known-cases.migration';
import { KnownCasesKafkaController } from './known-cases/known-cases.kafka.controller';
import { FindKnownCaseHandler } from './known-cases/known-cases.query';
import { KnownCasesRepository } from './known-cases/known-cases.repository';
import { toPublicEvents } from './public-events';
import { INBOUND_CPR_KEY, loadInboundCprKey } from './video-interview/inbound-cpr-key';
import { VideoInterviewCommandHandler } from './video-interview/video-interview.command-handler';
import { VideoInterviewHttpController } from './video-interview/video-interview.http.controller';
import { decodePoliceVideoInterviewMessage } from './video-interview/video-interview.inbound-message';
import { VideoInterviewKafkaController } from './video-interview/video-interview.kafka.controller';
import { VideoInterviewReadModel1764200000100 } from './video-interview/video-interview.migration';
import { VideoInterviewTenantScopedIds1765100000100 } from './video-interview/tenant-scoped-ids.migration';
import { VideoInterviewSites1765400007600 } from './video-interview/video-interview-sites.migration';
import { FindVideoInterviewHandler } from './video-interview/video-interview.query';
import { VideoInterviewReadModel } from './video-interview/video-interview.read-model';
import { VideoInterviewRequestCommandHandler } from './video-interview-request/video-interview-request.command-handler';
import { VideoInterviewRequestHttpController } from './video-interview-request/video-interview-request.http.controller';

@Module({})
export class SectorCoordinationModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    // Checked at start-up: in production the service refuses to run without its own inbound CPR key.
    const inboundCprKey = loadInboundCprKey(env, config.production);
    if (inboundCprKey.development) logger.warn('using the development key for CPRs on the inbound police topic (set INBOUND_CPR_PRIVATE_JWK outside development)');
    return {
      module: SectorCoordinationModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          config,
          logger,
          ...overrides,
          childRegistry: true,
          migrations: [KnownCases1764200000000, VideoInterviewReadModel1764200000100, ConferenceIds1764200000200, VideoInterviewTenantScopedIds1765100000100, VideoInterviewSites1765400007600],
          toPublicEvents,
          consumers: [
            { name: 'known-cases', topics: [Topics.caseLifecycleEvents], handlers: KnownCasesKafkaController },
            { name: 'police-video-interviews', topics: [Topics.inboundPoliceVideoInterviews], handlers: VideoInterviewKafkaController, decode: decodePoliceVideoInterviewMessage },
          ],
        }),
      ],
      controllers: [VideoInterviewHttpController, VideoInterviewRequestHttpController, CaseConferenceHttpController, ExaminationHttpController],
      providers: [
        { provide: INBOUND_CPR_KEY, useValue: inboundCprKey },
        // One command handler per aggregate, with the reactions it binds to its pipeline.
        VideoInterviewCommandHandler,
        VideoInterviewReadModel,
        VideoInterviewRequestCommandHandler,
        CaseConferenceCommandHandler,
        ConferenceIdsRepository,
        ExaminationCommandHandler,
        KeepKnownCaseHandler,
        // Reads.
        FindVideoInterviewHandler,
        FindKnownCaseHandler,
        KnownCasesRepository,
        // The Kafka adapters.
        KnownCasesKafkaController,
        VideoInterviewKafkaController,
      ],
    };
  }
}
