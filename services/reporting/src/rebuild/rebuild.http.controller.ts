import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import { DomainError } from '@sagsspor/domain';
import { Access, Caller } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { liveGenerations } from '../projections/projection-store';
import { projections } from '../projections/projections';
import { RebuildService } from './rebuild.service';

const notFound = (name: string, id: string) => new DomainError('PROJECTION.REBUILD_NOT_FOUND', `No rebuild ${id} of projection '${name}'`, 'not-found');

@ApiTags('admin')
@Controller('v1/admin/projections')
export class RebuildHttpController {
  constructor(
    private readonly rebuilds: RebuildService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Access({ admin: 'any', ops: 'any' })
  @ApiOkResponse({ description: 'Every projection with the generation that serves' })
  async list() {
    const live = await liveGenerations(this.dataSource);
    return projections.map((p) => ({ projection: p.name, generation: live[p.name].generation, schema: live[p.name].schema, tables: p.tables.map((t) => t.name) }));
  }

  @Post(':name/rebuilds')
  @HttpCode(202)
  @Access({ admin: 'any' })
  @ApiAcceptedResponse({ description: 'The rebuild started: follow it at GET .../rebuilds/{rebuildId}. The live tables serve until it swaps.' })
  @ApiNotFoundResponse({ description: 'No such projection' })
  @ApiConflictResponse({ description: 'A rebuild of the projection is already running' })
  start(@Param('name') name: string, @Caller() caller: Principal) {
    return this.rebuilds.start(name, caller.subject);
  }

  @Get(':name/rebuilds/:id')
  @Access({ admin: 'any' })
  @ApiOkResponse({ description: 'Status and progress: events read of the events on the topics when it started' })
  @ApiNotFoundResponse({ description: 'No such rebuild' })
  async get(@Param('name') name: string, @Param('id', new ParseUUIDPipe()) id: string) {
    const view = await this.rebuilds.view(name, id);
    if (!view) throw notFound(name, id);
    return view;
  }
}
