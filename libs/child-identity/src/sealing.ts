import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The key-encryption key (KEK) that wraps every child's own key. `id` names it, so keys can be
 * re-wrapped under a new KEK (rotation) while old rows still say which KEK wrapped them.
 */
export interface VaultKey {
  id: string;
  key: Buffer;
}

/** A KEK from configuration: 32 bytes, base64. */
export function vaultKeyFrom(id: string, base64: string): VaultKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`the child vault key '${id}' must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return { id, key };
}

/** A development vault key derived from a fixed phrase: refused in production by the configuration. */
export const DEVELOPMENT_VAULT_KEY: VaultKey = { id: 'dev-1', key: createHash('sha256').update('sagsspor-development-vault-key').digest() };

export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** AES-256-GCM with `associatedData` bound in, so a sealed value cannot be moved to another row. */
export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

export function open(key: Buffer, sealed: Sealed, associatedData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
