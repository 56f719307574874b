import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import { Access, Caller } from '@sagsspor/platform';
import { StartRebuildCommand } from './rebuild.command-handler';
import { GetRebuild, ListProjections } from './rebuild.query';

@ApiTags('admin')
@Controller('v1/admin/projections')
export class RebuildHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Access({ admin: 'any', ops: 'any' })
  @ApiOkResponse({ description: 'Every projection with the generation that serves' })
  list() {
    return this.queryBus.execute(new ListProjections());
  }

  @Post(':name/rebuilds')
  @HttpCode(202)
  @Access({ admin: 'any' })
  @ApiAcceptedResponse({ description: 'The rebuild started: follow it at GET .../rebuilds/{rebuildId}. The live tables serve until it swaps.' })
  @ApiNotFoundResponse({ description: 'No such projection' })
  @ApiConflictResponse({ description: 'A rebuild of the projection is already running' })
  start(@Param('name') name: string, @Caller() caller: Principal) {
    return this.commandBus.execute(new StartRebuildCommand(name, caller.subject));
  }

  @Get(':name/rebuilds/:id')
  @Access({ admin: 'any' })
  @ApiOkResponse({ description: 'Status and progress: events read of the events on the topics when it started' })
  @ApiNotFoundResponse({ description: 'No such rebuild' })
  get(@Param('name') name: string, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.queryBus.execute(new GetRebuild(name, id));
  }
}
