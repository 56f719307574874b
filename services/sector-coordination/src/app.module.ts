import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { ExaminationHttpController } from './examination/examination.http.controller';
import { toPublicEvents } from './public-events';

@Module({})
export class SectorCoordinationModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}): DynamicModule {
    return {
      module: SectorCoordinationModule,
      imports: [ServiceInfrastructureModule.forRoot({ config, logger, ...overrides, migrations: [], toPublicEvents })],
      controllers: [ExaminationHttpController],
    };
  }
}
