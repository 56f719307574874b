// Integrator kit: a police video-interview system sending one interview to Sagsspor over Kafka
// (docs/integration-guide.md section 9, docs/asyncapi-police-inbound.yaml, ADR 0020). The suite
// runs it against a live stack (libs/e2e/src/integration-guide.e2e.spec.ts) and against
// sector-coordination alone (video-interview.int.spec.ts), so it keeps working.
// Needs only `jose` and `kafkajs` (npm install jose kafkajs). Usage:
//   SAGSSPOR_SC_URL=http://localhost:3003 KAFKA_BROKERS=127.0.0.1:9092 [SAGSSPOR_TOKEN=<police token>] \
//     node police-video-interview-producer.mjs '{"interviewId":"OJP-VA-2025-0815","childCpr":"020416-4002",...}'
// With SAGSSPOR_TOKEN it then waits until Sagsspor has recorded the interview, and says so.
/* global process, fetch, console, setTimeout, TextEncoder -- Node globals */
import { randomUUID } from 'node:crypto';
import { CompactEncrypt, importJWK } from 'jose';
import { Kafka, logLevel } from 'kafkajs';

const scUrl = process.env.SAGSSPOR_SC_URL ?? 'http://localhost:3003';
const topic = process.env.INBOUND_TOPIC ?? 'sagsspor.inbound.police.video-interviews.v1';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const token = process.env.SAGSSPOR_TOKEN;

/** The CPR never goes on Kafka in clear: encrypt it to sector-coordination's public key (compact JWE). */
async function encryptCpr(cpr, jwk) {
  const key = await importJWK(jwk, 'RSA-OAEP-256');
  return new CompactEncrypt(new TextEncoder().encode(cpr)).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: jwk.kid }).encrypt(key);
}

const { childCpr, ...interview } = JSON.parse(process.argv[2]);

// 1. The current public key (cache it; fetch again when a message is dead-lettered with INBOUND.CPR_NOT_DECRYPTABLE).
const { keys } = await fetch(`${scUrl}/v1/video-interviews/encryption-key`).then((r) => r.json());

// 2. The message: CloudEvents 1.0 in Kafka binary mode, key = interviewId, the CPR as childCprEncrypted.
const message = {
  key: interview.interviewId,
  value: JSON.stringify({ ...interview, childCprEncrypted: await encryptCpr(childCpr, keys[0]) }),
  headers: {
    ce_specversion: '1.0',
    ce_id: randomUUID(),
    ce_type: 'dk.politi.video-interview.v1',
    ce_source: `/politi/${interview.policeDistrict}/video-interviews`,
    ce_time: new Date().toISOString(),
    'content-type': 'application/json',
  },
};

// 3. Send it: idempotent producer, acknowledged by all in-sync replicas. Sending the same message
//    again (after a timeout, say) changes nothing in Sagsspor; other content for the same id is a correction.
const producer = new Kafka({ clientId: 'police-video-interviews', brokers, logLevel: logLevel.ERROR }).producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
await producer.send({ topic, acks: -1, messages: [message] });
await producer.disconnect();
console.log(`sent interview ${interview.interviewId} to ${topic}`);

// 4. Optional: ask Sagsspor until it has recorded the interview (a message it cannot use goes to `${topic}.dlq` instead).
if (token) {
  const url = `${scUrl}/v1/video-interviews/${encodeURIComponent(interview.interviewId)}?policeDistrict=${encodeURIComponent(interview.policeDistrict)}`;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (response.ok) {
      const recorded = await response.json();
      console.log(`recorded interview ${recorded.interviewId}: revision ${recorded.revision}, received via ${recorded.revisions.at(-1).receivedVia}`);
      break;
    }
    if (response.status !== 404 || attempt === 60) throw new Error(`interview ${interview.interviewId} not recorded: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
