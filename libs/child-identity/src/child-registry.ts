import { createHmac, randomBytes } from 'node:crypto';
import type { CalendarDate } from '@sagsspor/calendar';
import { type ChildIdentity, DomainError, normaliseCpr, parseCpr } from '@sagsspor/domain';
import { GroupedWrites } from '@sagsspor/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { open, seal, type Sealed, type VaultKey } from './sealing';

/** A resolved child: its identity, and whether this call registered it (so a failed command can take that back). */
export interface ResolvedChild {
  identity: ChildIdentity;
  created: boolean;
  /** The row's last_seen_at as this call left it, to the microsecond (as text: a Date keeps milliseconds only): `forgetUnused` deletes the row only if no one has resolved it since. */
  seenAt: string;
}

/** A lookup as the registry asks it: the keyed hash to find the child by, and the CPR to seal if the child is new. */
interface Registration {
  lookup: Buffer;
  cpr: Buffer;
}

/** What the registry answers for a registration. */
interface RegistryAnswer {
  child_ref: string;
  created: boolean;
  seen_at: string;
}

interface RegistryRow extends SealedChild {
  child_ref: string;
}

/** What a registry row seals: the child's key (wrapped by a vault key) and the CPR (sealed under the child's key). */
export interface SealedChild {
  vault_key_id: string;
  wrap_iv: Buffer;
  wrap_tag: Buffer;
  wrapped_key: Buffer;
  cpr_iv: Buffer;
  cpr_tag: Buffer;
  cpr_ciphertext: Buffer;
}

/** The child's key and CPR from a row sealed under `vaultKey` with `childRef` bound in. */
function openChild(row: SealedChild, vaultKey: VaultKey, childRef: string): { childKey: Buffer; cpr: Buffer } {
  if (row.vault_key_id !== vaultKey.id) {
    throw new Error(`the child key is wrapped with vault key '${row.vault_key_id}', not '${vaultKey.id}': run the key rotation (CHILD_VAULT_PREVIOUS_KEYS)`);
  }
  const childKey = open(vaultKey.key, sealedOf(row.wrap_iv, row.wrap_tag, row.wrapped_key), `child-key:${childRef}`);
  return { childKey, cpr: open(childKey, sealedOf(row.cpr_iv, row.cpr_tag, row.cpr_ciphertext), `child-cpr:${childRef}`) };
}

/** A child's key wrapped by `vaultKey` and its CPR sealed under that key, with `childRef` bound into both. */
function sealChild(vaultKey: VaultKey, childKey: Buffer, cpr: Buffer, childRef: string): SealedChild {
  const wrapped = seal(vaultKey.key, childKey, `child-key:${childRef}`);
  const sealed = seal(childKey, cpr, `child-cpr:${childRef}`);
  return {
    vault_key_id: vaultKey.id,
    wrap_iv: wrapped.iv,
    wrap_tag: wrapped.tag,
    wrapped_key: wrapped.ciphertext,
    cpr_iv: sealed.iv,
    cpr_tag: sealed.tag,
    cpr_ciphertext: sealed.ciphertext,
  };
}

/**
 * A row's sealed parts opened with `from` (its vault key and the pseudonym bound in) and sealed again
 * with `to`: for a key rotation (another vault key), a migration (another pseudonym), or both.
 */
export function resealed(row: SealedChild, from: { vaultKey: VaultKey; childRef: string }, to: { vaultKey: VaultKey; childRef: string }): SealedChild & { cpr: string } {
  const { childKey, cpr } = openChild(row, from.vaultKey, from.childRef);
  return { ...sealChild(to.vaultKey, childKey, cpr, to.childRef), cpr: cpr.toString() };
}

const SCHEMA_LOCK = 7_301_764_001;

/** How long after registering a child a failed command may still take the registration back (far longer than a command takes). */
const TAKE_BACK_WINDOW = `interval '10 minutes'`;

/**
 * At most `perSecond` lookups a second from this process, with a burst of one second's worth: a caller
 * beyond that waits its turn. Asking the registry about many CPRs (an oracle at scale) is slowed to
 * this pace, while the ingest, far below it, never waits. 0 turns it off.
 */
export class LookupThrottle {
  private nextAt = 0;
  constructor(private readonly perSecond: number) {}

  /** Resolves when this lookup may go; true when it had to wait. */
  async turn(now = Date.now()): Promise<boolean> {
    if (this.perSecond <= 0) return false;
    const interval = 1000 / this.perSecond;
    const at = Math.max(this.nextAt, now - 1000 + interval);
    this.nextAt = at + interval;
    if (at <= now) return false;
    await new Promise((resolve) => setTimeout(resolve, at - now));
    return true;
  }
}

/**
 * The child registry: the one place that turns a CPR number into the child's pseudonym (ADR 0099).
 * A pseudonym is random, assigned the first time a CPR arrives; it is no function of the CPR, so no
 * secret turns it back into one. The registry keeps, per child, the pseudonym, a keyed lookup hash of
 * the CPR (to find the child again) and the CPR sealed under the child's own key, which the vault key
 * wraps. Erasure deletes the whole row: the lookup hash, the key and the sealed CPR go together, so
 * nothing left anywhere is a function of the CPR, and the same CPR arriving again gets a new pseudonym.
 *
 * It lives in a database of its own, shared by the services that receive CPRs (referrals,
 * sector-coordination), so a police interview and a referral of one child carry one pseudonym.
 */
export class ChildRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vaultKey: VaultKey,
    private readonly lookupSecret: string,
    /** Who is asking, for the erasure record. */
    private readonly serviceName: string,
    private readonly onLookup: (outcome: 'new' | 'known' | 'throttled') => void = () => undefined,
    private readonly throttle = new LookupThrottle(0),
  ) {}

  /** Concurrent lookups share a statement (and a commit): the batch ingest's items, and requests under load. */
  private readonly registrations = new GroupedWrites<Registration, RegistryAnswer | undefined>(
    (registrations) => this.register(registrations),
    (registration) => registration.lookup.toString('hex'),
  );

  /** Creates the registry's tables when they are missing (several services start at once: one at a time). */
  async ensureSchema(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      await m.query(`
        CREATE TABLE IF NOT EXISTS child_registry (
          child_ref      text        PRIMARY KEY,
          lookup         bytea       NOT NULL UNIQUE,
          vault_key_id   text        NOT NULL,
          wrap_iv        bytea       NOT NULL,
          wrap_tag       bytea       NOT NULL,
          wrapped_key    bytea       NOT NULL,
          cpr_iv         bytea       NOT NULL,
          cpr_tag        bytea       NOT NULL,
          cpr_ciphertext bytea       NOT NULL,
          created_at     timestamptz NOT NULL DEFAULT now(),
          last_seen_at   timestamptz NOT NULL DEFAULT now()
        )`);
      await m.query(`CREATE INDEX IF NOT EXISTS child_registry_last_seen ON child_registry (last_seen_at)`);
      await m.query(`
        CREATE TABLE IF NOT EXISTS child_registry_erasures (
          child_ref text        NOT NULL,
          reason    text        NOT NULL,
          erased_by text        NOT NULL,
          erased_at timestamptz NOT NULL DEFAULT now()
        )`);
      await m.query(`CREATE INDEX IF NOT EXISTS child_registry_erasures_child ON child_registry_erasures (child_ref)`);
    });
  }

  /**
   * The child of a CPR, in one round trip (two the first time), shared with the lookups under way:
   * its pseudonym (a new random one the first time), birth date and sex. Marks the child as seen (at
   * most once a day), which restarts its retention period. Throws a DomainError naming `field` (422)
   * when the number is not a real CPR; such a number is never stored.
   */
  async resolve(cpr: string, field = 'childCpr'): Promise<ResolvedChild> {
    const parsed = parseCpr(cpr);
    if ('problem' in parsed) throw new DomainError('CHILD.INVALID_CPR', `${field} ${parsed.problem}`, 'invalid');
    if (await this.throttle.turn()) this.onLookup('throttled');
    const normalised = normaliseCpr(cpr);
    const lookup = this.lookupOf(normalised);
    // Two first arrivals at once in different statements: one inserts, the other finds nothing to return and asks again.
    let row: RegistryAnswer | undefined;
    for (let attempt = 0; !row && attempt < 3; attempt++) row = await this.registrations.run({ lookup, cpr: Buffer.from(normalised) });
    if (!row) throw new Error('the child registry could not register the child (three tries)');
    this.onLookup(row.created ? 'new' : 'known');
    return { identity: { childRef: row.child_ref, childBirthDate: parsed.birthDate, childSex: parsed.sex }, created: row.created, seenAt: row.seen_at };
  }

  /**
   * Runs `use` with the child of a CPR. If `use` fails and this call registered the child, the
   * registration is taken back (unless another command has resolved the child since), so a refused
   * command leaves no CPR behind.
   */
  async withChild<T>(cpr: string, field: string, use: (child: ChildIdentity) => Promise<T>): Promise<T> {
    const resolved = await this.resolve(cpr, field);
    try {
      return await use(resolved.identity);
    } catch (error) {
      if (resolved.created) await this.forgetUnused(resolved).catch(() => undefined);
      throw error;
    }
  }

  /** The CPR (DDMMYYSSSS), or undefined when the child is unknown or erased. */
  async reveal(childRef: string): Promise<string | undefined> {
    const rows: RegistryRow[] = await this.dataSource.query(`SELECT * FROM child_registry WHERE child_ref = $1`, [childRef]);
    if (rows.length === 0) return undefined;
    return openChild(rows[0], this.vaultKey, childRef).cpr.toString();
  }

  /**
   * The child's birth date, from its sealed CPR (one round trip), for an age rule on a later date; never
   * to be stored beside the pseudonym. Undefined when the child is unknown or erased.
   */
  async birthDateOf(childRef: string): Promise<CalendarDate | undefined> {
    const cpr = await this.reveal(childRef);
    if (cpr === undefined) return undefined;
    const parsed = parseCpr(cpr);
    return 'problem' in parsed ? undefined : parsed.birthDate;
  }

  /**
   * Erases a child everywhere the CPR reaches: the lookup hash, the child's key and the sealed CPR
   * go in one statement, with a record of it (pseudonym, reason, service, time; never the CPR).
   * Returns false when the registry held nothing for the child.
   */
  async erase(childRef: string, reason: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH erased AS (DELETE FROM child_registry WHERE child_ref = $1 RETURNING child_ref)
       INSERT INTO child_registry_erasures (child_ref, reason, erased_by) SELECT child_ref, $2, $3 FROM erased RETURNING child_ref`,
      [childRef, reason, this.serviceName],
    );
    return rows.length > 0;
  }

  /** Retention: erases every child whose CPR has not arrived again since `cutoff`; returns how many. */
  async eraseNotSeenSince(cutoff: Date, reason: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH erased AS (DELETE FROM child_registry WHERE last_seen_at < $1 RETURNING child_ref)
       INSERT INTO child_registry_erasures (child_ref, reason, erased_by) SELECT child_ref, $2, $3 FROM erased RETURNING child_ref`,
      [cutoff, reason, this.serviceName],
    );
    return rows.length;
  }

  /** The erasures recorded for a child, oldest first. */
  async erasuresOf(childRef: string): Promise<{ childRef: string; reason: string; erasedAt: string }[]> {
    const rows: { child_ref: string; reason: string; erased_at: Date }[] = await this.dataSource.query(
      `SELECT child_ref, reason, erased_at FROM child_registry_erasures WHERE child_ref = $1 ORDER BY erased_at`,
      [childRef],
    );
    return rows.map((r) => ({ childRef: r.child_ref, reason: r.reason, erasedAt: r.erased_at.toISOString() }));
  }

  /** Re-wraps every child key still under a previous vault key with the current one (key rotation). */
  async rewrapAll(previous: VaultKey[]): Promise<number> {
    const byId = new Map(previous.map((k) => [k.id, k]));
    return this.dataSource.transaction(async (m) => {
      const rows: RegistryRow[] = await m.query(`SELECT * FROM child_registry WHERE vault_key_id <> $1 FOR UPDATE`, [this.vaultKey.id]);
      for (const row of rows) {
        const old = byId.get(row.vault_key_id);
        if (!old) throw new Error(`child keys are wrapped with vault key '${row.vault_key_id}', which was not given`);
        await rewriteRow(m, row.child_ref, resealed(row, { vaultKey: old, childRef: row.child_ref }, { vaultKey: this.vaultKey, childRef: row.child_ref }));
      }
      return rows.length;
    });
  }

  /**
   * Takes a service's own vault of the earlier scheme (tables child_keys, child_vault, child_erasures in
   * the service's database) into the registry, keeping each child's pseudonym, then drops those tables.
   * Idempotent: a child already registered (e.g. from the other service) is left as it is.
   */
  async adoptServiceVault(service: DataSource, vaultKeys: VaultKey[]): Promise<number> {
    const [{ present }] = await service.query(`SELECT to_regclass('public.child_vault') IS NOT NULL AS present`);
    if (!present) return 0;
    const byId = new Map(vaultKeys.map((k) => [k.id, k]));
    const rows: (RegistryRow & { last_seen_at: Date })[] = await service.query(
      `SELECT k.child_ref, k.vault_key_id, k.wrap_iv, k.wrap_tag, k.wrapped_key, v.cpr_iv, v.cpr_tag, v.cpr_ciphertext, v.last_seen_at
         FROM child_keys k JOIN child_vault v USING (child_ref)`,
    );
    for (const row of rows) {
      const key = byId.get(row.vault_key_id);
      if (!key) throw new Error(`the service's vault holds child keys wrapped with vault key '${row.vault_key_id}', which was not given`);
      const child = resealed(row, { vaultKey: key, childRef: row.child_ref }, { vaultKey: this.vaultKey, childRef: row.child_ref });
      await this.dataSource.query(
        `INSERT INTO child_registry (child_ref, lookup, vault_key_id, wrap_iv, wrap_tag, wrapped_key, cpr_iv, cpr_tag, cpr_ciphertext, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [row.child_ref, this.lookupOf(child.cpr), child.vault_key_id, child.wrap_iv, child.wrap_tag, child.wrapped_key, child.cpr_iv, child.cpr_tag, child.cpr_ciphertext, row.last_seen_at],
      );
    }
    const erasures: { child_ref: string; reason: string; erased_at: Date }[] = await service.query(`SELECT child_ref, reason, erased_at FROM child_erasures`);
    for (const e of erasures) {
      await this.dataSource.query(
        `INSERT INTO child_registry_erasures (child_ref, reason, erased_by, erased_at)
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM child_registry_erasures WHERE child_ref = $1 AND erased_at = $4)`,
        [e.child_ref, e.reason, this.serviceName, e.erased_at],
      );
    }
    await service.query(`DROP TABLE child_vault, child_keys, child_erasures`);
    return rows.length;
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /**
   * Finds or registers many children: one statement finds the known ones, and a second, only when
   * some are new, inserts those, each with a random pseudonym and its CPR sealed under a new key of
   * its own (so a known child costs no sealing). An answer per registration; undefined when another
   * process registered the child between the two statements (the caller asks again). A known child
   * is a read (no commit to flush): its last_seen_at moves once a day, for retention, and on a lookup
   * within TAKE_BACK_WINDOW of its registration, so `forgetUnused` never takes back a child another
   * command has used. Every lookup in one call is distinct (GroupedWrites).
   */
  private async register(registrations: Registration[]): Promise<(RegistryAnswer | undefined)[]> {
    const hex = (lookup: Buffer) => lookup.toString('hex');
    const found: (RegistryAnswer & { lookup: Buffer })[] = await this.dataSource.query(
      `WITH input AS (SELECT * FROM unnest($1::bytea[]) AS i(lookup)),
            found AS (SELECT r.child_ref, r.lookup, r.last_seen_at FROM child_registry r JOIN input i ON r.lookup = i.lookup),
            touched AS (UPDATE child_registry r SET last_seen_at = clock_timestamp() FROM input i
                         WHERE r.lookup = i.lookup AND (r.last_seen_at < now() - interval '1 day' OR (r.last_seen_at = r.created_at AND r.created_at > now() - ${TAKE_BACK_WINDOW})))
       SELECT child_ref, lookup, false AS created, last_seen_at::text AS seen_at FROM found`,
      [registrations.map((r) => r.lookup)],
    );
    const answers = new Map(found.map(({ lookup, ...answer }) => [hex(lookup), answer]));
    const fresh = registrations.filter((r) => !answers.has(hex(r.lookup)));
    if (fresh.length > 0) {
      const rows = fresh.map(({ lookup, cpr }) => {
        const childRef = randomBytes(32).toString('hex');
        return { childRef, lookup, ...sealChild(this.vaultKey, randomBytes(32), cpr, childRef) };
      });
      const column = (part: keyof SealedChild) => rows.map((r) => r[part]);
      const inserted: (RegistryAnswer & { lookup: Buffer })[] = await this.dataSource.query(
        `INSERT INTO child_registry (child_ref, lookup, vault_key_id, wrap_iv, wrap_tag, wrapped_key, cpr_iv, cpr_tag, cpr_ciphertext)
         SELECT i.child_ref, i.lookup, $1, i.wrap_iv, i.wrap_tag, i.wrapped_key, i.cpr_iv, i.cpr_tag, i.cpr_ciphertext
           FROM unnest($2::text[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[], $8::bytea[], $9::bytea[])
             AS i(child_ref, lookup, wrap_iv, wrap_tag, wrapped_key, cpr_iv, cpr_tag, cpr_ciphertext)
         ON CONFLICT (lookup) DO NOTHING
         RETURNING child_ref, lookup, true AS created, last_seen_at::text AS seen_at`,
        [
          this.vaultKey.id,
          rows.map((r) => r.childRef),
          rows.map((r) => r.lookup),
          column('wrap_iv'),
          column('wrap_tag'),
          column('wrapped_key'),
          column('cpr_iv'),
          column('cpr_tag'),
          column('cpr_ciphertext'),
        ],
      );
      for (const { lookup, ...answer } of inserted) answers.set(hex(lookup), answer);
    }
    return registrations.map((r) => answers.get(hex(r.lookup)));
  }

  /** Takes back a registration nobody used (see withChild). */
  private async forgetUnused(resolved: ResolvedChild): Promise<void> {
    await this.dataSource.query(`DELETE FROM child_registry WHERE child_ref = $1 AND last_seen_at = $2::timestamptz AND created_at > now() - ${TAKE_BACK_WINDOW}`, [
      resolved.identity.childRef,
      resolved.seenAt,
    ]);
  }

  private lookupOf(normalisedCpr: string): Buffer {
    return createHmac('sha256', this.lookupSecret).update(normalisedCpr).digest();
  }
}

/**
 * Moves a child to another pseudonym (the migration of ADR 0099), inside the caller's transaction on
 * the registry's database: its row re-keyed, the child's key re-wrapped and the CPR re-sealed (the
 * pseudonym is bound into both). False when the registry has no row under `from`.
 */
export async function moveChildPseudonym(manager: EntityManager, vaultKey: VaultKey, from: string, to: string): Promise<boolean> {
  const rows: RegistryRow[] = await manager.query(`SELECT * FROM child_registry WHERE child_ref = $1 FOR UPDATE`, [from]);
  if (rows.length === 0) return false;
  await rewriteRow(manager, from, resealed(rows[0], { vaultKey, childRef: from }, { vaultKey, childRef: to }), to);
  return true;
}

async function rewriteRow(manager: EntityManager, childRef: string, child: SealedChild, newChildRef = childRef): Promise<void> {
  await manager.query(
    `UPDATE child_registry SET child_ref = $2, vault_key_id = $3, wrap_iv = $4, wrap_tag = $5, wrapped_key = $6, cpr_iv = $7, cpr_tag = $8, cpr_ciphertext = $9 WHERE child_ref = $1`,
    [childRef, newChildRef, child.vault_key_id, child.wrap_iv, child.wrap_tag, child.wrapped_key, child.cpr_iv, child.cpr_tag, child.cpr_ciphertext],
  );
}

function sealedOf(iv: Buffer, tag: Buffer, ciphertext: Buffer): Sealed {
  return { iv, tag, ciphertext };
}
