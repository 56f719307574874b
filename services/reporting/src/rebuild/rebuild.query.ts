import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sagsspor/domain';
import { DataSource } from 'typeorm';
import { liveGenerations } from '../projections/projection-store';
import { projections } from '../projections/projections';
import { RebuildService, type RebuildView } from './rebuild.service';

export interface ProjectionView {
  projection: string;
  generation: number;
  schema: string;
  tables: string[];
}

/** Every projection with the generation that serves. */
export class ListProjections extends Query<ProjectionView[]> {}

@QueryHandler(ListProjections)
export class ListProjectionsHandler implements IQueryHandler<ListProjections> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<ProjectionView[]> {
    const live = await liveGenerations(this.dataSource);
    return projections.map((p) => ({ projection: p.name, generation: live[p.name].generation, schema: live[p.name].schema, tables: p.tables.map((t) => t.name) }));
  }
}

/** One rebuild of a projection: status and progress (not found if there is none). */
export class GetRebuild extends Query<RebuildView> {
  constructor(
    readonly projection: string,
    readonly rebuildId: string,
  ) {
    super();
  }
}

@QueryHandler(GetRebuild)
export class GetRebuildHandler implements IQueryHandler<GetRebuild> {
  constructor(private readonly rebuilds: RebuildService) {}

  async execute({ projection, rebuildId }: GetRebuild): Promise<RebuildView> {
    const view = await this.rebuilds.view(projection, rebuildId);
    if (!view) throw new DomainError('PROJECTION.REBUILD_NOT_FOUND', `No rebuild ${rebuildId} of projection '${projection}'`, 'not-found');
    return view;
  }
}
