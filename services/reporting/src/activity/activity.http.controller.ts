import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@sagsspor/platform';
import { ActivityReport, GetActivityReport } from './activity.query';

@ApiTags('reports')
@Controller('v1/reports/activity')
export class ActivityHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access({ ops: 'any', admin: 'any' })
  @ApiOkResponse({ type: ActivityReport, description: 'Counts of what the platform has seen, as projected from the integration events' })
  report(): Promise<ActivityReport> {
    return this.queryBus.execute(new GetActivityReport());
  }
}
