import { AuditSubjects, newId, Subjects, type AuditVerifyReply, type ListReply, type AuditEventDto } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { auditService, type AuditConfig } from '../src/index.js';
import { RetentionSweep } from '../src/audit-events/retention/retention-sweep.js';
import { auditedEvent, publishEvent, waitFor } from './support/events.js';

const DAY = 86_400_000;

describe('audit retention', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService<AuditConfig>;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let tenancy: Subscription;
  const retention = new Map<string, number>();

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => service.dataSource!.query(text, params);
  const count = async (orgId: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit.audit_events WHERE org_id = $1`, [orgId]))[0]!.n;
  const verify = (orgId: string) => client.rpc.request<AuditVerifyReply>(AuditSubjects.verifyChain, testContext({ orgId }), {});
  const record = async (orgId: string, daysAgo: number[]) => {
    for (const ago of daysAgo) await publishEvent(client.nc, ns, auditedEvent({ orgId, createdAt: new Date(Date.now() - ago * DAY).toISOString() }));
    await waitFor(async () => (await count(orgId)) >= daysAgo.length || undefined);
  };

  beforeAll(async () => {
    db = await createTestDatabase('audit_retention');
    ns = testNamespace();
    client = await createTestRpc(ns);
    tenancy = client.nc.subscribe(`${ns}.${Subjects.tenancy.getSettings}`, {
      callback: (_e, msg) => {
        const packet = msg.json<{ id: string; data: { ctx: { orgId: string } } }>();
        const days = retention.get(packet.data.ctx.orgId);
        const reply = days === undefined
          ? { id: packet.id, err: { status: 404, code: 'not_found', title: 'Not Found' }, isDisposed: true }
          : { id: packet.id, response: { object: 'settings', apiVersion: '2026-11-01', auditRetentionDays: days }, isDisposed: true };
        msg.respond(JSON.stringify(reply));
      },
    });
    service = await startService(auditService, serviceTestEnv(db, ns, { AUDIT_RETENTION_SWEEP_MS: '0' }));
  });

  afterAll(async () => {
    tenancy?.unsubscribe();
    await client?.close();
    await service?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('removes records past the org’s retention, oldest first, and the chain still verifies', async () => {
    const orgId = newId('org');
    retention.set(orgId, 30);
    await record(orgId, [90, 60, 45, 10, 1]);
    expect(await verify(orgId)).toEqual({ valid: true, checked: 5, firstInvalidId: null });
    const removed = await service.app.get(RetentionSweep).sweep();
    expect(removed[orgId]).toBe(3);
    expect(await count(orgId)).toBe(2);
    expect(await verify(orgId)).toEqual({ valid: true, checked: 2, firstInvalidId: null });
    const list = await client.rpc.request<ListReply<AuditEventDto>>(AuditSubjects.listEvents, testContext({ orgId }), {});
    expect(list.data.every((e) => Date.parse(e.occurredAt) > Date.now() - 30 * DAY)).toBe(true);
    // Appending goes on from the kept chain.
    await record(orgId, [0]);
    await waitFor(async () => (await count(orgId)) === 3 || undefined);
    expect(await verify(orgId)).toEqual({ valid: true, checked: 3, firstInvalidId: null });
    // A second sweep finds nothing more to remove.
    expect((await service.app.get(RetentionSweep).sweep())[orgId]).toBeUndefined();
  });

  it('keeps the org’s newest record even when it is old, and everything of an org tenancy does not know', async () => {
    const stale = newId('org');
    retention.set(stale, 7);
    await record(stale, [40, 30, 20]);
    const gone = newId('org'); // deleted: tenancy answers 404
    await record(gone, [400, 300]);
    const removed = await service.app.get(RetentionSweep).sweep();
    expect(removed[stale]).toBe(2);
    expect(await count(stale)).toBe(1);
    expect(await verify(stale)).toMatchObject({ valid: true, checked: 1 });
    expect(await count(gone)).toBe(2);
  });

  it('outside the sweep, records still cannot be deleted or changed', async () => {
    const orgId = newId('org');
    await record(orgId, [1]);
    await expect(sql(`DELETE FROM audit.audit_events WHERE org_id = $1`, [orgId])).rejects.toThrow(/append-only/);
    await expect(sql(`UPDATE audit.audit_events SET action = 'x' WHERE org_id = $1`, [orgId])).rejects.toThrow(/append-only/);
    // The sweep's switch lets only a DELETE through.
    await expect(service.dataSource!.transaction(async (manager) => {
      await manager.query(`SET LOCAL agentry.audit_retention = 'on'`);
      await manager.query(`UPDATE audit.audit_events SET action = 'x' WHERE org_id = $1`, [orgId]);
    })).rejects.toThrow(/append-only/);
    expect(await count(orgId)).toBe(1);
  });
});
