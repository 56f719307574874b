import { DomainError } from '@sagsspor/domain';
import { createTestDatabase, generateCpr } from '@sagsspor/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChildRegistry, moveChildPseudonym } from './child-registry';
import { ChildVaultSchema1764000000000 } from './schema.migration';
import { seal, vaultKeyFrom } from './sealing';

const cpr = '020416-4002';
const lookupSecret = 'l'.repeat(40);

describe('ChildRegistry on real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const key1 = vaultKeyFrom('k1', randomBytes(32).toString('base64'));
  let registry: ChildRegistry;
  const registryWith = (key = key1) => new ChildRegistry(dataSource, key, lookupSecret, 'registry-test');

  beforeAll(async () => {
    database = await createTestDatabase('child_registry');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    registry = registryWith();
    await registry.ensureSchema();
    await registry.ensureSchema(); // idempotent: every service start runs it
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('gives a CPR a random pseudonym the first time and the same one after, with or without the hyphen', async () => {
    const first = await registry.resolve(cpr);
    expect(first).toMatchObject({ created: true, identity: { childBirthDate: '2016-04-02', childSex: 'female' } });
    expect(first.identity.childRef).toMatch(/^[0-9a-f]{64}$/);
    const again = await registry.resolve('0204164002');
    expect(again).toMatchObject({ created: false, identity: first.identity });
    const other = await registry.resolve('020416-4010');
    expect(other.identity.childRef).not.toBe(first.identity.childRef);
    expect(await registry.reveal(first.identity.childRef)).toBe('0204164002');
    expect(await registry.birthDateOf(first.identity.childRef)).toBe('2016-04-02');
    expect(await registry.birthDateOf('0'.repeat(64))).toBeUndefined();
  });

  it('keeps no clear CPR or birth date in any column', async () => {
    const dump = JSON.stringify(await dataSource.query(`SELECT * FROM child_registry`), (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
    expect(dump).not.toContain('0204164002');
    expect(dump).not.toContain('020416');
    expect(dump).not.toContain('2016-04-02');
  });

  it('refuses a number that is not a CPR, naming the field, and stores nothing', async () => {
    const before = await dataSource.query(`SELECT count(*)::int AS n FROM child_registry`);
    await expect(registry.resolve('310218-4001', 'children[2].childCpr')).rejects.toThrow(
      expect.objectContaining({ code: 'CHILD.INVALID_CPR', kind: 'invalid', message: expect.stringMatching(/^children\[2\]\.childCpr /) }),
    );
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM child_registry`)).toEqual(before);
  });

  it('takes back a registration whose command failed, but never one that was resolved before', async () => {
    const fresh = '150317-4012';
    await expect(registry.withChild(fresh, 'childCpr', async () => Promise.reject(new DomainError('X.REFUSED', 'refused', 'invalid')))).rejects.toThrow('refused');
    const afterFailure = await registry.resolve(fresh);
    expect(afterFailure.created).toBe(true); // nothing was left behind
    await expect(registry.withChild(fresh, 'childCpr', async () => Promise.reject(new Error('later failure')))).rejects.toThrow('later failure');
    expect(await registry.resolve(fresh)).toMatchObject({ created: false, identity: afterFailure.identity });
  });

  it('reads a known child without writing, but marks it seen once a day and once right after it was registered', async () => {
    const { identity } = await registry.resolve('120914-4018');
    const seen = async () => ((await dataSource.query(`SELECT last_seen_at::text AS at FROM child_registry WHERE child_ref = $1`, [identity.childRef])) as { at: string }[])[0].at;
    const registered = await seen();
    await registry.resolve('120914-4018'); // just registered: marked, so no failed command can take it back now
    const marked = await seen();
    expect(marked).not.toBe(registered);
    await registry.resolve('120914-4018');
    expect(await seen()).toBe(marked); // a read
    await dataSource.query(`UPDATE child_registry SET created_at = now() - interval '3 days', last_seen_at = now() - interval '2 days' WHERE child_ref = $1`, [identity.childRef]);
    const old = await seen();
    await registry.resolve('120914-4018');
    expect(await seen()).not.toBe(old); // seen again after a day: retention restarts
  });

  it('gives concurrent first arrivals of one CPR one pseudonym', async () => {
    const resolved = await Promise.all(Array.from({ length: 8 }, () => registry.resolve('010118-4001')));
    expect(new Set(resolved.map((r) => r.identity.childRef)).size).toBe(1);
    expect(resolved.filter((r) => r.created)).toHaveLength(1);
  });

  it('gives first arrivals of one CPR in two processes at once one pseudonym', async () => {
    const other = registryWith();
    const resolved = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? registry : other).resolve('010118-4019')));
    expect(new Set(resolved.map((r) => r.identity.childRef)).size).toBe(1);
    expect(resolved.filter((r) => r.created)).toHaveLength(1);
  });

  it('answers concurrent lookups of many children, known, new and repeated, in a few statements, each with its own child', async () => {
    const cprs = Array.from({ length: 40 }, (_, i) => generateCpr(`2012-03-${String(1 + (i % 28)).padStart(2, '0')}`, i % 2 ? 'male' : 'female', 50 + i));
    const known = new Map(await Promise.all(cprs.slice(0, 10).map(async (c) => [c, (await registry.resolve(c)).identity.childRef] as const)));
    const query = jest.spyOn(dataSource, 'query');
    const asked = [...cprs, ...cprs.slice(5, 15)]; // ten asked twice at once: five known, five new
    const resolved = await Promise.all(asked.map((c) => registry.resolve(c)));
    expect(query.mock.calls.length).toBeLessThanOrEqual(3);
    query.mockRestore();
    for (const [i, c] of asked.entries()) {
      if (known.has(c)) expect(resolved[i]).toMatchObject({ created: false, identity: { childRef: known.get(c) } });
      expect(await registry.reveal(resolved[i].identity.childRef)).toBe(c.replace('-', ''));
    }
    const refsOf = (c: string) => new Set(resolved.filter((_, i) => asked[i] === c).map((r) => r.identity.childRef));
    expect(cprs.every((c) => refsOf(c).size === 1)).toBe(true);
    expect(new Set(resolved.map((r) => r.identity.childRef)).size).toBe(40);
    expect(resolved.filter((r) => r.created)).toHaveLength(30); // each new child registered once
  });

  it('erases the lookup, the key and the sealed CPR together; the same CPR then gets a new pseudonym', async () => {
    const { identity } = await registry.resolve(cpr);
    expect(await registry.erase(identity.childRef, 'request from the data protection officer')).toBe(true);
    expect(await registry.reveal(identity.childRef)).toBeUndefined();
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM child_registry WHERE child_ref = $1`, [identity.childRef])).toEqual([{ n: 0 }]);
    expect(await registry.erasuresOf(identity.childRef)).toEqual([{ childRef: identity.childRef, reason: 'request from the data protection officer', erasedAt: expect.any(String) }]);
    expect(await registry.erase(identity.childRef, 'again')).toBe(false);
    const back = await registry.resolve(cpr);
    expect(back.created).toBe(true);
    expect(back.identity.childRef).not.toBe(identity.childRef);
  });

  it('erases, for retention, exactly the children not seen since the cut-off', async () => {
    const old = (await registry.resolve('030405-4007')).identity.childRef;
    const recent = (await registry.resolve('030405-4015')).identity.childRef;
    await dataSource.query(`UPDATE child_registry SET last_seen_at = now() - interval '400 days' WHERE child_ref = $1`, [old]);
    expect(await registry.eraseNotSeenSince(new Date(Date.now() - 365 * 86_400_000), 'retention: 365 days')).toBe(1);
    expect(await registry.reveal(old)).toBeUndefined();
    expect(await registry.reveal(recent)).toBe('0304054015');
  });

  it('rotates the vault key by re-wrapping the child keys, and refuses to reveal under a key it was not wrapped with', async () => {
    const { identity } = await registry.resolve(cpr);
    const key2 = vaultKeyFrom('k2', randomBytes(32).toString('base64'));
    const rotated = registryWith(key2);
    await expect(rotated.reveal(identity.childRef)).rejects.toThrow(/run the key rotation/);
    expect(await rotated.rewrapAll([key1])).toBeGreaterThan(0);
    expect(await rotated.reveal(identity.childRef)).toBe('0204164002');
    await expect(registry.reveal(identity.childRef)).rejects.toThrow(/run the key rotation/);
    await registry.rewrapAll([key2]);
    expect(await registry.reveal(identity.childRef)).toBe('0204164002');
  });

  it('moves a child to another pseudonym: the same CPR finds it there, its CPR opens under it, and the old one is gone', async () => {
    const { identity } = await registry.resolve('221110-4006');
    const next = 'c'.repeat(64);
    expect(await dataSource.transaction((m) => moveChildPseudonym(m, key1, identity.childRef, next))).toBe(true);
    expect(await registry.resolve('221110-4006')).toMatchObject({ created: false, identity: { childRef: next } });
    expect(await registry.reveal(next)).toBe('2211104006');
    expect(await registry.reveal(identity.childRef)).toBeUndefined();
    expect(await dataSource.transaction((m) => moveChildPseudonym(m, key1, identity.childRef, 'd'.repeat(64)))).toBe(false);
  });

  it("takes a service's vault of the earlier scheme over, keeping its pseudonyms, and drops it", async () => {
    const service = await createTestDatabase('legacy_vault');
    const legacy = await new DataSource({ type: 'postgres', url: service.url, migrations: [ChildVaultSchema1764000000000], migrationsRun: true }).initialize();
    try {
      const legacyRef = 'e'.repeat(64);
      const childKey = randomBytes(32);
      const wrapped = seal(key1.key, childKey, `child-key:${legacyRef}`);
      const sealed = seal(childKey, Buffer.from('1108094003'), `child-cpr:${legacyRef}`);
      await legacy.query(`INSERT INTO child_keys (child_ref, vault_key_id, wrap_iv, wrap_tag, wrapped_key) VALUES ($1, 'k1', $2, $3, $4)`, [legacyRef, wrapped.iv, wrapped.tag, wrapped.ciphertext]);
      await legacy.query(`INSERT INTO child_vault (child_ref, cpr_iv, cpr_tag, cpr_ciphertext) VALUES ($1, $2, $3, $4)`, [legacyRef, sealed.iv, sealed.tag, sealed.ciphertext]);
      await legacy.query(`INSERT INTO child_erasures (child_ref, reason) VALUES ($1, 'an earlier erasure')`, ['f'.repeat(64)]);

      expect(await registry.adoptServiceVault(legacy, [key1])).toBe(1);
      expect(await registry.resolve('110809-4003')).toMatchObject({ created: false, identity: { childRef: legacyRef } });
      expect(await registry.erasuresOf('f'.repeat(64))).toEqual([expect.objectContaining({ reason: 'an earlier erasure' })]);
      expect(await legacy.query(`SELECT to_regclass('public.child_vault') IS NULL AS dropped`)).toEqual([{ dropped: true }]);
      expect(await registry.adoptServiceVault(legacy, [key1])).toBe(0); // the next start finds nothing to do
    } finally {
      await legacy.destroy();
      await service.drop();
    }
  });
});
