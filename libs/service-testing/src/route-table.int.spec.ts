import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Access, ServiceInfrastructureModule } from '@sagsspor/platform';
import { IsIn, IsString, Length } from 'class-validator';
import { accessSummary, authorizationMatrix, routeTable, runAuthorizationMatrix, unboundedInputsOf, undeclaredRoutes } from './route-table';
import { exampleOf, textFieldsOf, writeRoutes } from './security';
import { type ServiceUnderTest, startServiceUnderTest } from './service-under-test';

class NoteRequest {
  @ApiProperty({ example: 'AAR-2025-1' }) @IsString() @Length(1, 40) noteId!: string;
  @ApiProperty({ example: '751' }) @IsString() municipalityCode!: string;
  @ApiProperty({ enum: ['a', 'b'] }) @IsIn(['a', 'b']) kind!: string;
  @ApiProperty({ example: 3 }) count!: number;
}

@Controller('v1/notes')
class NotesController {
  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  create(@Body() body: NoteRequest) {
    return body;
  }

  // Someone added a route and forgot @Access.
  @Get('forgotten')
  forgotten() {
    return { open: true };
  }
}

// The machinery behind every service's access contract and attack tests, on a service of its own:
// a route without a declared rule is found, refused by the guard, and fails the contract.
describe('route table, matrix and DTO examples', () => {
  let running: ServiceUnderTest;

  beforeAll(async () => {
    running = await startServiceUnderTest({
      serviceName: 'route-table-test',
      label: 'route_table',
      moduleFor: (config, logger) => {
        @Module({ imports: [ServiceInfrastructureModule.forRoot({ config, logger, migrations: [] })], controllers: [NotesController] })
        class TestModule {}
        return TestModule;
      },
      env: { RATE_LIMIT_PER_MINUTE: '0' },
    });
  });
  afterAll(() => running?.drop());

  it('finds a route without a declared rule: it is UNDECLARED in the reviewed table, so the access contract fails', () => {
    const routes = routeTable(running.app);
    expect(undeclaredRoutes(routes)).toEqual(['GET /v1/notes/forgotten']);
    expect(accessSummary(routes)).toMatchObject({ 'GET /v1/notes/forgotten': 'UNDECLARED', 'POST /v1/notes': 'municipality[body.municipalityCode] admin' });
  });

  it('expects 403 for every role on the undeclared route, and the guard answers so (fail closed)', async () => {
    const cases = authorizationMatrix(routeTable(running.app)).filter((c) => c.route.path === '/v1/notes/forgotten');
    expect(cases.map((c) => `${c.role}/${c.tenant}:${c.expect}`)).toEqual([
      'anonymous/own:403',
      ...['municipality', 'boernehus', 'police', 'ops', 'admin'].flatMap((role) => [`${role}/own:403`, `${role}/other:403`]),
    ]);
    expect(await runAuthorizationMatrix(running.url, authorizationMatrix(routeTable(running.app)))).toEqual([]);
  });

  it('reads each write route’s body DTO and builds its example body and text fields from the API documentation', () => {
    const [write] = writeRoutes(running.app);
    expect(write.name).toBe('POST /v1/notes');
    expect(write.body).toEqual(exampleOf(NoteRequest));
    expect(write.body).toEqual({ noteId: 'AAR-2025-1', municipalityCode: '751', kind: 'a', count: 3 });
    expect(textFieldsOf(write.body)).toEqual(['noteId', 'municipalityCode', 'kind']);
  });

  it('finds every input without a bound: an unbounded body field, a path parameter without a DTO or a pipe', () => {
    const post = routeTable(running.app).find((r) => r.method === 'POST')!;
    expect(unboundedInputsOf(post)).toEqual([
      'POST /v1/notes body municipalityCode: no bound (a string needs a maximum length or a bounded pattern, a number a minimum and a maximum)',
      'POST /v1/notes body count: no bound (a string needs a maximum length or a bounded pattern, a number a minimum and a maximum)',
    ]);
    expect(unboundedInputsOf({ method: 'GET', path: '/v1/notes/:noteId', isPublic: false })).toEqual(['GET /v1/notes/:noteId path noteId: a path parameter without a @Param() DTO or a pipe']);
  });
});
