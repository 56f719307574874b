/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '@sagsspor/calendar';
import { municipalities as allMunicipalities } from '@sagsspor/reference-data';
import { authHeaders, generateCpr, waitFor } from '@sagsspor/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type CaseThroughTheApis, folk1aExport, inParallel, putPopulation, referAcceptAndClose } from './cases-through-the-apis';
import { getJson, postJson, type RunningPlatform, startPlatform } from './platform';

// The ops dashboard in a real browser (Debian's chromium, driven by playwright-core): data loaded
// through the public APIs, then every view must show the API's own figures, follow its filters,
// download its CSV, and explain a bad filter. Screenshots of every view go to docs/screenshots.
// Then /metrics of every service after that traffic.

const screenshots = path.resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');
const whole = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const n = (v: number | null) => (v === null ? '–' : whole.format(v));
const pct = (v: number | null) => (v === null ? '–' : `${whole.format(v)} %`);
const d2 = (v: number | null) => (v === null ? '–' : two.format(v));

// Closed cases of 2025 per municipality, and the population 0-17 that puts each in its own interval.
const closedIn2025: Record<string, { cases: number; population: number; house: string }> = {
  '751': { cases: 14, population: 70_000, house: 'midt' }, // 0,20 → interval 1
  '730': { cases: 8, population: 10_000, house: 'midt' }, // 0,80 → 2
  '791': { cases: 6, population: 5_000, house: 'midt' }, // 1,20 → 3
  '657': { cases: 5, population: 3_000, house: 'midt' }, // 1,67 → 4
  '851': { cases: 10, population: 4_000, house: 'nord' }, // 2,50 → 5
  '860': { cases: 4, population: 10_000, house: 'nord' }, // 0,40 → 1
  // Two cases in Syddjurs, so Region Midtjylland's total leaves 2 for its suppressed counts and
  // each can still be 0, 1 or 2 (else reporting hides a shown count too: secondary suppression,
  // ADR 0044). One in Frederikshavn: Region Nordjylland's total leaves 1, so each suppressed count
  // there would be 0 or 1, and reporting hides Hjørring (4, the smallest shown) too.
  '706': { cases: 2, population: 10_000, house: 'midt' },
  '813': { cases: 1, population: 10_000, house: 'nord' },
};
const totalClosed = Object.values(closedIn2025).reduce((a, m) => a + m.cases, 0);
const todayUtc = new Date().toISOString().slice(0, 10);
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('the ops dashboard in a browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let reporting: string;
  let ops: Record<string, string>;
  let opsToken: string;
  const cases: (CaseThroughTheApis & { seed: number })[] = [];

  const api = async (pathAndQuery: string) => {
    const answer = await getJson(`${reporting}${pathAndQuery}`, ops);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  /** Opens a dashboard URL and waits until its view has rendered (data or a message). */
  async function open(query: string) {
    await page.goto(`${reporting}/dashboard?${query}`);
    await page.waitForSelector('#view[data-state="ready"], #view[data-state="error"]');
  }

  /** Runs `act` (a click, a submit) and waits for the view to render again. */
  async function rerender(act: () => Promise<void>) {
    const before = Number((await page.getAttribute('#view', 'data-render')) ?? 0);
    await act();
    await page.waitForFunction((b) => {
      const view = document.querySelector<HTMLElement>('#view')!;
      return Number(view.dataset.render ?? 0) > b && view.dataset.state !== 'loading';
    }, before);
  }

  const figure = (key: string) => page.textContent(`[data-figure="${key}"]`);
  const cell = (testId: string, row: string, column: string) => page.textContent(`[data-testid="${testId}"] tr[${row}] td[data-column="${column}"]`);
  const shot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

  async function downloadCsv(): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.csv')]);
    return readFileSync((await download.path())!, 'utf8');
  }

  async function apiCsv(pathAndQuery: string): Promise<string> {
    const response = await fetch(`${reporting}${pathAndQuery}&format=csv&locale=da`, { headers: ops });
    expect(response.status).toBe(200);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    platform = await startPlatform('dashboard', Number(process.env.SAGSSPOR_E2E_DASHBOARD_PORT ?? 3700));
    reporting = platform.url('reporting');
    ops = await authHeaders('ops');
    opsToken = ops.authorization.replace(/^Bearer /, '');

    const population = new Map(allMunicipalities.map((m) => [m.code, 10_000]));
    for (const [code, m] of Object.entries(closedIn2025)) population.set(code, m.population);
    await putPopulation(platform, 2025, folk1aExport(2025, population));

    // Closed in 2025, spread over the months, lead times 20 to 175 days.
    let child = 0;
    for (const [code, m] of Object.entries(closedIn2025)) {
      for (let i = 0; i < m.cases; i++) {
        const k = cases.length;
        const closedAt = addDays('2025-01-03', (k * 29) % 360);
        const acceptedAt = addDays(closedAt, -(20 + ((k * 37) % 156)));
        const referredAt = addDays(acceptedAt, -(k % 6));
        cases.push({ seed: k, referralId: `DASH-${code}-${i}`, municipalityCode: code, houseCode: m.house, birthDate: addDays('2013-02-01', child++), municipalityAwareAt: addDays(referredAt, -2), referredAt, acceptedAt, closedAt });
      }
    }
    await inParallel(cases, 16, (c) => referAcceptAndClose(platform, c, c.seed).then(() => undefined));

    // Open cases at Børnehus Midt: 110 days (passes 120 days within the 14-day warning), 130 days (past 120), 20 days.
    const municipality = await authHeaders('municipality', { municipality: '751' });
    const midt = await authHeaders('boernehus', { house: 'midt' });
    for (const [i, age] of [110, 111, 130, 20].entries()) {
      const acceptedAt = addDays(todayUtc, -age);
      const referralId = `DASH-OPEN-${i}`;
      const referral = await postJson(
        `${platform.url('referrals')}/v1/referrals`,
        { referralId, childCpr: generateCpr(addDays('2016-03-01', i), 'female', 500 + i), municipalityCode: '751', referredAt: addDays(acceptedAt, -1), municipalityAwareAt: addDays(acceptedAt, -3), abuseTypes: ['sexual'], houseCode: 'midt' },
        municipality,
      );
      expect(referral.status).toBeLessThan(300);
      // The trace context of this request must reach case-lifecycle's consumer (checked below).
      const accepted = await postJson(`${platform.url('referrals')}/v1/referrals/${referralId}/accept`, { acceptedAt }, { ...midt, traceparent: `00-${TRACE_ID}-00f067aa0ba902b${i}-01` });
      expect(accepted.status).toBeLessThan(300);
    }

    // Video interviews of 2025: three children with a case (referred), three without (not referred).
    const police = await authHeaders('police');
    const withCase = cases.filter((c) => c.houseCode === 'midt' && c.referredAt >= '2025-02-01').slice(0, 3);
    const interviews = [
      ...withCase.map((c, i) => ({ interviewId: `DASH-VI-${i}`, childCpr: generateCpr(c.birthDate, c.seed % 2 ? 'male' : 'female', c.seed), municipalityCode: c.municipalityCode, conductedAt: addDays(c.referredAt, -2), policeDistrict: 'oestjylland' })),
      ...[0, 1, 2].map((i) => ({ interviewId: `DASH-VI-N${i}`, childCpr: generateCpr(addDays('2014-05-01', i), 'male', 700 + i), municipalityCode: i === 2 ? '791' : '751', conductedAt: `2025-0${4 + i}-10`, policeDistrict: i === 2 ? 'midt-vestjylland' : 'oestjylland' })),
    ].map((v, i) => {
      // Days from the police report (the 7-day target): 3, 7 and 11 for the interviews with a case, 5 and 9 for two without; the last without a report date.
      const days = [3, 7, 11, 5, 9][i];
      return days === undefined ? v : { ...v, reportedToPoliceAt: addDays(v.conductedAt, -days) };
    });
    for (const v of interviews) {
      const answer = await postJson(`${platform.url('sector-coordination')}/v1/video-interviews`, { ...v, houseCode: 'midt' }, police);
      expect([v.interviewId, answer.status]).toEqual([v.interviewId, 201]);
    }

    // Mandatory-referral gaps: underretninger meeting the three criteria in 2025 with no referral (three in Aarhus, two in Randers).
    // A gap is counted on the day it opened: the deadline fires now, so they are this year's gaps.
    for (const [i, code] of ['751', '751', '751', '730', '730'].entries()) {
      const headers = await authHeaders('municipality', { municipality: code });
      const underretningId = `DASH-U-${i}`;
      const receivedAt = `2025-0${2 + i}-04`;
      const created = await postJson(
        `${platform.url('referrals')}/v1/underretninger`,
        { underretningId, childCpr: generateCpr(addDays('2012-09-01', i), 'female', 900 + i), municipalityCode: code, receivedAt, concerns: ['violence'], source: 'school' },
        headers,
      );
      expect(created.status).toBeLessThan(300);
      const decided = await postJson(`${platform.url('referrals')}/v1/underretninger/${underretningId}/decisions`, { childInvestigationDecidedAt: addDays(receivedAt, 2), policeReportedAt: addDays(receivedAt, 1) }, headers);
      expect(decided.status).toBeLessThan(300);
    }

    await waitFor(
      async () => ({
        lead: await getJson(`${reporting}/v1/reports/lead-times?year=2025`, ops),
        open: await getJson(`${reporting}/v1/reports/lead-times?house=midt`, ops),
        video: await getJson(`${reporting}/v1/reports/video-interviews-not-referred?year=2025&groupBy=house`, ops),
        gaps: await getJson(`${reporting}/v1/reports/mandatory-referral-gaps`, ops),
      }),
      (r) =>
        r.lead.body?.all?.closed?.count === totalClosed &&
        r.open.body?.all?.open?.count === 4 &&
        r.video.body?.rows?.find((row: { key: string }) => row.key === 'total')?.conducted === 6 &&
        r.gaps.body?.rows?.find((row: { key: string }) => row.key === 'total')?.opened === 5,
      { timeoutMs: 180000, intervalMs: 1000, what: 'reporting to project the cases, interviews and gaps' },
    );

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'da-DK' });
  }, 900000);

  afterAll(async () => {
    // The services' log lines, for looking into a failure: SAGSSPOR_E2E_LOG=/tmp/dashboard-e2e.log
    if (process.env.SAGSSPOR_E2E_LOG && platform) writeFileSync(process.env.SAGSSPOR_E2E_LOG, platform.output.join('\n'));
    await browser?.close();
    await platform?.stop();
  });

  it('asks for a token first, and says so clearly when the token is refused', async () => {
    await page.goto(`${reporting}/dashboard?view=lead-times&year=2025`);
    await page.waitForSelector('#sign-in:not([hidden])');
    expect(await page.isVisible('#app')).toBe(false);
    await shot('sign-in');
    await page.fill('#token', 'not-a-token');
    await page.click('#sign-in-form button[type="submit"]');
    await page.waitForSelector('#view[data-state="error"]');
    expect(await page.textContent('#message')).toContain('(401)');
    await page.click('#message button'); // "Log ind igen"
    await page.waitForSelector('#sign-in:not([hidden])');
    await page.fill('#token', `Bearer ${opsToken}`);
    await page.click('#sign-in-form button[type="submit"]');
    await page.waitForSelector('#view[data-state="ready"]');
    expect(await page.textContent('#who')).toContain('ops');
  });

  it('lead times: the figures are the API figures, per house and per month; the house filter changes them; CSV downloads', async () => {
    await open('view=lead-times&year=2025');
    const report = await api('/v1/reports/lead-times?year=2025');
    expect(await figure('closed-count')).toBe(n(totalClosed));
    expect(await figure('average-days')).toBe(`${n(report.all.closed.averageDays)} dage`);
    expect(await figure('median-days')).toBe(`${n(report.all.closed.medianDays)} dage`);
    expect(await figure('p90-days')).toBe(`${n(report.all.closed.p90Days)} dage`);
    expect(await figure('within90')).toBe(`${pct(report.all.closed.within90.percent)} (${n(report.all.closed.within90.count)})`);
    expect(await figure('within120')).toBe(`${pct(report.all.closed.within120.percent)} (${n(report.all.closed.within120.count)})`);
    for (const house of report.byHouse as { houseCode: string; closed: { count: number; averageDays: number | null } }[]) {
      expect([house.houseCode, await cell('lead-times-by-house', `data-house="${house.houseCode}"`, 'closed'), await cell('lead-times-by-house', `data-house="${house.houseCode}"`, 'average')]).toEqual([
        house.houseCode,
        n(house.closed.count),
        n(house.closed.averageDays),
      ]);
    }
    // The monthly trend: each month's row is the API's answer for that month.
    const march = await api('/v1/reports/lead-times?from=2025-03-01&to=2025-03-31');
    const marchRow = await page.$$eval('[data-testid="lead-times-monthly"] tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)).find((cells) => cells[0] === 'mar. 2025'));
    expect(marchRow?.slice(1, 3)).toEqual([n(march.all.closed.count), n(march.all.closed.averageDays)]);
    // The charts draw the same numbers.
    const chartShares = await page.evaluate(() => {
      const canvases = [...document.querySelectorAll('canvas')];
      const chart = (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => { data: { datasets: { data: unknown[] }[] } } } }).Chart.getChart(canvases[2]);
      return chart.data.datasets.map((d) => d.data);
    });
    expect(chartShares).toEqual([report.byHouse.map((g: { closed: { within90: { percent: number | null } } }) => g.closed.within90.percent), report.byHouse.map((g: { closed: { within120: { percent: number | null } } }) => g.closed.within120.percent)]);
    await shot('lead-times');

    const csv = await downloadCsv();
    expect(csv).toBe(await apiCsv('/v1/reports/lead-times?year=2025'));
    expect(csv.split('\r\n')[0]).toContain('børnehus;antal afsluttede sager;gns. indskrivningstid i dage');

    // Filter: only Børnehus Nord, through the form.
    await rerender(async () => {
      await page.selectOption('#f-house', 'nord');
      await page.click('#filters button[type="submit"]');
    });
    expect(page.url()).toContain('house=nord');
    const nord = await api('/v1/reports/lead-times?year=2025&house=nord');
    expect(await figure('closed-count')).toBe(n(nord.all.closed.count));
    expect(nord.all.closed.count).toBe(15);
    expect(await figure('average-days')).toBe(`${n(nord.all.closed.averageDays)} dage`);
  });

  it('lead times: open cases by age, those about to pass 120 days highlighted', async () => {
    await open('view=lead-times&house=midt');
    const report = await api('/v1/reports/lead-times?house=midt');
    expect(await figure('open-count')).toBe('4');
    expect(await figure('approaching120')).toBe(n(report.all.open.approaching120.length));
    expect(report.all.open.approaching120).toHaveLength(2);
    expect(await figure('passed120')).toBe('1');
    const highlighted = await page.$$eval('[data-testid="approaching120"] tbody tr.warn th', (cells) => cells.map((c) => c.textContent));
    expect(highlighted).toEqual(report.all.open.approaching120.map((c: { caseId: string }) => c.caseId));
    expect(await page.$eval('[data-figure="passed120"]', (e) => e.parentElement!.className)).toContain('alert');
    await shot('lead-times-open-cases');
  });

  it('usage: per 1,000 children with the interval colours, ranked, actual vs expected; region filter; CSV', async () => {
    await open('view=usage&year=2025&region=1082');
    const report = await api('/v1/reports/usage?year=2025&groupBy=municipality&region=1082');
    const rows = report.rows.filter((r: { level: string }) => r.level === 'municipality');
    for (const code of ['751', '730', '791', '657']) {
      const row = rows.find((r: { code: string }) => r.code === code);
      expect([code, await cell('usage-ranked', `data-code="${code}"`, 'closed'), await cell('usage-ranked', `data-code="${code}"`, 'per1000'), await cell('usage-ranked', `data-code="${code}"`, 'interval'), await cell('usage-ranked', `data-code="${code}"`, 'ratio')]).toEqual([
        code,
        n(row.closedCases),
        d2(row.casesPer1000),
        String(row.intervalValue),
        d2(row.ratio),
      ]);
    }
    expect(await cell('usage-ranked', 'data-code="657"', 'per1000')).toBe('1,67');
    // Nothing of 2025 is published: the view says the figures are live (ADR 0045).
    expect(await page.$eval('p.publication', (e) => [e.getAttribute('data-publication'), e.textContent])).toEqual(['live', expect.stringContaining('ikke offentliggjort')]);
    expect(await page.$eval('[data-testid="usage-ranked"] tr[data-code="851"]', () => true).catch(() => false)).toBe(false);
    // Ranked: highest rate first; the interval chip carries the interval's colour.
    const order = await page.$$eval('[data-testid="usage-ranked"] tbody tr', (trs) => trs.slice(0, 2).map((tr) => tr.getAttribute('data-code')));
    expect(order).toEqual(['657', '791']);
    expect(await page.$eval('[data-testid="usage-ranked"] tr[data-code="657"] .chip', (e) => getComputedStyle(e).backgroundColor)).toBe('rgb(33, 113, 181)');
    await shot('usage');

    const csv = await downloadCsv();
    expect(csv).toBe(await apiCsv('/v1/reports/usage?year=2025&groupBy=municipality&region=1082'));
    expect(csv).toContain('børnehussager pr. 1.000 børn');

    await rerender(async () => {
      await page.selectOption('#f-region', '1081');
      await page.click('#filters button[type="submit"]');
    });
    expect(await cell('usage-ranked', 'data-code="851"', 'per1000')).toBe('2,50');
    expect(await cell('usage-ranked', 'data-code="851"', 'interval')).toBe('5');
    expect(await page.$('[data-testid="usage-ranked"] tr[data-code="751"]')).toBeNull();

    await open('view=usage&year=2025&groupBy=region');
    const regions = await api('/v1/reports/usage?year=2025&groupBy=region');
    const midtRegion = regions.rows.find((r: { code: string }) => r.code === '1082');
    expect(await cell('usage-ranked', 'data-code="1082"', 'closed')).toBe(n(midtRegion.closedCases));
    await shot('usage-regions');
  });

  it('usage map: the 98 municipalities as tiles, coloured by interval as the API says, suppressed ones hatched, a legend, hover details, regions outlined', async () => {
    await open('view=usage&year=2025');
    const report = await api('/v1/reports/usage?year=2025&groupBy=municipality');
    const rows: { level: string; code: string; name: string; intervalValue: number | null; suppressed: string | null; casesPer1000: number | null; closedCases: number | null; ratio: number | null }[] = report.rows.filter((r: { level: string }) => r.level === 'municipality');
    // Danish all the way: the population source too (the JSON API's text is English).
    expect(await page.textContent('#view .lead')).toContain(`(Danmarks Statistik, FOLK1A 2025K1, version ${report.population.version})`);
    const tiles = await page.$$eval('[data-testid="usage-map"] .tile-m', (gs) => gs.map((g) => ({ code: g.getAttribute('data-code'), state: g.getAttribute('data-state'), fill: getComputedStyle(g.querySelector('rect')!).fill })));
    expect(tiles).toHaveLength(98);
    expect(new Set(tiles.map((t) => t.code))).toEqual(new Set(allMunicipalities.map((m) => m.code)));
    // Each tile in the state the API gives its municipality: its interval, or suppressed.
    const expectedState = (r: (typeof rows)[number]) => (r.suppressed ? 'suppressed' : `interval-${r.intervalValue}`);
    expect(Object.fromEntries(tiles.map((t) => [t.code, t.state]))).toEqual(Object.fromEntries(rows.map((r) => [r.code, expectedState(r)])));
    expect(new Set(tiles.map((t) => t.state))).toEqual(new Set(['interval-1', 'interval-2', 'interval-3', 'interval-4', 'interval-5', 'suppressed']));
    // The annual statistics' colours, the chips' colours; suppressed tiles hatched.
    const fillOf = (code: string) => tiles.find((t) => t.code === code)!.fill;
    expect([fillOf('751'), fillOf('730'), fillOf('791'), fillOf('657'), fillOf('851')]).toEqual(['rgb(222, 235, 247)', 'rgb(158, 202, 225)', 'rgb(66, 146, 198)', 'rgb(33, 113, 181)', 'rgb(8, 48, 107)']);
    expect(fillOf('101')).toMatch(/url\("?#usage-map-hatch"?\)/);
    // The legend names the five intervals and the hatching.
    const legend = await page.textContent('section.panel:has([data-testid="usage-map"]) .legend');
    for (const text of ['under 0,5', '0,5 til under 1,0', '1,0 til under 1,5', '1,5 til under 2,0', '2,0 eller flere', 'diskretioneret', 'regionsgrænse']) expect(legend).toContain(text);
    // Hover details: the tile's figures, the API's.
    const aalborg = rows.find((r) => r.code === '851')!;
    await page.hover('[data-testid="usage-map"] .tile-m[data-code="851"]');
    expect(await page.textContent('[data-testid="usage-map-detail"]')).toBe(
      `Aalborg (Region Nordjylland): ${n(aalborg.closedCases)} sager · ${d2(aalborg.casesPer1000)} pr. 1.000 børn · interval 5 (2,0 eller flere) · faktiske/estimerede ${d2(aalborg.ratio)}`,
    );
    await page.hover('[data-testid="usage-map"] .tile-m[data-code="101"]');
    expect(await page.textContent('[data-testid="usage-map-detail"]')).toMatch(/^København \(Region Hovedstaden\): diskretioneret \(under 3 sager\)/);
    // Keyboard: a tile takes the focus and shows the same.
    await page.focus('[data-testid="usage-map"] .tile-m[data-code="657"]');
    expect(await page.textContent('[data-testid="usage-map-detail"]')).toMatch(/^Herning \(Region Midtjylland\): 5 sager · 1,67 pr\. 1\.000 børn · interval 4/);
    // The regions outlined: one path along the tile sides between regions and the sea.
    const outline = await page.getAttribute('[data-testid="usage-map"] .region-outline', 'd');
    expect((outline ?? '').split('M').length - 1).toBeGreaterThan(98);
    // The screenshot with Herning's figures shown (focused, the pointer off the map).
    await page.mouse.move(0, 0);
    await page.focus('[data-testid="usage-map"] .tile-m[data-code="657"]');
    await page.locator('section.panel:has([data-testid="usage-map"])').screenshot({ path: path.join(screenshots, 'usage-map.png') });

    // A region filter: the other regions' municipalities are shown as outside it.
    await open('view=usage&year=2025&region=1081');
    const states = await page.$$eval('[data-testid="usage-map"] .tile-m', (gs) => gs.map((g) => [g.getAttribute('data-code'), g.getAttribute('data-state')]));
    const nord = new Set(allMunicipalities.filter((m) => m.regionCode === '1081').map((m) => m.code));
    expect(states.filter(([code, state]) => (state === 'outside') === nord.has(code!))).toEqual([]);
  });

  it('video interviews not referred: by month, house and police district; CSV', async () => {
    await open('view=video-interviews&year=2025&groupBy=house');
    expect(await figure('conducted')).toBe('6');
    expect(await figure('referred')).toBe('3');
    expect(await figure('not-referred-final')).toBe('3');
    const byHouse = await api('/v1/reports/video-interviews-not-referred?year=2025&groupBy=house');
    expect(await cell('video-interviews', 'data-key="midt"', 'notReferredFinal')).toBe(n(byHouse.rows.find((r: { key: string }) => r.key === 'midt').notReferredFinal));
    await shot('video-interviews');
    const csv = await downloadCsv();
    expect(csv).toBe(await apiCsv('/v1/reports/video-interviews-not-referred?year=2025&groupBy=house'));

    await rerender(async () => {
      await page.selectOption('#f-groupBy', 'policeDistrict');
      await page.click('#filters button[type="submit"]');
    });
    const byDistrict = await api('/v1/reports/video-interviews-not-referred?year=2025&groupBy=policeDistrict');
    expect(await cell('video-interviews', 'data-key="midt-vestjylland"', 'conducted')).toBe(n(byDistrict.rows.find((r: { key: string }) => r.key === 'midt-vestjylland').conducted));
    expect(await cell('video-interviews', 'data-key="oestjylland"', 'conducted')).toBe('5');

    await open('view=video-interviews&year=2025&groupBy=month');
    expect(await cell('video-interviews', 'data-key="2025-05"', 'notReferredFinal')).toBe('1');
  });

  it("the police's 7-day target: by police district and by district and month, as the API gives them; the house filter; CSV", async () => {
    await open('view=interview-target&year=2025');
    const report = await api('/v1/reports/video-interview-target?year=2025');
    // Østjylland: 3, 7, 11, 5 and 9 days → within 3 (60 %), late 2; Midt- og Vestjylland: one without a report date.
    expect(report.total).toMatchObject({ interviews: 6, withinTarget: { count: 3, percent: 60 }, late: { count: 2, percent: 40 }, reportDateUnknown: 1, medianDaysFromReport: 7 });
    expect(await figure('target-interviews')).toBe(n(report.total.interviews));
    expect(await figure('target-within')).toBe(`${pct(report.total.withinTarget.percent)} (${n(report.total.withinTarget.count)})`);
    expect(await figure('target-late')).toBe('2');
    expect(await figure('target-unknown')).toBe('1');
    expect(await figure('target-median')).toBe('7');
    const oest = report.districts.find((d: { policeDistrict: string }) => d.policeDistrict === 'oestjylland');
    expect(await cell('interview-target-districts', 'data-key="oestjylland"', 'late')).toBe(`${pct(oest.late.percent)} (${n(oest.late.count)})`);
    expect(await cell('interview-target-districts', 'data-key="midt-vestjylland"', 'reportDateUnknown')).toBe('1');
    expect(await page.locator('[data-testid="interview-target-months"] tbody tr').count()).toBe(report.rows.length);
    const first = report.rows[0];
    expect(await cell('interview-target-months', `data-key="${first.policeDistrict}|${first.month}"`, 'interviews')).toBe(n(first.interviews));
    await shot('interview-target');
    expect(await downloadCsv()).toBe(await apiCsv('/v1/reports/video-interview-target?year=2025'));
    await rerender(async () => {
      await page.selectOption('#f-house', 'nord');
      await page.click('#filters button[type="submit"]');
    });
    expect(await figure('target-interviews')).toBe('0');
  });

  it('annual statistics: closed cases per house and year, services by provider with the police interviews counted once, abuse type by house; CSV', async () => {
    await open('view=annual&year=2025');
    const report = await api('/v1/reports/annual-statistics?year=2025');
    const series = await api('/v1/reports/annual-statistics/series?fromYear=2021&toYear=2025');
    expect(report.closedCases.total).toBe(totalClosed);
    expect(await figure('annual-closed')).toBe(n(report.closedCases.total));
    expect(await figure('annual-children')).toBe(n(report.uniqueChildren.children));
    expect(await figure('annual-services')).toBe(n(report.services.total));
    const midt = series.rows.find((r: { houseCode: string }) => r.houseCode === 'midt');
    expect(await cell('annual-series', 'data-key="midt"', 'y2025')).toBe(n(midt.years[4].cases));
    expect(await cell('annual-series', 'data-key="total"', 'y2025')).toBe(n(totalClosed));
    // The three interviews of children with a case (recorded in sector-coordination) are police services of those cases.
    expect(report.serviceSources.byProvider.find((p: { provider: string }) => p.provider === 'police')).toMatchObject({ recorded: 3, counted: 3 });
    expect(await cell('annual-services', 'data-key="police"', 'recorded')).toBe('3');
    expect(await cell('annual-services', 'data-key="police"', 'cases')).toBe('3');
    const abuse = report.abuseTypeByHouse.find((h: { houseCode: string }) => h.houseCode === 'midt').types.find((t: { type: string }) => t.type === 'sexualOnly');
    expect(await cell('annual-abuse-by-house', 'data-key="midt"', 'sexualOnly')).toBe(`${pct(abuse.percent)} (${n(abuse.count)})`);
    await shot('annual');
    expect(await downloadCsv()).toBe(await apiCsv('/v1/reports/annual-statistics?year=2025'));
  });

  it('mandatory-referral gaps: by municipality; the municipality filter changes them; CSV', async () => {
    await open('view=gaps');
    expect(await figure('gaps-opened')).toBe('5');
    expect(await figure('gaps-still-open')).toBe('5');
    expect(await cell('gaps', 'data-key="751"', 'opened')).toBe('3');
    expect(await cell('gaps', 'data-key="730"', 'opened')).toBe('2');
    await shot('mandatory-referral-gaps');
    const csv = await downloadCsv();
    expect(csv).toBe(await apiCsv('/v1/reports/mandatory-referral-gaps?groupBy=municipality'));
    expect(csv).toContain('manglende henvisninger');

    await rerender(async () => {
      await page.selectOption('#f-municipality', '730');
      await page.click('#filters button[type="submit"]');
    });
    expect(await figure('gaps-opened')).toBe('2');
    expect(await page.$('[data-testid="gaps"] tr[data-key="751"]')).toBeNull();
  });

  it("a municipality's own views (ADR 0075): the municipality filter for ops; signed in as Aarhus, only Aarhus's lead times, § 20 deadline risks and children's interviews", async () => {
    // Ops: the municipality filter on lead times, and the § 20 deadline of the open cases (all Aarhus's, at Midt).
    await open('view=lead-times&year=2025&municipality=730');
    const randers = await api('/v1/reports/lead-times?year=2025&municipality=730');
    expect(randers.all.closed.count).toBe(8);
    expect(await figure('closed-count')).toBe('8');
    expect(await figure('average-days')).toBe(`${n(randers.all.closed.averageDays)} dage`);
    await open('view=lead-times&municipality=751');
    const aarhusOpen = await api('/v1/reports/lead-times?municipality=751');
    // Open cases aged 110, 111, 130 and 20 days, aware 3 days before: 4 months after aware is 120-123 days, so 130 + 3 has passed and 110 + 3, 111 + 3 are within 14 days.
    expect([aarhusOpen.all.open.section20.passed.length, aarhusOpen.all.open.section20.approaching.length]).toEqual([1, 2]);
    expect(await figure('section20-passed')).toBe('1');
    expect(await figure('section20-approaching')).toBe('2');
    expect(await page.$$eval('[data-testid="section20"] tbody tr.alert th', (cells) => cells.map((c) => c.textContent))).toEqual(aarhusOpen.all.open.section20.passed.map((c: { caseId: string }) => c.caseId));
    expect(await page.$$eval('[data-testid="section20"] tbody tr.warn th', (cells) => cells.map((c) => c.textContent))).toEqual(aarhusOpen.all.open.section20.approaching.map((c: { caseId: string }) => c.caseId));

    // Signed in as Aarhus: its own figures without asking, another municipality refused.
    const aarhusToken = (await authHeaders('municipality', { municipality: '751' })).authorization.replace(/^Bearer /, '');
    const signInAs = async (token: string) => {
      await page.click('#sign-out');
      await page.waitForSelector('#sign-in:not([hidden])');
      await page.fill('#token', token);
      await page.click('#sign-in-form button[type="submit"]');
      await page.waitForSelector('#view[data-state="ready"], #view[data-state="error"]');
    };
    await signInAs(aarhusToken);
    try {
      await open('view=lead-times&year=2025');
      expect(await figure('closed-count')).toBe(n(closedIn2025['751'].cases));
      expect(await page.textContent('#view p.lead')).toContain('Aarhus Kommunes sager');
      expect(await figure('section20-passed')).toBe('1');
      await open('view=video-interviews&year=2025&groupBy=municipality');
      const rows = await page.$$eval('[data-testid="video-interviews"] tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
      expect(rows.filter((key) => key && key !== 'total')).toEqual(['751']);
      await open('view=lead-times&year=2025&municipality=730');
      expect(await page.textContent('#message')).toContain('(403)');
    } finally {
      await signInAs(opsToken);
    }
  });

  it('lead times by site (ADR 0075): a row per site, a case the house puts at Herning counts there', async () => {
    const before = await api('/v1/reports/lead-times?house=midt');
    const moved = before.all.open.approaching120[0].caseId as string;
    const midt = await authHeaders('boernehus', { house: 'midt' });
    const put = await fetch(`${platform.url('case-lifecycle')}/v1/cases/${moved}/site`, { method: 'PUT', headers: { ...midt, 'content-type': 'application/json' }, body: JSON.stringify({ siteCode: 'midt-herning' }) });
    expect(put.status).toBe(200);
    const after = await waitFor(() => api('/v1/reports/lead-times?house=midt'), (r) => r.bySite.find((s: { siteCode: string }) => s.siteCode === 'midt-herning').open.count === 1, { timeoutMs: 60000, what: 'the site to be projected' });
    await open('view=lead-times&house=midt');
    for (const site of after.bySite as { siteCode: string; closed: { count: number }; open: { count: number } }[]) {
      expect([site.siteCode, await cell('lead-times-by-site', `data-site="${site.siteCode}"`, 'closed'), await cell('lead-times-by-site', `data-site="${site.siteCode}"`, 'open')]).toEqual([site.siteCode, n(site.closed.count), n(site.open.count)]);
    }
    expect(await cell('lead-times-by-site', 'data-site="midt-aarhus"', 'open')).toBe('3');
    expect(await cell('lead-times-by-site', 'data-site="midt-herning"', 'open')).toBe('1');

    // A video interview the house puts at Herning (ADR 0076): the 7-day target by site shows it there, the others at Aarhus.
    const interviewPut = await fetch(`${platform.url('sector-coordination')}/v1/video-interviews/DASH-VI-N0/site`, { method: 'PUT', headers: { ...midt, 'content-type': 'application/json' }, body: JSON.stringify({ siteCode: 'midt-herning' }) });
    expect([interviewPut.status, (await interviewPut.json()).siteCode]).toEqual([200, 'midt-herning']);
    const target = await waitFor(() => api('/v1/reports/video-interview-target?year=2025&house=midt'), (r) => r.bySite.find((s: { siteCode: string }) => s.siteCode === 'midt-herning').interviews === 1, {
      timeoutMs: 60000,
      what: "the interview's site to be projected",
    });
    // All six interviews are Midt's; DASH-VI-N0 (5 days from the report) is at Herning, the other four first interviews at Aarhus.
    expect(target.bySite.map((s: { siteCode: string; interviews: number }) => [s.siteCode, s.interviews])).toEqual([
      ['midt-aarhus', 5],
      ['midt-herning', 1],
    ]);
    await open('view=interview-target&year=2025&house=midt');
    expect(await cell('interview-target-sites', 'data-site="midt-aarhus"', 'interviews')).toBe('5');
    expect(await cell('interview-target-sites', 'data-site="midt-herning"', 'interviews')).toBe('1');
    expect(await cell('interview-target-sites', 'data-site="midt-herning"', 'median')).toBe('5');
    expect(await cell('interview-target-sites', 'data-site="midt-herning"', 'withinTarget')).toBe(`${pct(100)} (1)`);
  });

  it("forecast: next year's expected case count per house next to last year's actuals, as the API gives them", async () => {
    const year = Number(todayUtc.slice(0, 4));
    await open(`view=forecast&year=${year}`);
    expect(await page.getAttribute('#view', 'data-state')).toBe('ready');
    const report = await api(`/v1/reports/forecast?year=${year}`);
    const forecasts = report.houses.filter((h: { expectedCases?: number }) => h.expectedCases !== undefined);
    for (const h of forecasts) {
      expect(await cell('forecast-by-house', `data-house="${h.houseCode}"`, 'expected')).toBe(n(h.expectedCases));
      expect(await cell('forecast-by-house', `data-house="${h.houseCode}"`, 'interval')).toBe(`${n(h.interval.low)}–${n(h.interval.high)}`);
    }
    if (forecasts.length < report.houses.length) expect(await page.textContent('#view')).toContain('Ingen prognose for');
    await shot('forecast');
  });

  it('referrals: referred and expected cases by house, the year to date against the budget, one municipality by month; CSV', async () => {
    // Midt expects 40 cases in 2025: its expected referrals for the whole year are those 40 (365 of 365 days).
    const put = await fetch(`${reporting}/v1/reference/budgets/2025`, {
      method: 'PUT',
      headers: { ...(await authHeaders('admin')), 'content-type': 'application/json' },
      body: JSON.stringify([{ houseCode: 'midt', operatingBudgetDkk: 15_000_000, expectedCases: 40 }]),
    });
    expect(put.status).toBe(200);
    await open('view=referrals&year=2025&groupBy=house');
    expect(await page.getAttribute('#view', 'data-state')).toBe('ready');
    const byHouse = await api('/v1/reports/referrals?year=2025&groupBy=house');
    const midt = byHouse.rows.find((r: { code: string }) => r.code === 'midt');
    expect(midt).toMatchObject({ referrals: expect.any(Number), expectedReferrals: 40 });
    expect(await cell('referrals', 'data-code="midt"', 'referrals')).toBe(n(midt.referrals));
    expect(await cell('referrals', 'data-code="midt"', 'expected')).toBe('40,00');
    expect(await cell('referrals', 'data-code="midt"', 'ratio')).toBe(d2(midt.ratio));
    const ytd = (await api('/v1/reports/referrals/year-to-date?year=2025')).rows.find((r: { code: string }) => r.code === 'midt');
    expect(ytd).toMatchObject({ asOf: '2025-12-31', expectedForYear: 40, expectedToDate: 40 });
    expect(await cell('referrals-ytd', 'data-code="midt"', 'referrals')).toBe(n(ytd.referrals));
    expect(await cell('referrals-ytd', 'data-code="midt"', 'expectedForYear')).toBe('40');
    expect(await cell('referrals-ytd', 'data-code="midt"', 'ratioToDate')).toBe(d2(ytd.ratioToDate));
    await shot('referrals');
    const csv = await downloadCsv();
    expect(csv).toBe(await apiCsv('/v1/reports/referrals?year=2025&groupBy=house'));
    expect(csv).toContain('henviste sager');

    await rerender(async () => {
      await page.selectOption('#f-municipality', '751');
      await page.selectOption('#f-groupBy', 'month');
      await page.click('#filters button[type="submit"]');
    });
    const months = await api('/v1/reports/referrals?year=2025&municipality=751&groupBy=month');
    expect(await page.$$('[data-testid="referrals"] tbody tr')).toHaveLength(13);
    expect(await figure('referrals-total')).toBe(n(months.rows[12].referrals));
    expect(await cell('referrals', 'data-code="2025-03"', 'expected')).toBe(d2(months.rows[2].expectedReferrals));
  });

  it('before the criteria and why cases ended early (ADR 0074): the API figures, suppressed beyond the municipality; the municipality filter; CSV', async () => {
    // Through the public APIs: Aarhus records a § 11 measure instead of an investigation, the police only
    // consulted, and why the child was not referred; Børnehus Midt closes a case as interrupted and gives the reason.
    const aarhus = await authHeaders('municipality', { municipality: '751' });
    const midt = await authHeaders('boernehus', { house: 'midt' });
    const underretning = { underretningId: 'DASH-R-1', childCpr: generateCpr('2013-10-02', 'male', 950), municipalityCode: '751', receivedAt: '2025-03-10', concerns: ['violence'], source: 'school' };
    expect((await postJson(`${platform.url('referrals')}/v1/underretninger`, underretning, aarhus)).status).toBe(201);
    expect((await postJson(`${platform.url('referrals')}/v1/underretninger/DASH-R-1/decisions`, { preventiveMeasureAt: '2025-03-12', policeConsultedAt: '2025-03-11' }, aarhus)).status).toBe(200);
    const reasons = await postJson(`${platform.url('referrals')}/v1/underretninger/DASH-R-1/not-referred-reasons`, { reasons: ['preventive-measure-instead', 'consent-treated-as-required'] }, aarhus);
    expect(reasons.status).toBe(200);
    const ended: CaseThroughTheApis = { referralId: 'DASH-END-1', municipalityCode: '751', houseCode: 'midt', birthDate: '2014-01-15', municipalityAwareAt: '2025-03-01', referredAt: '2025-03-03', acceptedAt: '2025-03-04', closedAt: '2025-04-20', outcome: 'interrupted' };
    const caseId = await referAcceptAndClose(platform, ended, 951);
    expect((await postJson(`${platform.url('case-lifecycle')}/v1/cases/${caseId}/closure-corrections`, { endReason: 'unstable-attendance', reason: 'Årsagen tilføjet' }, midt)).status).toBe(201);
    await waitFor(
      async () => ({
        own: await getJson(`${reporting}/v1/reports/before-referral?year=2025`, aarhus),
        ends: await getJson(`${reporting}/v1/reports/case-end-reasons?year=2025`, ops),
      }),
      (r) =>
        r.own.body?.rows?.some((row: { month: string; withReasons: number }) => row.month === '2025-03' && row.withReasons === 1) &&
        r.ends.body?.rows?.some((row: { houseCode: string; reason: string; interrupted: number }) => row.houseCode === 'midt' && row.reason === 'unstable-attendance' && row.interrupted === 1),
      { timeoutMs: 60000, intervalMs: 500, what: 'reporting to project the reasons' },
    );

    // Before the criteria, as ops: every count of 2025 is below 3, so the page shows the API's dashes.
    await open('view=before-referral&year=2025');
    expect(await page.getAttribute('#view', 'data-state')).toBe('ready');
    const national = await api('/v1/reports/before-referral?year=2025');
    const totals = national.rows.filter((r: { municipalityCode: string }) => r.municipalityCode === 'total');
    const sumOf = (key: string) => (totals.some((r: Record<string, number | null>) => r[key] === null) ? null : totals.reduce((s: number, r: Record<string, number>) => s + r[key], 0));
    expect(await figure('before-underretninger')).toBe(n(sumOf('underretninger')));
    expect(await figure('before-preventive')).toBe(n(sumOf('preventiveMeasureInstead')));
    const march = national.rows.find((r: { municipalityCode: string; month: string }) => r.municipalityCode === '751' && r.month === '2025-03');
    expect(march.suppressed.preventiveMeasureInstead).toBe('primary');
    expect(await cell('before-referral', 'data-key="751|2025-03"', 'preventiveMeasureInstead')).toBe('–');
    expect(await cell('before-referral', 'data-key="751|2025-03"', 'underretninger')).toBe(n(march.underretninger));
    await shot('before-referral');
    // The municipality filter: Aarhus's rows only, no national rows.
    await rerender(async () => {
      await page.selectOption('#f-municipality', '751');
      await page.click('#filters button[type="submit"]');
    });
    const filtered = await api('/v1/reports/before-referral?year=2025&municipality=751');
    expect(await page.locator('[data-testid="before-referral"] tbody tr').count()).toBe(filtered.rows.length);
    expect(filtered.rows.every((r: { municipalityCode: string }) => r.municipalityCode === '751')).toBe(true);
    expect((await downloadCsv()).replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('kommune;navn;måned;underretninger om mistanke om overgreb;§ 11 i stedet for børnefaglig undersøgelse;politiet kun konsulteret');

    // Why cases ended early: the interrupted case under its reason, Danish words in the page and the CSV.
    await open('view=case-end-reasons&year=2025');
    expect(await page.getAttribute('#view', 'data-state')).toBe('ready');
    const ends = await api('/v1/reports/case-end-reasons?year=2025');
    const midtTotal = ends.rows.find((r: { houseCode: string; reason: string }) => r.houseCode === 'midt' && r.reason === 'total');
    expect(await figure('end-interrupted')).toBe(n(ends.rows.filter((r: { reason: string }) => r.reason === 'total').reduce((s: number, r: { interrupted: number }) => s + r.interrupted, 0)));
    expect(await cell('case-end-reasons', 'data-key="midt|2025|unstable-attendance"', 'interrupted')).toBe('1');
    expect(await cell('case-end-reasons', 'data-key="midt|2025|unstable-attendance"', 'reason')).toBe('Ustabilt fremmøde');
    expect(await cell('case-end-reasons', 'data-key="midt|2025|total"', 'total')).toBe(n(midtTotal.total));
    await shot('case-end-reasons');
    expect(await downloadCsv()).toContain('midt;Børnehus Midt;2025;ustabilt fremmøde;1;0;1');
  });

  it('a bad filter in the URL shows the API problem in the page, not a blank chart', async () => {
    await open('view=lead-times&year=abc');
    expect(await page.getAttribute('#view', 'data-state')).toBe('error');
    const message = await page.textContent('#message');
    expect(message).toContain('Filteret kan ikke bruges (400)');
    expect(message).toContain('year must be a whole year');
    expect(await page.$$('canvas')).toHaveLength(0);
    await shot('bad-filter');

    await open('view=video-interviews&house=atlantis');
    expect(await page.textContent('#message')).toContain('house');
    expect(await page.$eval('#f-house', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe('atlantis (ukendt)');

    await open('view=lead-times&region=9999');
    expect(await page.textContent('#message')).toContain("Ukendt region '9999'");

    await open('view=usage&year=2013');
    expect(await page.textContent('#message')).toContain('(422)');
  });

  it('keyboard: the views and filters are real buttons and labelled fields, reachable with Tab and Enter', async () => {
    await open('view=lead-times&year=2025');
    const unlabelled = await page.$$eval('#filters input, #filters select', (fields) => fields.filter((f) => !document.querySelector(`label[for="${f.id}"]`)).map((f) => f.id));
    expect(unlabelled).toEqual([]);
    await page.focus('nav.views button[data-view="lead-times"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-view'))).toBe('usage');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await rerender(() => page.keyboard.press('Enter'));
    expect(page.url()).toContain('view=usage');
  });

  it('works at tablet width without horizontal scrolling of the page', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await open('view=lead-times&year=2025');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await shot('lead-times-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('after this traffic, /metrics of each service has the named metrics with sensible values', async () => {
    const scrape = async (service: Parameters<RunningPlatform['url']>[0]) => {
      const response = await fetch(`${platform.url(service)}/metrics`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const value = (text: string, name: string, labels: Record<string, string> = {}) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
        .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));

    const text = await scrape('reporting');
    expect(value(text, 'http_request_duration_seconds_count', { route: '/v1/reports/lead-times', status: '200' })[0]).toBeGreaterThan(5);
    expect(value(text, 'http_request_duration_seconds_count', { route: '/v1/reports/lead-times', status: '400' })[0]).toBeGreaterThanOrEqual(1);
    expect(value(text, 'consumer_messages_total', { outcome: 'handled' }).reduce((a, b) => a + b, 0)).toBeGreaterThan(totalClosed * 2);
    expect(value(text, 'consumer_event_age_seconds_count').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const lag = value(text, 'kafka_consumer_lag_messages');
    expect(lag.length).toBeGreaterThan(0);
    expect(Math.max(...lag)).toBe(0);
    expect(value(text, 'projection_lag_seconds')).toEqual([0]);
    const deadLetters = value(text, 'kafka_dead_letter_messages');
    expect(deadLetters.length).toBeGreaterThan(0);
    expect(deadLetters.every((v) => v === 0)).toBe(true);
    expect(value(text, 'reporting_open_cases', { house: 'midt', age_bucket: '91-120' })).toEqual([2]);
    expect(value(text, 'reporting_open_cases', { house: 'midt', age_bucket: '121+' })).toEqual([1]);
    expect(value(text, 'reporting_open_cases', { house: 'midt', age_bucket: '0-30' })).toEqual([1]);
    expect(value(text, 'reporting_open_cases', { house: 'nord', age_bucket: '0-30' })).toEqual([0]);
    expect(value(text, 'reporting_open_cases_approaching_limit', { house: 'midt', limit: '120' })).toEqual([2]);
    expect(value(text, 'reporting_open_cases_past_limit', { house: 'midt', limit: '120' })).toEqual([1]);
    // The lead-time histogram covers the cases closed in the last 365 days.
    const lastYear = cases.filter((c) => c.closedAt > addDays(todayUtc, -365) && c.closedAt <= todayUtc);
    expect(value(text, 'reporting_case_lead_time_days_count').reduce((a, b) => a + b, 0)).toBe(lastYear.length);
    const within120 = lastYear.filter((c) => Number(new Date(c.closedAt)) - Number(new Date(c.acceptedAt)) <= 120 * 86_400_000).length;
    expect(value(text, 'reporting_case_lead_time_days_bucket', { le: '120' }).reduce((a, b) => a + b, 0)).toBe(within120);

    for (const service of ['referrals', 'case-lifecycle', 'sector-coordination'] as const) {
      const own = await scrape(service);
      expect([service, value(own, 'relay_oldest_unpublished_event_age_seconds')]).toEqual([service, [0]]);
      expect([service, value(own, 'relay_events_published_total')[0]]).toEqual([service, expect.any(Number)]);
      expect(value(own, 'relay_events_published_total')[0]).toBeGreaterThan(0);
      expect(value(own, 'http_request_duration_seconds_count').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
    const caseLifecycle = await scrape('case-lifecycle');
    expect(Math.max(...value(caseLifecycle, 'kafka_consumer_lag_messages'))).toBe(0);
    expect(value(caseLifecycle, 'projection_lag_seconds').every((v) => v === 0)).toBe(true);
  });

  it('readiness includes the database and Kafka; the trace context goes HTTP → Kafka → consumer', async () => {
    for (const service of ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting'] as const) {
      const ready = await getJson(`${platform.url(service)}/health`);
      expect([service, ready.status, ready.body]).toEqual([service, 200, { status: 'up', checks: { database: 'up', kafka: 'up' } }]);
    }
    // The accept requests above carried trace TRACE_ID: case-lifecycle logged applying their events under it.
    const handled = platform.output.filter((line) => line.includes('"event handled"') && line.includes(TRACE_ID));
    expect(handled.length).toBeGreaterThanOrEqual(1);
    expect(handled.some((line) => line.includes('case-lifecycle'))).toBe(true);
  });
});
