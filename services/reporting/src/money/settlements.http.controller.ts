import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import { houseCodes } from '@sagsspor/contracts';
import { Access, Caller, IsKnownMunicipality } from '@sagsspor/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { answer } from '../reports/report-response';
import { statementCsv, statementHtml } from './domain/settlement-statement';
import { GetSettlementStatement } from './settlements.query';

export class SettlementStatementQuery {
  @ApiProperty({ example: '2022-03', description: 'The statement month (the month the cases were settled in: their closing month)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month written YYYY-MM, e.g. 2022-03' })
  month!: string;

  @ApiPropertyOptional({ example: '751', description: 'Only this paying municipality (a municipality user: its own)' })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;

  @ApiPropertyOptional({ enum: houseCodes, description: 'Only the cases of this house (a house user: its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'html'], description: 'JSON (default), CSV (also `Accept: text/csv`) or a printable HTML page in Danish (also `Accept: text/html`)' })
  @IsOptional()
  @IsIn(['json', 'csv', 'html'], { message: 'format must be one of json, csv, html' })
  format?: 'json' | 'csv' | 'html';

  @ApiPropertyOptional({ enum: ['en', 'da'], description: 'CSV dialect: `da` = semicolon, decimal comma, UTF-8 BOM and Danish headings (opens in a Danish Excel)' })
  @IsOptional()
  @IsIn(['en', 'da'])
  locale?: 'en' | 'da';
}

const scoped = (field: string) => ({ in: 'query', field, optional: true }) as const;

@ApiTags('reports')
@Controller('v1/reports/settlements')
export class SettlementStatementsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access({ municipality: scoped('municipality'), boernehus: scoped('house'), ops: scoped('house'), admin: 'any' })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: "The month's settlement statement per paying municipality: each settled case at the tariff it was settled at (interrupted cases pay the full tariff; a corrected settlement replaces the earlier one), subtotals and the total" })
  @ApiBadRequestResponse({ description: 'A bad parameter, named in the answer' })
  async statement(@Query() query: SettlementStatementQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const municipalityCode = municipalityScopeOf(caller, query.municipality);
    const houseCode = houseScopeOf(caller, query.house);
    const { statement, houseNames } = await this.queryBus.execute(new GetSettlementStatement(query.month, municipalityCode, houseCode));
    const wantsHtml = query.format === 'html' || (!query.format && /\btext\/html\b/.test(request.headers.accept ?? ''));
    if (wantsHtml) {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      return statementHtml(statement, houseNames);
    }
    const locale = query.locale ?? 'en';
    const name = `settlements-${query.month}${houseCode ? `-${houseCode}` : ''}${municipalityCode ? `-${municipalityCode}` : ''}`;
    return answer(request, response, { format: query.format === 'csv' ? 'csv' : query.format === 'json' ? 'json' : undefined, locale }, { name, json: statement, csv: () => statementCsv(statement, locale) });
  }
}
