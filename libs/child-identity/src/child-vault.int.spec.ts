import { migratedTestDataSource } from '@sagsspor/testing';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChildVault, vaultKeyFrom } from './child-vault';
import { ChildVaultSchema1764000000000 } from './schema.migration';

const cpr = '020416-4002';
const childRef = 'a'.repeat(64);

describe('ChildVault on real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  const key1 = vaultKeyFrom('k1', randomBytes(32).toString('base64'));
  const vault = new ChildVault(key1);

  beforeAll(async () => {
    db = await migratedTestDataSource('child_vault', [ChildVaultSchema1764000000000]);
    dataSource = db.dataSource;
  });
  afterAll(() => db.close());

  it('stores a CPR encrypted, reveals it, and keeps no clear text in any column', async () => {
    await vault.store(dataSource.manager, childRef, cpr);
    await vault.store(dataSource.manager, childRef, cpr); // idempotent
    expect(await vault.reveal(dataSource.manager, childRef)).toBe('0204164002');
    const dump = JSON.stringify(await dataSource.query(`SELECT k.*, v.* FROM child_keys k JOIN child_vault v USING (child_ref)`), (_k, v) =>
      v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
    );
    expect(dump).not.toContain('0204164002');
    expect(dump).not.toContain('020416');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM child_keys`)).toEqual([{ n: 1 }]);
  });

  it('refuses to reveal with another vault key', async () => {
    const other = new ChildVault(vaultKeyFrom('k1', randomBytes(32).toString('base64')));
    await expect(other.reveal(dataSource.manager, childRef)).rejects.toThrow();
  });

  it('rotates the vault key by re-wrapping the child keys', async () => {
    const key2 = vaultKeyFrom('k2', randomBytes(32).toString('base64'));
    const rotated = new ChildVault(key2);
    await expect(rotated.reveal(dataSource.manager, childRef)).rejects.toThrow(/run the key rotation/);
    expect(await dataSource.transaction((m) => rotated.rewrapAll(m, [key1]))).toBe(1);
    expect(await rotated.reveal(dataSource.manager, childRef)).toBe('0204164002');
    await dataSource.query(`UPDATE child_keys SET vault_key_id = 'k1'`); // put it back for the next test
    await dataSource.transaction((m) => vault.rewrapAll(m, [key2]));
  });

  it('crypto-shreds: after erasure the CPR cannot be revealed and the erasure is recorded without it', async () => {
    expect(await vault.erase(dataSource.manager, childRef, 'retention period ended')).toBe(true);
    expect(await vault.reveal(dataSource.manager, childRef)).toBeUndefined();
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM child_keys WHERE child_ref = $1`, [childRef])).toEqual([{ n: 0 }]);
    expect(await dataSource.query(`SELECT child_ref, reason FROM child_erasures`)).toEqual([{ child_ref: childRef, reason: 'retention period ended' }]);
    expect(await vault.erase(dataSource.manager, childRef, 'again')).toBe(false);
  });

  it('erases, for retention, exactly the CPRs not received again since the cut-off', async () => {
    const [old, recent] = ['c'.repeat(64), 'd'.repeat(64)];
    await vault.store(dataSource.manager, old, cpr);
    await vault.store(dataSource.manager, recent, cpr);
    await dataSource.query(`UPDATE child_vault SET last_seen_at = now() - interval '400 days' WHERE child_ref = $1`, [old]);
    expect(await dataSource.transaction((m) => vault.eraseNotSeenSince(m, new Date(Date.now() - 365 * 86_400_000), 'retention: 365 days'))).toBe(1);
    expect(await vault.reveal(dataSource.manager, old)).toBeUndefined();
    expect(await vault.reveal(dataSource.manager, recent)).toBe('0204164002');
  });

  it('gives concurrent stores of one child one key', async () => {
    const ref = 'b'.repeat(64);
    await Promise.all(Array.from({ length: 5 }, () => dataSource.transaction((m) => vault.store(m, ref, cpr))));
    expect(await vault.reveal(dataSource.manager, ref)).toBe('0204164002');
  });
});
