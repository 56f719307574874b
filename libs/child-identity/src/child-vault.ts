import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { joinWrites, returnedRows, type WriteFragment } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import { normaliseCpr } from '@sagsspor/domain';

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

interface Sealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function seal(key: Buffer, plaintext: Buffer, associatedData: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(key: Buffer, sealed: Sealed, associatedData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/**
 * The only place a CPR number is kept: encrypted (AES-256-GCM) with a key of the child's own,
 * which is itself wrapped by the vault key. Deleting the child's key (crypto-shredding) makes the
 * CPR unrecoverable everywhere it was encrypted, while the pseudonymous history (childRef) stays.
 * The childRef is bound into both ciphertexts as associated data, so rows cannot be swapped.
 */
export class ChildVault {
  constructor(private readonly vaultKey: VaultKey) {}

  /**
   * Keeps the CPR for a child (idempotent: a child already stored keeps its key and ciphertext, and
   * is marked as seen now, which restarts its retention period).
   */
  async store(manager: EntityManager, childRef: string, cpr: string): Promise<void> {
    const { sql, params } = joinWrites([this.storing(childRef, cpr)]);
    await manager.query(sql, params);
  }

  /**
   * `store` as a write that joins a command's one statement (CommandPipeline `alsoWrite`). A child
   * already stored is only marked as seen; a new one gets its key and its ciphertext. If a
   * concurrent store won the key, its own ciphertext of the same CPR (childRef is a function of the
   * CPR) is the one kept, so ours is not inserted.
   */
  storing(childRef: string, cpr: string): WriteFragment {
    const childKey = randomBytes(32);
    const wrapped = seal(this.vaultKey.key, childKey, `child-key:${childRef}`);
    const sealed = seal(childKey, Buffer.from(normaliseCpr(cpr)), `child-cpr:${childRef}`);
    return {
      parts: [
        { name: 'vault_touched', sql: `UPDATE child_vault SET last_seen_at = now() WHERE child_ref = $1 RETURNING child_ref` },
        {
          name: 'vault_new_key',
          sql: `INSERT INTO child_keys (child_ref, vault_key_id, wrap_iv, wrap_tag, wrapped_key)
                SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM vault_touched)
                ON CONFLICT (child_ref) DO NOTHING RETURNING child_ref`,
        },
        { name: 'vault_stored', sql: `INSERT INTO child_vault (child_ref, cpr_iv, cpr_tag, cpr_ciphertext) SELECT child_ref, $6, $7, $8 FROM vault_new_key ON CONFLICT (child_ref) DO NOTHING` },
      ],
      params: [childRef, this.vaultKey.id, wrapped.iv, wrapped.tag, wrapped.ciphertext, sealed.iv, sealed.tag, sealed.ciphertext],
    };
  }

  /** The CPR (DDMMYYSSSS), or undefined when none was stored or its key was shredded. */
  async reveal(manager: EntityManager, childRef: string): Promise<string | undefined> {
    const key = await this.childKey(manager, childRef);
    if (!key) return undefined;
    const rows: { cpr_iv: Buffer; cpr_tag: Buffer; cpr_ciphertext: Buffer }[] = await manager.query(
      `SELECT cpr_iv, cpr_tag, cpr_ciphertext FROM child_vault WHERE child_ref = $1`,
      [childRef],
    );
    if (rows.length === 0) return undefined;
    return open(key, { iv: rows[0].cpr_iv, tag: rows[0].cpr_tag, ciphertext: rows[0].cpr_ciphertext }, `child-cpr:${childRef}`).toString();
  }

  /**
   * Crypto-shreds a child's CPR: deletes its key and its ciphertext, and records that it was done
   * (no CPR, only the pseudonym and when). Returns false when nothing was stored for the child.
   */
  async erase(manager: EntityManager, childRef: string, reason: string): Promise<boolean> {
    const deleted = returnedRows(await manager.query(`DELETE FROM child_keys WHERE child_ref = $1 RETURNING child_ref`, [childRef]));
    await manager.query(`DELETE FROM child_vault WHERE child_ref = $1`, [childRef]);
    if (deleted.length > 0) {
      await manager.query(`INSERT INTO child_erasures (child_ref, reason) VALUES ($1, $2)`, [childRef, reason]);
    }
    return deleted.length > 0;
  }

  /**
   * Retention: crypto-shreds every CPR not received again since `cutoff`. Returns how many children's
   * CPRs were erased; their pseudonymous history stays.
   */
  async eraseNotSeenSince(manager: EntityManager, cutoff: Date, reason: string): Promise<number> {
    const stale: { child_ref: string }[] = await manager.query(`SELECT child_ref FROM child_vault WHERE last_seen_at < $1 ORDER BY child_ref FOR UPDATE`, [cutoff]);
    let erased = 0;
    for (const { child_ref } of stale) if (await this.erase(manager, child_ref, reason)) erased++;
    return erased;
  }

  /** Re-wraps every child key still under another vault key with this one (key rotation). */
  async rewrapAll(manager: EntityManager, previous: VaultKey[]): Promise<number> {
    const byId = new Map(previous.map((k) => [k.id, k]));
    const rows: { child_ref: string; vault_key_id: string; wrap_iv: Buffer; wrap_tag: Buffer; wrapped_key: Buffer }[] = await manager.query(
      `SELECT child_ref, vault_key_id, wrap_iv, wrap_tag, wrapped_key FROM child_keys WHERE vault_key_id <> $1 FOR UPDATE`,
      [this.vaultKey.id],
    );
    for (const row of rows) {
      const old = byId.get(row.vault_key_id);
      if (!old) throw new Error(`child keys are wrapped with vault key '${row.vault_key_id}', which was not given`);
      const childKey = open(old.key, { iv: row.wrap_iv, tag: row.wrap_tag, ciphertext: row.wrapped_key }, `child-key:${row.child_ref}`);
      const wrapped = seal(this.vaultKey.key, childKey, `child-key:${row.child_ref}`);
      await manager.query(`UPDATE child_keys SET vault_key_id = $2, wrap_iv = $3, wrap_tag = $4, wrapped_key = $5 WHERE child_ref = $1`, [
        row.child_ref,
        this.vaultKey.id,
        wrapped.iv,
        wrapped.tag,
        wrapped.ciphertext,
      ]);
    }
    return rows.length;
  }

  private async childKey(manager: EntityManager, childRef: string): Promise<Buffer | undefined> {
    const rows: { vault_key_id: string; wrap_iv: Buffer; wrap_tag: Buffer; wrapped_key: Buffer }[] = await manager.query(
      `SELECT vault_key_id, wrap_iv, wrap_tag, wrapped_key FROM child_keys WHERE child_ref = $1`,
      [childRef],
    );
    if (rows.length === 0) return undefined;
    if (rows[0].vault_key_id !== this.vaultKey.id) {
      throw new Error(`the child key is wrapped with vault key '${rows[0].vault_key_id}', not the configured '${this.vaultKey.id}': run the key rotation`);
    }
    return open(this.vaultKey.key, { iv: rows[0].wrap_iv, tag: rows[0].wrap_tag, ciphertext: rows[0].wrapped_key }, `child-key:${childRef}`);
  }
}

/** A development vault key derived from a fixed phrase: refused in production by the configuration. */
export const DEVELOPMENT_VAULT_KEY: VaultKey = { id: 'dev-1', key: createHash('sha256').update('sagsspor-development-vault-key').digest() };
