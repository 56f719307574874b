import { containsCpr, cprFieldsIn, REDACTED_CPR, redactCprs } from '@sagsspor/domain';
import type { IHeaders, KafkaMessage } from 'kafkajs';

// The CPR detector (containsCpr, ADR 0094) applied to Kafka messages: the door for messages from
// outside (which places of a message hold a CPR), and what a dead-letter topic may keep of one.

const texts = (value: IHeaders[string]): string[] =>
  value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));

/** The value as JSON, or undefined when it is not JSON. */
function parsed(value: Buffer | string | null | undefined): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(value?.toString() ?? '') };
  } catch {
    return undefined;
  }
}

/**
 * The places of a message that hold a CPR number: `(key)`, `(header <name>)` (`(a header name)` when
 * the name holds one), and the fields of its JSON value (or `(value)`), leaving out the fields named
 * `cprFields` (where a CPR belongs, encrypted). The places never repeat the CPR.
 */
export function cprPlacesInMessage(message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>, cprFields: readonly string[] = []): string[] {
  const places: string[] = [];
  if (message.key && containsCpr(message.key.toString())) places.push('(key)');
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (containsCpr(name)) places.push('(a header name)');
    else if (texts(value).some(containsCpr)) places.push(`(header ${name})`);
  }
  const value = parsed(message.value);
  if (value) places.push(...cprFieldsIn(value.json, (field) => cprFields.includes(field)).map((field) => (field === '(root)' ? '(value)' : field)));
  else if (message.value && containsCpr(message.value.toString())) places.push('(value)');
  return places;
}

/**
 * What a dead-letter topic may keep of a message: key, header names and values, and each text of
 * the value that holds a CPR number replaced by REDACTED_CPR (a value that is not JSON, whole).
 * `redacted` says whether anything was: such a letter cannot be replayed as sent.
 */
export function withoutCprs(message: { key?: Buffer | string | null; value: Buffer | string | null; headers: IHeaders }): { key: Buffer | string | null; value: Buffer | string | null; headers: IHeaders; redacted: boolean } {
  let redacted = false;
  const clean = (text: string) => {
    if (!containsCpr(text)) return text;
    redacted = true;
    return REDACTED_CPR;
  };
  const key = message.key === undefined || message.key === null ? null : containsCpr(message.key.toString()) ? clean(message.key.toString()) : message.key;
  const headers: IHeaders = {};
  Object.entries(message.headers).forEach(([name, value], at) => {
    const values = texts(value);
    const cleanName = containsCpr(name) ? `${clean(name)} ${at}` : name;
    headers[cleanName] = values.some(containsCpr) ? (Array.isArray(value) ? values.map(clean) : clean(values[0])) : value;
  });
  let value = message.value;
  const json = value === null ? undefined : parsed(value);
  // The text as sent, and what JSON.parse reads from it (`\u0030` is a 0).
  if (value !== null && (containsCpr(value.toString()) || (json !== undefined && cprFieldsIn(json.json).length > 0))) {
    let rewritten: string;
    try {
      rewritten = json ? JSON.stringify(redactCprs(json.json)) : REDACTED_CPR;
    } catch {
      rewritten = REDACTED_CPR; // nested too deep to walk
    }
    // A CPR across fields (which no single field holds) or in the text around them: none of the value stays.
    value = containsCpr(rewritten) ? REDACTED_CPR : rewritten;
    redacted = true;
  }
  return { key, value, headers, redacted };
}
