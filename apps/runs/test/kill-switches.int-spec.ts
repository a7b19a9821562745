import { Subjects, type CancelRunsReply, type KillSwitchDto, type RunCancelledBroadcast, type RunDto } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { runsService } from '../src/index.js';
import { keyContext, newTenant, runnerContext, userContext, type Tenant } from './support/contexts.js';
import { fakeResponder } from './support/fake-responder.js';
import { createAgent, createRun, failure } from './support/run-fixtures.js';

const S = Subjects.runs;
const END_USER_A = 'eu_01JAAAAAAAAAAAAAAAAAAAAAAA';
const END_USER_B = 'eu_01JBBBBBBBBBBBBBBBBBBBBBBB';

describe('runs: kill switches and bulk cancellation over NATS', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let subscriptions: Subscription[] = [];
  const broadcastIds: string[] = [];
  const a: Tenant = newTenant();
  const b: Tenant = newTenant();

  const call = <T>(subject: string, ctx: Parameters<typeof userContext>[1] & object, tenant: Tenant, data: unknown = {}) =>
    client.rpc.request<T>(subject, userContext(tenant, ctx), data);
  const getRun = (id: string, t: Tenant) => client.rpc.request<RunDto>(S.getRun, keyContext(t), { id });
  const start = (runId: string) => client.rpc.request(S.startRun, runnerContext(), { runId });

  beforeAll(async () => {
    db = await createTestDatabase('runs_kill');
    ns = testNamespace();
    client = await createTestRpc(ns);
    subscriptions = [
      fakeResponder(client.nc, ns, Subjects.tenancy.getQuotas, () => ({ object: 'quotas', requestsPerMinute: 600, dailyBudgetMicroUsd: null, maxConcurrentRuns: 2, maxQueuedRuns: 100 })),
      client.nc.subscribe(`${ns}.${Subjects.broadcast.runCancelled}`, { callback: (_e, msg) => void broadcastIds.push(...msg.json<RunCancelledBroadcast>().runIds) }),
    ];
    service = await startService(runsService, serviceTestEnv(db, ns, { WATCHDOG_INTERVAL_MS: '0' }));
    for (const t of [a, b]) {
      await createAgent(client.rpc, t, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
      await createAgent(client.rpc, t, { slug: 'other', executor: { kind: 'builtin', name: 'echo' } });
    }
  });

  afterAll(async () => {
    subscriptions.forEach((s) => s.unsubscribe());
    await service?.close();
    await client?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('cancels only the live runs of the caller matching every filter, and lets waiting runs in', async () => {
    const echoA = await createRun(client.rpc, a, { agentId: 'echo', input: {} }, { endUserId: END_USER_A });
    const echoB = await createRun(client.rpc, a, { agentId: 'echo', input: {} }, { endUserId: END_USER_B });
    const waiting = await createRun(client.rpc, a, { agentId: 'other', input: {} }); // past the 2-run cap: waits
    await start(echoA.id);
    const foreign = await createRun(client.rpc, b, { agentId: 'echo', input: {} }, { endUserId: END_USER_A });

    // An end-user acting through a key reaches only their own runs, whatever filter they send.
    const asB = await client.rpc.request<CancelRunsReply>(S.cancelRuns, keyContext(a, { endUserId: END_USER_B }), { endUserId: END_USER_A });
    expect(asB).toEqual({ object: 'run_cancellation', matched: 0, cancelled: 0 });

    const reply = await client.rpc.request<CancelRunsReply>(S.cancelRuns, keyContext(a), { agentId: 'echo', status: 'running', reason: 'deploy' });
    expect(reply).toEqual({ object: 'run_cancellation', matched: 1, cancelled: 1 });
    expect(await getRun(echoA.id, a)).toMatchObject({ status: 'cancelled', cancelReason: 'deploy' });
    expect((await getRun(echoB.id, a)).status).toBe('queued');
    expect((await getRun(foreign.id, b)).status).toBe('queued');
    expect(broadcastIds).toContain(echoA.id);
    // The freed slot went to the waiting run.
    const [row] = await service.dataSource!.query(`SELECT "dispatched_at" FROM "runs"."runs" WHERE "id" = $1`, [waiting.id]);
    expect(row.dispatched_at).not.toBeNull();

    expect(await failure(client.rpc.request(S.cancelRuns, keyContext(a), { agentId: 'nope' }))).toMatchObject({ status: 404 });
    expect(await failure(client.rpc.request(S.cancelRuns, keyContext(a), { status: 'succeeded' }))).toMatchObject({ status: 400 });
    const all = await client.rpc.request<CancelRunsReply>(S.cancelRuns, keyContext(a), {});
    expect(all).toEqual({ object: 'run_cancellation', matched: 2, cancelled: 2 });
  });

  it("engaging an org's switch cancels its live runs, refuses new ones with 503, and release lets them in again", async () => {
    const live = await createRun(client.rpc, a, { agentId: 'echo', input: {} });
    const foreign = await createRun(client.rpc, b, { agentId: 'echo', input: {} });
    expect(await call<KillSwitchDto>(S.getKillSwitch, {}, a)).toMatchObject({ object: 'kill_switch', scope: 'org', orgId: a.orgId, engaged: false });

    const engaged = await call<KillSwitchDto>(S.engageKillSwitch, {}, a, { reason: 'runaway agent' });
    expect(engaged).toMatchObject({ engaged: true, reason: 'runaway agent', cancelledRuns: 1, engagedBy: 'usr_01JTESTTESTTESTTESTTESTTEST' });
    expect(await getRun(live.id, a)).toMatchObject({ status: 'cancelled', cancelReason: 'kill_switch: runaway agent' });
    expect((await getRun(foreign.id, b)).status).toBe('queued');
    expect(await failure(createRun(client.rpc, a, { agentId: 'echo', input: {} }))).toMatchObject({ status: 503, code: 'kill_switch_engaged', extra: { scope: 'org' } });
    await expect(createRun(client.rpc, b, { agentId: 'echo', input: {} })).resolves.toMatchObject({ status: 'queued' });

    // Engaging again keeps the first engagement; the event and audit record are in the outbox.
    const again = await call<KillSwitchDto>(S.engageKillSwitch, {}, a, { reason: 'still bad' });
    expect(again).toMatchObject({ reason: 'still bad', engagedAt: engaged.engagedAt, cancelledRuns: 0 });
    const events = await service.dataSource!.query(`SELECT "payload"->>'type' AS "type" FROM "runs"."outbox" WHERE "payload"->>'orgId' = $1 AND "payload"->>'type' LIKE 'kill_switch.%'`, [a.orgId]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['kill_switch.engaged', 'kill_switch.engaged']);

    expect(await call<KillSwitchDto>(S.releaseKillSwitch, {}, a)).toMatchObject({ engaged: false, reason: null });
    await expect(createRun(client.rpc, a, { agentId: 'echo', input: {} })).resolves.toMatchObject({ status: 'queued' });
    expect(await call<KillSwitchDto>(S.releaseKillSwitch, {}, a)).toMatchObject({ engaged: false });
  });

  it('runs admitted while the switch engages are refused or cancelled, never left live', async () => {
    const attempts = Array.from({ length: 20 }, () => createRun(client.rpc, a, { agentId: 'echo', input: {} }).catch((e: { code: string }) => e.code));
    const engage = call<KillSwitchDto>(S.engageKillSwitch, {}, a, { reason: 'race' });
    const outcomes = await Promise.all(attempts);
    await engage;
    for (const outcome of outcomes) if (typeof outcome === 'string') expect(outcome).toBe('kill_switch_engaged');
    const [live] = await service.dataSource!.query(`SELECT count(*)::int AS "n" FROM "runs"."runs" WHERE "org_id" = $1 AND "status" IN ('queued', 'running')`, [a.orgId]);
    expect(live.n).toBe(0);
    await call(S.releaseKillSwitch, {}, a);
  });

  it('the platform switch is for platform admins, stops every org, and wins over an org release', async () => {
    const runB = await createRun(client.rpc, b, { agentId: 'echo', input: {} });
    expect(await failure(call(S.engagePlatformKillSwitch, {}, a, { reason: 'x' }))).toMatchObject({ status: 403, code: 'insufficient_scope' });
    const admin = { platformAdmin: true };
    const engaged = await call<KillSwitchDto>(S.engagePlatformKillSwitch, admin, a, { reason: 'incident 42' });
    expect(engaged).toMatchObject({ scope: 'platform', orgId: null, engaged: true });
    expect(engaged.cancelledRuns).toBeGreaterThanOrEqual(1);
    expect((await getRun(runB.id, b)).status).toBe('cancelled');
    expect(await failure(createRun(client.rpc, b, { agentId: 'echo', input: {} }))).toMatchObject({ status: 503, code: 'kill_switch_engaged', extra: { scope: 'platform' } });
    await call(S.releaseKillSwitch, {}, b);
    expect(await failure(createRun(client.rpc, b, { agentId: 'echo', input: {} }))).toMatchObject({ status: 503 });
    expect(await call<KillSwitchDto>(S.getPlatformKillSwitch, admin, a)).toMatchObject({ engaged: true, reason: 'incident 42' });
    await call(S.releasePlatformKillSwitch, admin, a);
    await expect(createRun(client.rpc, b, { agentId: 'echo', input: {} })).resolves.toMatchObject({ status: 'queued' });
  });

  it('closing an org for deletion: refused while runs are live, else admission closes in the same step', async () => {
    const t = newTenant();
    await createAgent(client.rpc, t, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    const live = await createRun(client.rpc, t, { agentId: 'echo', input: {} });
    expect(await call(S.closeOrgAdmission, {}, t)).toEqual({ live: 1 });
    await expect(createRun(client.rpc, t, { agentId: 'echo', input: {} })).resolves.toMatchObject({ status: 'queued' });
    await client.rpc.request(S.cancelRuns, keyContext(t), {});
    expect(await call(S.closeOrgAdmission, {}, t)).toEqual({ live: 0 });
    expect(await failure(createRun(client.rpc, t, { agentId: 'echo', input: {} }))).toMatchObject({ status: 503, code: 'kill_switch_engaged' });
    expect(await call<KillSwitchDto>(S.getKillSwitch, {}, t)).toMatchObject({ engaged: true, reason: 'organization deleted' });
    void live;
  });

  it('a malformed engage is 400', async () => {
    expect(await failure(call(S.engageKillSwitch, {}, a, {}))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await failure(call(S.engageKillSwitch, {}, a, { reason: 'x', extra: 1 }))).toMatchObject({ status: 400 });
  });
});
