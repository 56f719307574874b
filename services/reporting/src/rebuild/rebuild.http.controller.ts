import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import { Access, Caller } from '@sagsspor/platform';
import { IsUUID, Matches } from 'class-validator';
import { StartRebuildCommand } from './rebuild.command-handler';
import { GetRebuild, ListProjections } from './rebuild.query';

/** The path of a projection: `/v1/admin/projections/{name}` (a projection's name is lowercase words joined by hyphens). */
export class ProjectionPath {
  @ApiProperty({ example: 'activity', maxLength: 64, pattern: '^[a-z][a-z0-9-]{0,63}$' })
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'name must be a projection name (lowercase letters, digits and -, at most 64)' })
  name!: string;
}

/** The path of one rebuild: `/v1/admin/projections/{name}/rebuilds/{id}`. */
export class RebuildPath extends ProjectionPath {
  @ApiProperty({ format: 'uuid', description: 'rebuildId from the answer that started it' })
  @IsUUID()
  id!: string;
}

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
  start(@Param() { name }: ProjectionPath, @Caller() caller: Principal) {
    return this.commandBus.execute(new StartRebuildCommand(name, caller.subject));
  }

  @Get(':name/rebuilds/:id')
  @Access({ admin: 'any' })
  @ApiOkResponse({ description: 'Status and progress: events read of the events on the topics when it started' })
  @ApiNotFoundResponse({ description: 'No such rebuild' })
  get(@Param() { name, id }: RebuildPath) {
    return this.queryBus.execute(new GetRebuild(name, id));
  }
}
