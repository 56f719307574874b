import { migratedTestDataSource } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { CommandSchedule, type ScheduledCommandHandler } from './schedule';
import { CommandScheduleSchema1764000000001 } from './schema.migration';

const at = (iso: string) => new Date(iso);

describe('CommandSchedule (durable deadlines) on real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  let schedule: CommandSchedule;
  const effects: string[] = [];
  const handlers: Record<string, ScheduledCommandHandler> = {
    note: async (payload, { manager, scheduleId }) => {
      await manager.query(`INSERT INTO effects (schedule_id, payload) VALUES ($1, $2)`, [scheduleId, JSON.stringify(payload)]);
      effects.push(scheduleId);
    },
    broken: async () => {
      throw new Error('the handler failed');
    },
  };

  beforeAll(async () => {
    db = await migratedTestDataSource('schedule', [CommandScheduleSchema1764000000001]);
    dataSource = db.dataSource;
    await dataSource.query(`CREATE TABLE effects (schedule_id text PRIMARY KEY, payload jsonb)`);
    schedule = new CommandSchedule(dataSource);
  });
  afterAll(() => db.close());

  it('fires nothing before its time, and each command once when due, with its effect in the same transaction', async () => {
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'a', dueAt: at('2025-03-16T00:00:00Z'), kind: 'note', payload: { n: 1 } }));
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'a', dueAt: at('2025-03-16T00:00:00Z'), kind: 'note', payload: { n: 1 } }));
    expect(await schedule.fireDue(at('2025-03-15T23:59:59Z'), handlers)).toEqual({ fired: 0, failed: 0 });
    expect(await schedule.fireDue(at('2025-03-16T00:00:00Z'), handlers)).toEqual({ fired: 1, failed: 0 });
    expect(await schedule.fireDue(at('2025-03-20T00:00:00Z'), handlers)).toEqual({ fired: 0, failed: 0 });
    expect(await dataSource.query(`SELECT schedule_id, payload FROM effects`)).toEqual([{ schedule_id: 'a', payload: { n: 1 } }]);
  });

  it('keeps a deadline across a restart: a new instance fires what fell due while none ran', async () => {
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'b', dueAt: at('2025-04-01T00:00:00Z'), kind: 'note', payload: {} }));
    const afterRestart = new CommandSchedule(dataSource);
    expect(await afterRestart.fireDue(at('2025-04-03T08:00:00Z'), handlers)).toEqual({ fired: 1, failed: 0 });
    expect(effects).toContain('b');
  });

  it('moves a command not yet fired, and cancels one', async () => {
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'c', dueAt: at('2025-05-01T00:00:00Z'), kind: 'note', payload: {} }));
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'c', dueAt: at('2025-06-01T00:00:00Z'), kind: 'note', payload: {} }));
    expect(await schedule.fireDue(at('2025-05-15T00:00:00Z'), handlers)).toEqual({ fired: 0, failed: 0 });
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'd', dueAt: at('2025-05-01T00:00:00Z'), kind: 'note', payload: {} }));
    expect(await dataSource.transaction((m) => schedule.cancel(m, 'd'))).toBe(true);
    expect(await dataSource.transaction((m) => schedule.cancel(m, 'd'))).toBe(false);
    expect(await schedule.fireDue(at('2025-06-01T00:00:00Z'), handlers)).toEqual({ fired: 1, failed: 0 });
    expect(effects.filter((e) => e === 'c' || e === 'd')).toEqual(['c']);
  });

  it('leaves a command that is being fired to fire, instead of waiting for (and perhaps deadlocking with) its transaction', async () => {
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'firing', dueAt: at('2025-05-01T00:00:00Z'), kind: 'note', payload: {} }));
    const firing = dataSource.createQueryRunner();
    await firing.connect();
    await firing.startTransaction();
    try {
      await firing.query(`SELECT schedule_id FROM scheduled_commands WHERE schedule_id = 'firing' FOR UPDATE`);
      expect(await dataSource.transaction((m) => schedule.cancel(m, 'firing'))).toBe(false);
    } finally {
      await firing.rollbackTransaction();
      await firing.release();
    }
    expect(await dataSource.transaction((m) => schedule.cancel(m, 'firing'))).toBe(true);
  });

  it('fires a command once even when two instances race for it', async () => {
    for (let i = 0; i < 20; i++) {
      await dataSource.transaction((m) => schedule.schedule(m, { id: `race-${i}`, dueAt: at('2025-07-01T00:00:00Z'), kind: 'note', payload: {} }));
    }
    const other = new CommandSchedule(dataSource);
    const [x, y] = await Promise.all([schedule.fireDue(at('2025-07-02T00:00:00Z'), handlers), other.fireDue(at('2025-07-02T00:00:00Z'), handlers)]);
    expect(x.fired + y.fired).toBe(20);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM effects WHERE schedule_id LIKE 'race-%'`)).toEqual([{ n: 20 }]);
  });

  it('retries a failing command later with a growing delay, parks it after 5 attempts, and writes no partial effect', async () => {
    const failures: string[] = [];
    schedule.onFailure = (id) => failures.push(id);
    await dataSource.transaction((m) => schedule.schedule(m, { id: 'e', dueAt: at('2025-08-01T00:00:00Z'), kind: 'broken', payload: {} }));
    let now = at('2025-08-01T00:00:00Z');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await schedule.fireDue(now, handlers);
      now = new Date(now.getTime() + 3_600_000);
    }
    expect(failures).toEqual(['e', 'e', 'e', 'e', 'e']);
    const [row] = await dataSource.query(`SELECT attempts, fired_at, last_error FROM scheduled_commands WHERE schedule_id = 'e'`);
    expect(row).toEqual({ attempts: 5, fired_at: null, last_error: 'the handler failed' });
    expect(await schedule.overdueCount(now)).toBe(1);
  });
});
