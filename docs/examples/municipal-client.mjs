// Integrator kit: a municipality's case system sending an underretning and then referring the
// child (docs/integration-guide.md section 9). Plain Node (18 or later), no packages. The suite
// runs it against a live stack (libs/e2e/src/integration-guide.e2e.spec.ts), so it keeps working.
// Usage:
//   SAGSSPOR_REFERRALS_URL=http://localhost:3001 SAGSSPOR_TOKEN=<municipality token> \
//     node municipal-client.mjs '{"underretning": {...}, "referral": {...}}'
// The bodies are the API's (docs/openapi/referrals.json); the ids are yours.
/* global process, fetch, console, setTimeout, AbortSignal -- Node globals */

const baseUrl = process.env.SAGSSPOR_REFERRALS_URL ?? 'http://localhost:3001';
const token = process.env.SAGSSPOR_TOKEN;
if (!token) throw new Error('set SAGSSPOR_TOKEN to a municipality token (locally: npm run -s cli -- token --role municipality --municipality 751)');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a body and returns the answer. Every POST is idempotent by the id in its body, so whenever
 * the outcome is unknown (no answer, a timeout, 503) or the answer says "later" (429), the same
 * request is sent again: after Retry-After, or with a growing pause. A 4xx other than 429 is final:
 * a 409 means this id already holds other content (a bug in the id scheme, never a retry).
 */
async function send(path, body, attempts = 6) {
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      if (attempt === attempts) throw error;
      await sleep(500 * 2 ** attempt);
      continue;
    }
    const answer = await response.json();
    if (response.ok) return { status: response.status, body: answer };
    if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
      await sleep(Number(response.headers.get('retry-after') ?? 2 ** attempt) * 1000);
      continue;
    }
    throw new Error(`POST ${path}: ${response.status} ${answer.code ?? ''} ${answer.detail ?? answer.title ?? ''}`.trim());
  }
}

const { underretning, referral } = JSON.parse(process.argv[2]);

// 1. The underretning, as the municipality receives it. The CPR goes only in childCpr.
const received = await send('/v1/underretninger', underretning);
console.log(`underretning ${received.body.underretningId}: ${received.status}, municipality ${received.body.municipalityCode}`);

// 2. The referral to the børnehus, naming the underretning it follows from.
const referred = await send('/v1/referrals', { ...referral, underretningId: underretning.underretningId });
console.log(`referral ${referred.body.referralId}: ${referred.status}, ${referred.body.status} at house ${referred.body.houseCode}`);

// 3. Did it arrive? When in doubt (the answer was lost), send the same request again: the same
//    content gives the same answer and changes nothing.
const again = await send('/v1/referrals', { ...referral, underretningId: underretning.underretningId });
const differing = [...new Set([...Object.keys(referred.body), ...Object.keys(again.body)])].filter((k) => JSON.stringify(referred.body[k]) !== JSON.stringify(again.body[k]));
console.log(`referral ${again.body.referralId} sent again: ${again.status}, ${differing.length === 0 ? 'the same answer, nothing changed' : `a different answer in ${differing.join(', ')}`}`);
if (differing.length > 0) process.exitCode = 1;
