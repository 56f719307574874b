import { readFileSync } from 'node:fs';
import path from 'node:path';
import { municipalities } from '@sagsspor/reference-data';
import { authHeaders, generateCpr, waitFor } from '@sagsspor/testing';
import { getJson, postJson, type RunningPlatform } from './platform';

/** The published tables this suite reproduces (copied from the steering repo's shared/fixtures into src/fixtures), as rows of their CSV columns. */
export function sharedFixture(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.resolve(__dirname, 'fixtures', file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

export interface CaseThroughTheApis {
  referralId: string;
  municipalityCode: string;
  houseCode: string;
  birthDate: string;
  municipalityAwareAt: string;
  referredAt: string;
  acceptedAt: string;
  closedAt: string;
  /** Default: completed. */
  outcome?: 'completed' | 'interrupted' | 'withdrawn';
}

const tokens = new Map<string, Promise<Record<string, string>>>();
const tokenFor = (role: 'municipality' | 'boernehus', tenant: string) => {
  const key = `${role}:${tenant}`;
  if (!tokens.has(key)) tokens.set(key, authHeaders(role, role === 'municipality' ? { municipality: tenant } : { house: tenant }));
  return tokens.get(key)!;
};

function expectOk(what: string, answer: { status: number; body: unknown }) {
  if (answer.status >= 300) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/**
 * One børnehus case through the public APIs: the municipality refers the child (referrals), the
 * house accepts (referrals, answering the caseId), case-lifecycle opens the case from the event,
 * and the house closes it (case-lifecycle).
 */
export async function referAcceptAndClose(platform: RunningPlatform, c: CaseThroughTheApis, seed: number): Promise<string> {
  const municipality = await tokenFor('municipality', c.municipalityCode);
  const house = await tokenFor('boernehus', c.houseCode);
  const referral = await postJson(
    `${platform.url('referrals')}/v1/referrals`,
    { referralId: c.referralId, childCpr: generateCpr(c.birthDate, seed % 2 ? 'male' : 'female', seed), municipalityCode: c.municipalityCode, referredAt: c.referredAt, municipalityAwareAt: c.municipalityAwareAt, abuseTypes: ['violence'], houseCode: c.houseCode },
    municipality,
  );
  expectOk(`referral ${c.referralId}`, referral);
  const accepted = await postJson(`${platform.url('referrals')}/v1/referrals/${c.referralId}/accept`, { acceptedAt: c.acceptedAt }, house);
  expectOk(`accepting ${c.referralId}`, accepted);
  const caseId = accepted.body.caseId as string;
  await waitFor(() => getJson(`${platform.url('case-lifecycle')}/v1/cases/${caseId}`, house), (r) => r.status === 200, { timeoutMs: 60000, intervalMs: 200, what: `case ${caseId} to be opened` });
  const closed = await postJson(`${platform.url('case-lifecycle')}/v1/cases/${caseId}/close`, { closedAt: c.closedAt, outcome: c.outcome ?? 'completed', closingMemoSentAt: c.closedAt }, house);
  expectOk(`closing ${caseId}`, closed);
  return caseId;
}

/**
 * A FOLK1A export as the StatBank API gives it for the documented request: BOM, semicolons,
 * `OMRÅDE;ALDER;TID;INDHOLD`, Danish labels, one row per municipality and age 0-17.
 */
export function folk1aExport(year: number, population0to17: ReadonlyMap<string, number>): string {
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const rows = ['OMRÅDE;ALDER;TID;INDHOLD'];
  for (const [code, population] of population0to17) {
    for (let age = 0; age <= 17; age++) rows.push(`${names.get(code)};${age} år;${year}K1;${Math.floor(population / 18) + (age < population % 18 ? 1 : 0)}`);
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export async function putPopulation(platform: RunningPlatform, year: number, csv: string): Promise<void> {
  const response = await fetch(`${platform.url('reporting')}/v1/reference/population/${year}`, { method: 'PUT', headers: { 'content-type': 'text/csv', ...(await authHeaders('admin')) }, body: csv });
  if (!response.ok) throw new Error(`PUT population ${year} answered ${response.status}: ${await response.text()}`);
}
