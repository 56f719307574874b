import { CompactEncrypt, compactDecrypt, type CryptoKey, decodeProtectedHeader, importJWK, type JWK, type KeyObject } from 'jose';

// A CPR number on its way over a channel that keeps what it carries (Kafka keeps every message, and
// its dead-letter copies): encrypted to the receiving service's public key as a compact JWE, so
// only that service can read it (ADR 0020). Over HTTPS the CPR travels in clear inside TLS instead.

export const CPR_TRANSPORT_KEY_ALGORITHM = 'RSA-OAEP-256';
export const CPR_TRANSPORT_CONTENT_ENCRYPTION = 'A256GCM';

/** The encrypted CPR cannot be read: not a JWE, another algorithm, another key, or tampered with. */
export class CprTransportError extends Error {
  readonly code = 'CHILD.CPR_NOT_DECRYPTABLE';
  constructor(message: string) {
    super(message);
    this.name = 'CprTransportError';
  }
}

// Importing an RSA private key costs more than a decryption: import each key once.
const importedPrivateKeys = new WeakMap<JWK, Promise<CryptoKey | KeyObject | Uint8Array>>();
function importedPrivateKey(privateJwk: JWK) {
  let key = importedPrivateKeys.get(privateJwk);
  if (!key) {
    key = importJWK({ ...privateJwk, alg: CPR_TRANSPORT_KEY_ALGORITHM }, CPR_TRANSPORT_KEY_ALGORITHM);
    importedPrivateKeys.set(privateJwk, key);
  }
  return key;
}

/** Encrypts a CPR number to a public RSA key (a JWK, e.g. from the receiver's JWKS): a compact JWE. */
export async function encryptCprForTransport(cpr: string, publicJwk: JWK): Promise<string> {
  const key = await importJWK({ ...publicJwk, alg: CPR_TRANSPORT_KEY_ALGORITHM }, CPR_TRANSPORT_KEY_ALGORITHM);
  return new CompactEncrypt(new TextEncoder().encode(cpr))
    .setProtectedHeader({ alg: CPR_TRANSPORT_KEY_ALGORITHM, enc: CPR_TRANSPORT_CONTENT_ENCRYPTION, ...(publicJwk.kid ? { kid: publicJwk.kid } : {}) })
    .encrypt(key);
}

/**
 * Decrypts a compact JWE made by `encryptCprForTransport` with the private key (a JWK). Returns the
 * CPR as it was sent (not yet checked: that is the caller's validation). Throws CprTransportError,
 * whose message never contains any part of the JWE or the CPR.
 */
export async function decryptCprFromTransport(jwe: string, privateJwk: JWK): Promise<string> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch {
    throw new CprTransportError('is not a compact JWE');
  }
  if (header.alg !== CPR_TRANSPORT_KEY_ALGORITHM || header.enc !== CPR_TRANSPORT_CONTENT_ENCRYPTION) {
    throw new CprTransportError(`must be encrypted with alg ${CPR_TRANSPORT_KEY_ALGORITHM} and enc ${CPR_TRANSPORT_CONTENT_ENCRYPTION}`);
  }
  if (header.kid !== undefined && privateJwk.kid !== undefined && header.kid !== privateJwk.kid) {
    throw new CprTransportError(`was encrypted to key '${String(header.kid).slice(0, 64)}', but the current key is '${privateJwk.kid}': fetch the current public key`);
  }
  try {
    const { plaintext } = await compactDecrypt(jwe, await importedPrivateKey(privateJwk), {
      keyManagementAlgorithms: [CPR_TRANSPORT_KEY_ALGORITHM],
      contentEncryptionAlgorithms: [CPR_TRANSPORT_CONTENT_ENCRYPTION],
    });
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new CprTransportError('could not be decrypted with the current key (wrong key, or the JWE was altered)');
  }
}

/** The public half of an RSA private JWK, as a JWKS entry for encryption. */
export function publicCprTransportJwk(privateJwk: JWK): JWK {
  const { kty, n, e, kid } = privateJwk;
  if (kty !== 'RSA' || !n || !e) throw new Error('the CPR transport key must be an RSA JWK');
  return { kty, n, e, ...(kid ? { kid } : {}), alg: CPR_TRANSPORT_KEY_ALGORITHM, use: 'enc' };
}
