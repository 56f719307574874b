import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { publish } from './events';
import { AALBORG, AARHUS, MUNICIPALITY_VIEWS_TODAY, municipalityViewsEvents } from './municipality-views';
import { startReporting } from './reporting-service';

interface Listed {
  municipalityCode: string;
}
/** What the views answer, as far as this check reads them. */
interface Answer {
  all: { open: { approaching90: Listed[]; approaching120: Listed[]; section20: { approaching: Listed[]; passed: Listed[] } } };
  rows: { key: string }[];
}

/** Every municipality-scoped report, with the municipality codes its rows name. */
const views: { path: string; municipalitiesIn: (body: Answer) => string[] }[] = [
  {
    path: '/v1/reports/lead-times?year=2025',
    municipalitiesIn: (b) => [...b.all.open.approaching90, ...b.all.open.approaching120, ...b.all.open.section20.approaching, ...b.all.open.section20.passed].map((c) => c.municipalityCode),
  },
  { path: '/v1/reports/video-interviews-not-referred?year=2025&groupBy=municipality', municipalitiesIn: (b) => b.rows.filter((r) => r.key !== 'total').map((r) => r.key) },
  { path: '/v1/reports/mandatory-referral-gaps?year=2025&groupBy=municipality', municipalitiesIn: (b) => b.rows.filter((r) => r.key !== 'total').map((r) => r.key) },
];

/** Municipality A cannot see B's rows, in every municipality-scoped report (ADR 0075). */
export function describeMunicipalityRowScoping(): void {
  describe('reporting: a municipality sees only its own rows', () => {
    let service: ServiceUnderTest;
    const as = (municipality: string) => httpAs(service.url, 'municipality', { municipality });

    beforeAll(async () => {
      service = await startReporting('reporting_municipality_rows', { clock: controlledClock(MUNICIPALITY_VIEWS_TODAY) });
      await publish(service, municipalityViewsEvents());
      const ops = httpAs(service.url, 'ops');
      await waitFor(
        async () => Promise.all(views.map((v) => ops.get(v.path))),
        (answers) => answers.every((a, i) => a.status === 200 && new Set(views[i].municipalitiesIn(a.body as Answer)).size === 2),
        { timeoutMs: 60000, what: "both municipalities' rows to be projected" },
      );
    }, 120000);
    afterAll(() => service?.drop());

    it.each([
      [AARHUS, AALBORG],
      [AALBORG, AARHUS],
    ])('municipality %s sees its own rows and none of %s', async (own, other) => {
      for (const view of views) {
        const answer = await as(own).get(view.path);
        expect([view.path, answer.status]).toEqual([view.path, 200]);
        const seen = new Set(view.municipalitiesIn(answer.body as Answer));
        expect([view.path, [...seen]]).toEqual([view.path, [own]]);
        expect([view.path, (await as(own).get(`${view.path}&municipality=${other}`)).status]).toEqual([view.path, 403]);
        expect([view.path, (await as(own).get(`${view.path}&municipality=${own}`)).status]).toEqual([view.path, 200]);
      }
      const trend = await as(own).get('/v1/reports/lead-times/trend?year=2025');
      expect(trend.body.municipality).toBe(own);
      expect((await as(own).get(`/v1/reports/lead-times/trend?year=2025&municipality=${other}`)).status).toBe(403);
    });
  });
}
