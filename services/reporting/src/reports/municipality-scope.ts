import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessPolicy } from '@sagsspor/auth';
import { IsKnownMunicipality } from '@sagsspor/platform';
import { IsOptional } from 'class-validator';
import { HOUSE_SCOPED_READERS } from './report-endpoint';
import { HouseFilterQuery } from './report-query';

/**
 * The house-scoped readers, and a municipality for its own children and cases (ADR 0075): a
 * municipality token always gets its own municipality (`?municipality=` may name only it, another
 * is a 403); ops and admin may name any municipality, or none for all.
 */
export const MUNICIPALITY_SCOPED_READERS: AccessPolicy = {
  ...HOUSE_SCOPED_READERS,
  municipality: { in: 'query', field: 'municipality', optional: true },
};

/** `?house=` and `?municipality=`: the handlekommune of the case or interview (ADR 0075). */
export class HouseAndMunicipalityFilterQuery extends HouseFilterQuery {
  @ApiPropertyOptional({ example: '751', description: "Only this municipality's children and cases (the handlekommune); a municipality caller always sees only its own" })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;
}
