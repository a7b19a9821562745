import { newId } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { runsService } from '../src/index.js';

/** The outbox relay, as every service runs it: an oversized row must not hold the others back. */
describe('runs: outbox relay with a row too large for NATS', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let sub: Subscription;
  const heard: Array<{ id: string; data: Record<string, unknown> }> = [];

  beforeAll(async () => {
    db = await createTestDatabase('runs_outbox');
    ns = testNamespace();
    client = await createTestRpc(ns);
    sub = client.nc.subscribe(`${ns}.events.>`, { callback: (_e, msg) => void heard.push(msg.json()) });
    service = await startService(runsService, serviceTestEnv(db, ns, { WATCHDOG_INTERVAL_MS: '0' }));
  });

  afterAll(async () => {
    sub?.unsubscribe();
    await service?.close();
    await client?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('publishes the rows around it, the oversized event with its data truncated, and drops an oversized non-event', async () => {
    const envelope = (data: Record<string, unknown>) => ({ id: newId('evt'), type: 'run.succeeded', createdAt: new Date().toISOString(), apiVersion: '2026-11-01', orgId: newId('org'), applicationId: null, data });
    const before = envelope({ id: 'run_before' });
    const huge = envelope({ id: 'run_huge', output: 'x'.repeat(1_500_000) });
    const after = envelope({ id: 'run_after' });
    const insert = (id: string, subject: string, payload: unknown) =>
      service.dataSource!.query(`INSERT INTO "runs"."outbox" ("id", "subject", "payload") VALUES ($1, $2, $3)`, [id, subject, JSON.stringify(payload)]);
    await insert(before.id, 'events.run.succeeded', before);
    await insert(huge.id, 'events.run.succeeded', huge);
    await insert('job_huge', 'jobs.run', { runId: 'run_x', filler: 'y'.repeat(1_500_000) });
    await insert(after.id, 'events.run.succeeded', after);

    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [{ left }] = await service.dataSource!.query(`SELECT count(*)::int AS "left" FROM "runs"."outbox" WHERE "published_at" IS NULL`);
      if (left === 0 && heard.length >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const byId = new Map(heard.map((event) => [event.id, event]));
    expect(byId.get(before.id)?.data).toEqual({ id: 'run_before' });
    expect(byId.get(after.id)?.data).toEqual({ id: 'run_after' });
    expect(byId.get(huge.id)?.data).toEqual({ id: 'run_huge', dataTruncated: true });
    const [{ left }] = await service.dataSource!.query(`SELECT count(*)::int AS "left" FROM "runs"."outbox" WHERE "published_at" IS NULL`);
    expect(left).toBe(0);
  });
});
