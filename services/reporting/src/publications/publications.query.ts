import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { problem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { listPublications, type PublicationRecord, type PublicationSummary, publishedTables } from './publications.store';

/** Every publication, newest first. */
export class ListPublications extends Query<{ publications: PublicationSummary[] }> {}

@QueryHandler(ListPublications)
export class ListPublicationsHandler implements IQueryHandler<ListPublications> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<{ publications: PublicationSummary[] }> {
    return { publications: await listPublications(this.dataSource) };
  }
}

/** One publication: its tables as frozen and its disclosure audit. */
export class GetPublication extends Query<Omit<PublicationRecord, 'cells'>> {
  constructor(
    readonly year: number,
    readonly number: number,
  ) {
    super();
  }
}

@QueryHandler(GetPublication)
export class GetPublicationHandler implements IQueryHandler<GetPublication> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, number }: GetPublication): Promise<Omit<PublicationRecord, 'cells'>> {
    const publication = await publishedTables(this.dataSource, year, number);
    if (!publication) throw problem(404, 'PUBLICATION.NOT_FOUND', 'No such publication', `There is no publication ${number} of ${year}: GET /v1/publications lists them.`);
    const { cells: _cells, ...shown } = publication;
    return shown;
  }
}
