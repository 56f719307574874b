import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type Tariff, TariffsRepository } from './tariffs.repository';

/** The houses' current tariffs, of one year or all, with version and source. */
export class ListTariffsQuery extends Query<Tariff[]> {
  constructor(readonly year?: number) {
    super();
  }
}

@QueryHandler(ListTariffsQuery)
export class ListTariffsQueryHandler implements IQueryHandler<ListTariffsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tariffs: TariffsRepository,
  ) {}

  execute({ year }: ListTariffsQuery): Promise<Tariff[]> {
    return this.tariffs.list(this.dataSource.manager, year);
  }
}
