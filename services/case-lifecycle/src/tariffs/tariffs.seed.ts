import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Clock } from '@sagsspor/domain';
import { CLOCK, LOGGER } from '@sagsspor/platform';
import { tariffs as referenceTariffs } from '@sagsspor/reference-data';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { TariffYears } from './tariff-years.service';

/**
 * Loads the tariffs shipped as reference data (libs/reference-data tariffs.csv) at every start: a
 * year or house new to the file is added, a changed value becomes a new version, and a value an
 * administrator put through the API is never overwritten by the file.
 */
@Injectable()
export class TariffsSeed implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly years: TariffYears,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const byYear = new Map<number, { houseCode: string; dkkPerCase: number }[]>();
    for (const t of referenceTariffs) byYear.set(t.year, [...(byYear.get(t.year) ?? []), { houseCode: t.houseCode, dkkPerCase: t.dkkPerCase }]);
    await this.dataSource.transaction(async (manager) => {
      for (const [year, entries] of byYear) {
        const { changes, casesToSettle } = await this.years.put(manager, year, entries, 'reference-data', 'reference-data', this.clock());
        if (changes.length > 0) this.logger.info({ year, houses: changes.map((c) => c.houseCode), casesToSettle }, 'tariffs loaded from the reference data');
      }
    });
  }
}
