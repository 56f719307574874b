import { createHash } from 'node:crypto';

/**
 * A stable fingerprint of a value (keys in any order give the same one): tells a retry from a
 * different request with the same idempotency key, and lets a decider see that a repeated
 * command carries the same content. Pure: a hash, no I/O.
 */
export function fingerprintOf(request: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value;
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
}
