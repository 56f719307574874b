import { createHash } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { inUnitOfWork } from '@sagsspor/event-store';
import { problem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { parseFolk1a } from './domain/folk1a';
import { populationVersions, type VersionRow, versionOf } from './population.query';
import { referenceMunicipalities } from '../reports/reference-rows';

export interface PopulationImport extends ReturnType<typeof versionOf> {
  year: number;
  municipalities: number;
  rowsIgnored: number;
  /** The version this one replaced, if any. */
  replaced: ReturnType<typeof versionOf> | null;
  /** The same file as the current version: nothing imported. */
  unchanged: boolean;
}

/** Imports Statistics Denmark's FOLK1A export of the year as its new version (the same file again changes nothing). */
export class ImportPopulationCommand extends Command<PopulationImport> {
  constructor(
    readonly year: number,
    /** The FOLK1A CSV, as sent. */
    readonly csv: string,
    readonly importedBy: string,
  ) {
    super();
  }
}

@CommandHandler(ImportPopulationCommand)
export class ImportPopulationCommandHandler implements ICommandHandler<ImportPopulationCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, csv, importedBy }: ImportPopulationCommand): Promise<PopulationImport> {
    const parsed = parseFolk1a(csv, year, referenceMunicipalities);
    if (!parsed.ok) {
      const errors = parsed.problems.map((p) => ({ field: [p.line ? `line ${p.line}` : undefined, p.column].filter(Boolean).join(', ') || 'body', message: p.message, line: p.line, column: p.column }));
      throw parsed.kind === 'malformed'
        ? problem(400, 'POPULATION.NOT_A_FOLK1A_EXPORT', 'Not a FOLK1A export', `The file is not the FOLK1A CSV export: ${errors[0].message}`, errors)
        : problem(422, 'POPULATION.INVALID_ROWS', 'The population file has errors', `${errors.length} problem(s), the first: ${errors[0].field}: ${errors[0].message}`, errors);
    }
    const checksum = createHash('sha256').update(csv).digest('hex');
    const total = [...parsed.populations.values()].reduce((a, b) => a + b, 0);
    const outcome = await inUnitOfWork(this.dataSource, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(72014040030000 + $1::int)', [year]);
      const versions = await populationVersions(manager, year);
      if (versions[0]?.checksum === checksum) return { created: false, current: versions[0], previous: versions[1] };
      const version = (versions[0]?.version ?? 0) + 1;
      const [current]: VersionRow[] = await manager.query(
        `INSERT INTO population_versions (year, version, imported_by, checksum, rows_read, population) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [year, version, importedBy, checksum, parsed.rowsRead, total],
      );
      for (const [code, population] of parsed.populations) {
        await manager.query(`INSERT INTO population_0_17 (year, version, municipality_code, population) VALUES ($1, $2, $3, $4)`, [year, version, code, population]);
      }
      return { created: true, current, previous: versions[0] };
    });
    return {
      year,
      ...versionOf(outcome.current),
      municipalities: parsed.populations.size,
      rowsIgnored: parsed.rowsIgnored,
      replaced: outcome.previous ? versionOf(outcome.previous) : null,
      unchanged: !outcome.created,
    };
  }
}
