import { applyDecorators, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { AccessPolicy } from '@sagsspor/auth';
import { Access } from '@sagsspor/platform';

/** Ops and house staff read all houses or the one in `?house=` (theirs only); admin reads all. */
export const HOUSE_SCOPED_READERS: AccessPolicy = {
  ops: { in: 'query', field: 'house', optional: true },
  boernehus: { in: 'query', field: 'house', optional: true },
  admin: 'any',
};

/**
 * A report's GET route: who may read it, JSON or CSV (`format=csv` or `Accept: text/csv`, see
 * `answer`), and a 400 naming the bad parameter. `description` says what the report holds.
 */
export function ReportEndpoint(access: AccessPolicy, description: string, badParameter = 'A bad parameter, named in the answer') {
  return applyDecorators(
    Get(),
    Access(access),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({ description }),
    ApiBadRequestResponse({ description: badParameter }),
  );
}
