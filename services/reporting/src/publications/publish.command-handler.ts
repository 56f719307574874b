import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { inUnitOfWork } from '@sagsspor/event-store';
import { problem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { loadUsageYear } from '../usage/usage.query';
import { usageCells, usageTables } from '../usage/usage.report';
import { publishedCells, sameAsLatest } from './domain/publication';
import { protectJointly } from './joint-protection';
import { earlierPublications, insertPublication, type PublicationRecord, publishedTables } from './publications.store';

export interface PublishResult {
  /** False when the tables are what the year's latest publication shows: no new publication. */
  created: boolean;
  publication: PublicationRecord;
}

/** Freezes the year's usage tables as its next publication, protected jointly with the year's earlier ones. */
export class PublishYearCommand extends Command<PublishResult> {
  constructor(
    readonly year: number,
    readonly publishedBy: string,
  ) {
    super();
  }
}

@CommandHandler(PublishYearCommand)
export class PublishYearCommandHandler implements ICommandHandler<PublishYearCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, publishedBy }: PublishYearCommand): Promise<PublishResult> {
    const data = await loadUsageYear(this.dataSource, year);
    return inUnitOfWork(this.dataSource, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(72014040050000 + $1::int)', [year]);
      const earlier = await earlierPublications(manager, year);
      const { known, alsoHide, decisions, audit } = await protectJointly(usageCells(data.input), earlier);
      const tables = { region: usageTables({ ...data.input, basis: 'region' }, { known, alsoHide }), national: usageTables({ ...data.input, basis: 'national' }, { known, alsoHide }) };
      const { cells } = tables.region;
      const shown = publishedCells(cells, new Set(decisions.keys()));
      const latest = earlier.at(-1);
      if (latest && sameAsLatest(latest.cells, shown) && latest.population.checksum === data.population.checksum) {
        return { created: false, publication: (await publishedTables(manager, year, latest.number))! };
      }
      const nameOf = new Map([...tables.region.municipality, ...tables.region.house].map((r) => [r.code, r.name]));
      const named = { ...audit, cells: audit.cells.map((c) => ({ ...c, name: nameOf.get(c.id) ?? (c.id.startsWith('DK') ? 'Hele landet' : c.id) })) };
      if (!audit.passed) {
        const narrow = [...named.cells.filter((c) => !c.protected), ...(audit.earlierExposed ?? []).map((c) => ({ ...c, name: `${nameOf.get(c.id) ?? c.id} (publication ${earlier.filter((e) => e.trueCells)[c.release]?.number})` }))];
        throw problem(
          422,
          'PUBLICATION.NOT_PROTECTED',
          'The tables cannot be published safely',
          `The disclosure check found ${narrow.length} hidden cell(s) a reader could narrow (the first: ${narrow[0].name}, ${narrow[0].interval.min}-${narrow[0].interval.max ?? '∞'}). Nothing was published.`,
        );
      }
      const strip = (t: typeof tables.region) => ({ municipality: t.municipality, region: t.region, house: t.house });
      const number = (latest?.number ?? 0) + 1;
      await insertPublication(manager, { year, number, publishedBy, population: data.population, cells: shown, tables: { region: strip(tables.region), national: strip(tables.national) }, audit: named, trueCells: cells });
      return { created: true, publication: (await publishedTables(manager, year, number))! };
    });
  }
}
