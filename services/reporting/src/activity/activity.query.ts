import { ApiProperty } from '@nestjs/swagger';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';

export class ActivityCount {
  @ApiProperty({ example: 12 }) total!: number;
  @ApiProperty({ example: { 'municipality:751': 12 }, description: 'Counts by dimension (municipality:<code>, house:<code>, kind:<kind>)' })
  by!: Record<string, number>;
}

export class ActivityReport {
  @ApiProperty() underretningerReceived!: ActivityCount;
  @ApiProperty() casesOpened!: ActivityCount;
  @ApiProperty() examinationsPerformed!: ActivityCount;
}

/** Counts of what the platform has seen, from the activity projection. */
export class GetActivityReport extends Query<ActivityReport> {}

@QueryHandler(GetActivityReport)
export class GetActivityReportHandler implements IQueryHandler<GetActivityReport> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<ActivityReport> {
    const rows: { metric: string; dimension: string; count: number }[] = await withLiveReadModels(this.dataSource, (m) =>
      m.query(`SELECT metric, dimension, items AS count FROM activity_totals ORDER BY metric, dimension`),
    );
    const countOf = (metric: string): ActivityCount => {
      const mine = rows.filter((r) => r.metric === metric);
      return {
        total: Number(mine.find((r) => r.dimension === 'total')?.count ?? 0),
        by: Object.fromEntries(mine.filter((r) => r.dimension !== 'total').map((r) => [r.dimension, Number(r.count)])),
      };
    };
    return {
      underretningerReceived: countOf('underretninger-received'),
      casesOpened: countOf('cases-opened'),
      examinationsPerformed: countOf('examinations-performed'),
    };
  }
}
