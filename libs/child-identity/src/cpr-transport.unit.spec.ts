import { CompactEncrypt, exportJWK, generateKeyPair, type JWK } from 'jose';
import { decryptCprFromTransport, encryptCprForTransport, publicCprTransportJwk } from './cpr-transport';

const cpr = '020416-4002';

async function keyPair(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true, modulusLength: 2048 });
  const privateJwk = { ...(await exportJWK(privateKey)), kid };
  return { privateJwk, publicJwk: publicCprTransportJwk(privateJwk) };
}

describe('CPR transport encryption (compact JWE, RSA-OAEP-256 + A256GCM)', () => {
  let ours: { privateJwk: JWK; publicJwk: JWK };
  let theirs: { privateJwk: JWK; publicJwk: JWK };

  beforeAll(async () => {
    [ours, theirs] = await Promise.all([keyPair('ours-1'), keyPair('theirs-1')]);
  });

  it('round-trips, names the key, and shows no part of the CPR', async () => {
    const jwe = await encryptCprForTransport(cpr, ours.publicJwk);
    expect(jwe.split('.')).toHaveLength(5);
    expect(JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url').toString())).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'ours-1' });
    expect(jwe).not.toContain('4002');
    expect(await decryptCprFromTransport(jwe, ours.privateJwk)).toBe(cpr);
  });

  it('gives a fresh ciphertext every time', async () => {
    expect(await encryptCprForTransport(cpr, ours.publicJwk)).not.toBe(await encryptCprForTransport(cpr, ours.publicJwk));
  });

  it('publishes only the public half of the key', () => {
    expect(Object.keys(ours.publicJwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('refuses a JWE for another key, naming both key ids', async () => {
    const jwe = await encryptCprForTransport(cpr, theirs.publicJwk);
    await expect(decryptCprFromTransport(jwe, ours.privateJwk)).rejects.toMatchObject({ code: 'CHILD.CPR_NOT_DECRYPTABLE', message: expect.stringMatching(/'theirs-1'.*'ours-1'/) });
  });

  it('refuses a JWE without a key id that the key cannot open', async () => {
    const jwe = await encryptCprForTransport(cpr, { ...theirs.publicJwk, kid: undefined });
    await expect(decryptCprFromTransport(jwe, ours.privateJwk)).rejects.toMatchObject({ code: 'CHILD.CPR_NOT_DECRYPTABLE' });
  });

  it('refuses a tampered ciphertext', async () => {
    const parts = (await encryptCprForTransport(cpr, ours.publicJwk)).split('.');
    parts[3] = Buffer.from('x'.repeat(10)).toString('base64url');
    await expect(decryptCprFromTransport(parts.join('.'), ours.privateJwk)).rejects.toMatchObject({ code: 'CHILD.CPR_NOT_DECRYPTABLE' });
  });

  it('refuses other algorithms and things that are not a JWE, without echoing the input', async () => {
    const { importJWK } = await import('jose');
    const weak = await new CompactEncrypt(new TextEncoder().encode(cpr))
      .setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A128GCM', kid: 'ours-1' })
      .encrypt(await importJWK({ ...ours.publicJwk, alg: 'RSA-OAEP' }, 'RSA-OAEP'));
    await expect(decryptCprFromTransport(weak, ours.privateJwk)).rejects.toThrow(/must be encrypted with alg RSA-OAEP-256 and enc A256GCM/);
    await expect(decryptCprFromTransport(cpr, ours.privateJwk)).rejects.toThrow(/^is not a compact JWE$/);
  });
});
