import { AuditSubjects, newId, type AuditVerifyReply } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import { jetstream } from '@nats-io/jetstream';
import { auditService, type AuditConfig } from '../src/index.js';
import { startEmitter } from './support/emitter.js';
import { auditedEvent, publishEvent, waitFor } from './support/events.js';

describe('audit consumer', () => {
  let db: TestDatabase;
  let ns: string;
  let env: Record<string, string>;
  let service: RunningService<AuditConfig>;
  let client: Awaited<ReturnType<typeof createTestRpc>>;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => service.dataSource!.query(text, params);
  const countFor = async (orgId: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit.audit_events WHERE org_id = $1`, [orgId]))[0]!.n;
  const verify = (orgId: string) => client.rpc.request<AuditVerifyReply>(AuditSubjects.verifyChain, testContext({ orgId }), {});

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    ns = testNamespace();
    env = serviceTestEnv(db, ns);
    service = await startService(auditService, env);
    client = await createTestRpc(ns);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('records an audited event with its fields and starts the org chain; events without an audit block are not recorded', async () => {
    const orgId = newId('org');
    const quiet = auditedEvent({ orgId, audit: null });
    const first = auditedEvent({ orgId, audit: { endUserId: 'eu_01JBBBBBBBBBBBBBBBBBBBBBBB', impersonator: { userId: 'usr_01JCCCCCCCCCCCCCCCCCCCCCCC', impersonationId: 'imp_01JCCCCCCCCCCCCCCCCCCCCCCC' } } });
    const second = auditedEvent({ orgId, applicationId: null, type: 'member.added', audit: { action: 'member.add', actor: { type: 'user', id: 'usr_01JDDDDDDDDDDDDDDDDDDDDDDD', userId: 'usr_01JDDDDDDDDDDDDDDDDDDDDDDD' }, resource: { type: 'member', id: 'usr_01JEEEEEEEEEEEEEEEEEEEEEEE' }, outcome: 'denied' } });
    await publishEvent(client.nc, ns, quiet);
    await publishEvent(client.nc, ns, first);
    await publishEvent(client.nc, ns, second);
    await waitFor(async () => (await countFor(orgId)) === 2);

    const rows = await sql<Record<string, unknown>>(`SELECT * FROM audit.audit_events WHERE org_id = $1 ORDER BY seq`, [orgId]);
    expect(rows.map((r) => r.event_id)).toEqual([first.id, second.id]);
    expect(rows[0]).toMatchObject({
      action: 'end_user.create', outcome: 'success', actor_type: 'api_key', actor_api_key_id: first.audit!.actor.apiKeyId,
      end_user_id: 'eu_01JBBBBBBBBBBBBBBBBBBBBBBB', impersonation_id: 'imp_01JCCCCCCCCCCCCCCCCCCCCCCC', ip: '203.0.113.9', prev_hash: null,
    });
    expect((rows[0]!.occurred_at as Date).toISOString()).toBe(first.createdAt);
    expect(rows[0]!.id).toMatch(/^aud_[0-9A-Z]{26}$/);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1]).toMatchObject({ prev_hash: rows[0]!.hash, outcome: 'denied', application_id: null });
    expect(await verify(orgId)).toEqual({ valid: true, checked: 2, firstInvalidId: null });
  });

  it('records events emitted while it was down exactly once after a restart (duplicates and republished ones included)', async () => {
    const orgId = newId('org');
    await service.close();

    // Published straight to the stream: one twice with the same message id (the stream drops it), one
    // twice under two message ids (the stream keeps both, so the consumer must de-duplicate).
    const direct = [auditedEvent({ orgId }), auditedEvent({ orgId }), auditedEvent({ orgId, audit: null })];
    expect((await publishEvent(client.nc, ns, direct[0]!)).duplicate).toBe(false);
    expect((await publishEvent(client.nc, ns, direct[0]!)).duplicate).toBe(true);
    await publishEvent(client.nc, ns, direct[1]!);
    expect((await publishEvent(client.nc, ns, direct[1]!, `${direct[1]!.id}-republished`)).duplicate).toBe(false);
    await publishEvent(client.nc, ns, direct[2]!);

    // Through another service's outbox and relay, then relayed a second time.
    const emitter = await startEmitter(db.url, ns);
    const outboxed = await emitter.emit(
      Array.from({ length: 5 }, (_, i) => ({
        type: 'run.queued', orgId, applicationId: 'app_01JAAAAAAAAAAAAAAAAAAAAAAA', data: { i },
        audit: { action: 'run.create', outcome: 'success' as const, actor: { type: 'system' as const, id: 'system' }, resource: { type: 'run', id: newId('run') }, metadata: { i } },
      })),
    );
    await emitter.relay();
    await emitter.republishAll();
    await emitter.close();
    const info = await (await jetstream(client.nc).jetstreamManager()).streams.info(`${ns}_EVENTS`);
    expect(info.state.messages).toBeGreaterThanOrEqual(3 + 1 + 5 + 1); // the stream really holds one duplicate

    service = await startService(auditService, env);
    const expected = [direct[0]!.id, direct[1]!.id, ...outboxed.map((e) => e.id)];
    await waitFor(async () => (await countFor(orgId)) >= expected.length);
    await new Promise((r) => setTimeout(r, 500)); // room for a late duplicate to (wrongly) land

    const rows = await sql<{ event_id: string; n: number }>(`SELECT event_id, count(*)::int AS n FROM audit.audit_events WHERE org_id = $1 GROUP BY event_id`, [orgId]);
    expect(rows.map((r) => r.event_id).sort()).toEqual([...expected].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const claimed = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit.processed_events WHERE consumer = 'audit' AND event_id = ANY($1)`, [expected]);
    expect(claimed[0]!.n).toBe(expected.length);
    expect(await verify(orgId)).toEqual({ valid: true, checked: expected.length, firstInvalidId: null });
  });

  it('skips a malformed message without blocking the events behind it', async () => {
    const orgId = newId('org');
    await jetstream(client.nc).publish(`${ns}.events.garbage`, 'this is not json');
    await jetstream(client.nc).publish(`${ns}.events.bad`, JSON.stringify({ ...auditedEvent({ orgId }), audit: { action: 'x.y', outcome: 'meh' } }));
    const good = auditedEvent({ orgId });
    await publishEvent(client.nc, ns, good);
    await waitFor(async () => (await countFor(orgId)) === 1);
    expect((await sql<{ event_id: string }>(`SELECT event_id FROM audit.audit_events WHERE org_id = $1`, [orgId]))[0]!.event_id).toBe(good.id);
  });

  it('keeps each org chain linear when two replicas append concurrently', async () => {
    const second = await startService(auditService, env);
    try {
      const orgA = newId('org');
      const orgB = newId('org');
      const events = Array.from({ length: 60 }, (_, i) => auditedEvent({ orgId: i % 3 === 0 ? orgB : orgA, audit: { metadata: { i } } }));
      await Promise.all(events.map((e) => publishEvent(client.nc, ns, e)));
      await waitFor(async () => (await countFor(orgA)) + (await countFor(orgB)) === 60, 20_000);
      expect(await verify(orgA)).toEqual({ valid: true, checked: 40, firstInvalidId: null });
      expect(await verify(orgB)).toEqual({ valid: true, checked: 20, firstInvalidId: null });
      const forks = await sql(`SELECT prev_hash FROM audit.audit_events WHERE org_id = ANY($1) GROUP BY org_id, prev_hash HAVING count(*) > 1`, [[orgA, orgB]]);
      expect(forks).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit records', async () => {
    await expect(sql(`UPDATE audit.audit_events SET action = 'forged'`)).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(sql(`DELETE FROM audit.audit_events`)).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(sql(`TRUNCATE audit.audit_events`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
  });

  it('verify finds the first tampered record', async () => {
    const orgId = newId('org');
    const events = Array.from({ length: 4 }, (_, i) => auditedEvent({ orgId, audit: { metadata: { i } } }));
    for (const e of events) await publishEvent(client.nc, ns, e);
    await waitFor(async () => (await countFor(orgId)) === 4);
    const chain = await sql<{ id: string }>(`SELECT id FROM audit.audit_events WHERE org_id = $1 ORDER BY seq`, [orgId]);

    // Only a superuser who disables the trigger can change a record; the chain still tells.
    await sql(`ALTER TABLE audit.audit_events DISABLE TRIGGER audit_events_append_only`);
    try {
      await sql(`UPDATE audit.audit_events SET metadata = '{"i": 99}' WHERE id = $1`, [chain[2]!.id]);
    } finally {
      await sql(`ALTER TABLE audit.audit_events ENABLE TRIGGER audit_events_append_only`);
    }
    expect(await verify(orgId)).toEqual({ valid: false, checked: 3, firstInvalidId: chain[2]!.id });
    expect(await verify(newId('org'))).toEqual({ valid: true, checked: 0, firstInvalidId: null });
  });
});
