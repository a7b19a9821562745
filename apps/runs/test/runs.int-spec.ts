import {
  Subjects, type CompleteRunReply, type HeartbeatRunReply, type ListReply, type RunCancelledBroadcast, type RunDto, type RunEventDto, type StartRunReply,
} from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { runsService } from '../src/index.js';
import { RunWatchdog } from '../src/runs/watchdog/run-watchdog.js';
import { keyContext, newTenant, runnerContext, userContext, type Tenant } from './support/contexts.js';
import { fakeResponder, NO_REPLY } from './support/fake-responder.js';
import { createAgent, createRun, dispatchedRunIds, failure } from './support/run-fixtures.js';

const END_USER_A = 'eu_01JAAAAAAAAAAAAAAAAAAAAAAA';
const END_USER_B = 'eu_01JBBBBBBBBBBBBBBBBBBBBBBB';

describe('runs: runs over NATS (runner simulated)', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let tenancy: Subscription;
  let broadcasts: Subscription;
  const cancelledBroadcasts: string[] = [];
  /** Quotas the fake tenancy answers, per org; unknown orgs get 404 and silent ones no answer. */
  const quotas = new Map<string, { maxConcurrentRuns: number; maxQueuedRuns: number }>();
  const silentOrgs = new Set<string>();
  const tenant: Tenant = newTenant();
  const other: Tenant = newTenant();

  const rpc = () => client.rpc;
  const runner = <T>(subject: string, data: unknown) => client.rpc.request<T>(subject, runnerContext(), data);
  const getRun = (id: string, t: Tenant = tenant, ctx = {}) => client.rpc.request<RunDto>(Subjects.runs.getRun, keyContext(t, ctx), { id });
  const events = (id: string, t: Tenant = tenant) => client.rpc.request<ListReply<RunEventDto>>(Subjects.runs.listRunEvents, keyContext(t), { id });

  beforeAll(async () => {
    quotas.set(tenant.orgId, { maxConcurrentRuns: 100, maxQueuedRuns: 100 });
    db = await createTestDatabase('runs_runs');
    ns = testNamespace();
    client = await createTestRpc(ns);
    tenancy = fakeResponder(client.nc, ns, Subjects.tenancy.getQuotas, ({ ctx }) => {
      if (silentOrgs.has(ctx.orgId!)) return NO_REPLY;
      const q = quotas.get(ctx.orgId!);
      if (!q) throw { status: 404, code: 'not_found', title: 'Not Found' };
      return { object: 'quotas', requestsPerMinute: 600, dailyBudgetMicroUsd: null, ...q };
    });
    broadcasts = client.nc.subscribe(`${ns}.${Subjects.broadcast.runCancelled}`, {
      callback: (_e, msg) => {
        cancelledBroadcasts.push(...msg.json<RunCancelledBroadcast>().runIds);
      },
    });
    service = await startService(runsService, serviceTestEnv(db, ns, { WATCHDOG_INTERVAL_MS: '0', QUOTAS_TIMEOUT_MS: '300', QUOTAS_CACHE_MS: '60000' }));
    await createAgent(rpc(), tenant, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    await createAgent(rpc(), tenant, {
      slug: 'typed', executor: { kind: 'builtin', name: 'echo' },
      inputSchema: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string', minLength: 1 }, n: { type: 'integer', minimum: 1 } } },
      outputSchema: { type: 'object', required: ['summary'] },
    });
  });

  afterAll(async () => {
    tenancy?.unsubscribe();
    broadcasts?.unsubscribe();
    await service?.close();
    await client?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('creates a queued run shaped as the API says, writes its job and a run.queued event', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'echo', input: { hello: 'world' }, metadata: { source: 'test' } });
    expect(run).toEqual({
      id: expect.stringMatching(/^run_[0-9A-Z]{26}$/), object: 'run', agentId: expect.stringMatching(/^agt_/), agentVersion: 1,
      applicationId: tenant.applicationId, endUserId: null, apiKeyId: 'key_01JTESTTESTTESTTESTTESTKEY0', createdBy: 'usr_01JTESTTESTTESTTESTTESTTEST',
      status: 'queued', input: { hello: 'world' }, output: null, error: null, usage: { inputTokens: 0, outputTokens: 0, costMicroUsd: 0 },
      metadata: { source: 'test' }, createdAt: expect.any(String), startedAt: null, finishedAt: null, cancelReason: null,
    });
    expect(await getRun(run.id)).toEqual(run);
    expect(await dispatchedRunIds(service.dataSource!, tenant.orgId)).toContain(run.id);
    const history = await events(run.id);
    expect(history.data).toEqual([{ object: 'run_event', runId: run.id, seq: expect.any(Number), type: 'run.queued', data: { status: 'queued' }, createdAt: expect.any(String) }]);
    const [outboxed] = await service.dataSource!.query(
      `SELECT "payload" FROM "runs"."outbox" WHERE "payload"->>'type' = 'run.queued' AND "payload"->'data'->>'id' = $1`, [run.id]);
    expect(outboxed.payload).toMatchObject({ type: 'run.queued', orgId: tenant.orgId, data: run, audit: { action: 'run.create', resource: { type: 'run', id: run.id }, actor: { type: 'api_key' } } });
  });

  it('returns the same run for a retried create with the same Idempotency-Key, and a new one otherwise', async () => {
    const first = await createRun(rpc(), tenant, { agentId: 'echo', input: { n: 1 } }, { idempotencyKey: 'retry-me' });
    const retried = await createRun(rpc(), tenant, { agentId: 'echo', input: { n: 1 } }, { idempotencyKey: 'retry-me' });
    expect(retried.id).toBe(first.id);
    const concurrent = await Promise.all([1, 2, 3].map(() => createRun(rpc(), tenant, { agentId: 'echo', input: {} }, { idempotencyKey: 'race' })));
    expect(new Set(concurrent.map((r) => r.id)).size).toBe(1);
    const otherKey = await createRun(rpc(), tenant, { agentId: 'echo', input: { n: 1 } }, { idempotencyKey: 'another' });
    const otherEndUser = await createRun(rpc(), tenant, { agentId: 'echo', input: { n: 1 } }, { idempotencyKey: 'retry-me', endUserId: END_USER_A });
    const otherPrincipal = await createRun(rpc(), tenant, { agentId: 'echo', input: { n: 1 } }, {
      idempotencyKey: 'retry-me', principal: { type: 'api_key', id: 'key_01JOTHERKEYOTHERKEYOTHERKE', apiKeyId: 'key_01JOTHERKEYOTHERKEYOTHERKE' },
    });
    expect(new Set([first.id, otherKey.id, otherEndUser.id, otherPrincipal.id]).size).toBe(4);
    const rows: Array<{ count: number }> = await service.dataSource!.query(`SELECT count(*)::int AS "count" FROM "runs"."runs" WHERE "idempotency_key" IN ('retry-me', 'race')`);
    expect(rows[0]!.count).toBe(4);
  });

  it('refuses input that does not match the inputSchema with 422 invalid_input and field errors', async () => {
    const error = await failure(createRun(rpc(), tenant, { agentId: 'typed', input: { n: 0, extra: true } }));
    expect(error).toMatchObject({ status: 422, code: 'invalid_input' });
    expect(error.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'input.text', code: 'required' }),
      expect.objectContaining({ field: 'input.n', code: 'minimum' }),
      expect.objectContaining({ field: 'input.extra', code: 'unknown_field' }),
    ]));
    await expect(createRun(rpc(), tenant, { agentId: 'typed', input: { text: 'ok' } })).resolves.toMatchObject({ status: 'queued' });
    expect(await failure(createRun(rpc(), tenant, { agentId: 'echo', input: 'text' }))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await failure(createRun(rpc(), tenant, { agentId: 'echo', input: [] }))).toMatchObject({ status: 400, code: 'validation_failed' });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expect(await failure(createRun(rpc(), tenant, { agentId: 'echo', input: {}, metadata: tooMany }))).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('answers 404 for an unknown agent or version, and runs a pinned version', async () => {
    expect(await failure(createRun(rpc(), tenant, { agentId: 'nope', input: {} }))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await failure(createRun(rpc(), tenant, { agentId: 'echo', version: 7, input: {} }))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await failure(createRun(rpc(), other, { agentId: 'echo', input: {} }))).toMatchObject({ status: 404 });
    await client.rpc.request(Subjects.runs.publishVersion, userContext(tenant), { agentId: 'echo', executor: { kind: 'builtin', name: 'fail' } });
    expect(await createRun(rpc(), tenant, { agentId: 'echo', input: {} })).toMatchObject({ agentVersion: 2 });
    expect(await createRun(rpc(), tenant, { agentId: 'echo', version: 1, input: {} })).toMatchObject({ agentVersion: 1 });
  });

  it('hides runs across tenants (404) and for malformed ids', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'echo', input: {} });
    const sibling = { orgId: tenant.orgId, applicationId: other.applicationId };
    for (const t of [other, sibling]) {
      expect(await failure(getRun(run.id, t))).toMatchObject({ status: 404, code: 'not_found' });
      expect(await failure(events(run.id, t))).toMatchObject({ status: 404 });
      expect(await failure(client.rpc.request(Subjects.runs.cancelRun, keyContext(t), { id: run.id }))).toMatchObject({ status: 404 });
      const list = await client.rpc.request<ListReply<RunDto>>(Subjects.runs.listRuns, keyContext(t), {});
      expect(list.data.map((r) => r.id)).not.toContain(run.id);
    }
    expect(await failure(getRun('run_nope'))).toMatchObject({ status: 404 });
    expect(await failure(getRun("run_01J' OR 1=1 --"))).toMatchObject({ status: 404 });
    expect((await getRun(run.id)).status).toBe('queued');
  });

  it('lets an end-user see only its own runs', async () => {
    const mine = await createRun(rpc(), tenant, { agentId: 'echo', input: {} }, { endUserId: END_USER_A });
    const theirs = await createRun(rpc(), tenant, { agentId: 'echo', input: {} }, { endUserId: END_USER_B });
    expect(mine.endUserId).toBe(END_USER_A);
    expect(await getRun(mine.id, tenant, { endUserId: END_USER_A })).toMatchObject({ id: mine.id });
    expect(await failure(getRun(theirs.id, tenant, { endUserId: END_USER_A }))).toMatchObject({ status: 404 });
    expect(await failure(client.rpc.request(Subjects.runs.cancelRun, keyContext(tenant, { endUserId: END_USER_A }), { id: theirs.id }))).toMatchObject({ status: 404 });
    const list = await client.rpc.request<ListReply<RunDto>>(Subjects.runs.listRuns, keyContext(tenant, { endUserId: END_USER_A }), { limit: 100 });
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((r) => r.endUserId === END_USER_A)).toBe(true);
    const asking = await client.rpc.request<ListReply<RunDto>>(Subjects.runs.listRuns, keyContext(tenant, { endUserId: END_USER_A }), { endUserId: END_USER_B });
    expect(asking.data).toEqual([]);
    // The application itself (no end-user) sees both.
    expect(await getRun(theirs.id)).toMatchObject({ endUserId: END_USER_B });
  });

  it('walks the runner lifecycle: start, heartbeat, events, complete once', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'echo', version: 1, input: { say: 'hi' } }, { endUserId: END_USER_A });
    const started = await runner<StartRunReply>(Subjects.runs.startRun, { runId: run.id });
    expect(started).toMatchObject({
      skip: false, agentId: run.agentId, executor: { kind: 'builtin', name: 'echo' }, timeoutSeconds: 300, endUserId: END_USER_A,
      orgId: tenant.orgId, applicationId: tenant.applicationId, run: { id: run.id, status: 'running' },
    });
    expect(await runner(Subjects.runs.startRun, { runId: run.id })).toEqual({ skip: true });
    expect(await runner<HeartbeatRunReply>(Subjects.runs.heartbeatRun, { runId: run.id })).toEqual({ cancelled: false, status: 'running' });
    // Numbered within the run: queued (1), started (2), then this one.
    expect(await runner(Subjects.runs.appendRunEvent, { runId: run.id, type: 'log', data: { line: 'working' } })).toEqual({ appended: true, seq: 3 });
    expect(await failure(runner(Subjects.runs.appendRunEvent, { runId: run.id, type: 'run.succeeded', data: {} }))).toMatchObject({ status: 400 });
    const done = await runner<CompleteRunReply>(Subjects.runs.completeRun, {
      runId: run.id, status: 'succeeded', output: { say: 'hi' }, usage: { inputTokens: 12, outputTokens: 3, costMicroUsd: 40 },
    });
    expect(done).toEqual({ applied: true, status: 'succeeded' });
    expect(await runner(Subjects.runs.completeRun, { runId: run.id, status: 'failed', error: { code: 'late', message: 'too late' } })).toEqual({ applied: false, status: 'succeeded' });
    expect(await runner(Subjects.runs.appendRunEvent, { runId: run.id, type: 'log', data: {} })).toEqual({ appended: false, seq: null });
    const final = await getRun(run.id);
    expect(final).toMatchObject({ status: 'succeeded', output: { say: 'hi' }, error: null, usage: { inputTokens: 12, outputTokens: 3, costMicroUsd: 40 } });
    expect(Date.parse(final.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(final.startedAt!));
    expect((await events(run.id)).data.map((e) => [e.seq, e.type])).toEqual([[1, 'run.queued'], [2, 'run.started'], [3, 'log'], [4, 'run.succeeded']]);
  });

  it('fails a run whose output does not match the outputSchema', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'typed', input: { text: 'x' } });
    await runner(Subjects.runs.startRun, { runId: run.id });
    expect(await runner(Subjects.runs.completeRun, { runId: run.id, status: 'succeeded', output: { text: 'x' } })).toEqual({ applied: true, status: 'failed' });
    expect(await getRun(run.id)).toMatchObject({ status: 'failed', error: { code: 'invalid_output' } });
  });

  it('cancels a queued run (the runner then skips it) and refuses to cancel a terminal run with 409', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'echo', input: {} });
    const cancelled = await client.rpc.request<RunDto>(Subjects.runs.cancelRun, keyContext(tenant), { id: run.id });
    expect(cancelled).toMatchObject({ id: run.id, status: 'cancelled', cancelReason: 'requested', finishedAt: expect.any(String) });
    expect(await runner(Subjects.runs.startRun, { runId: run.id })).toEqual({ skip: true });
    const again = await failure(client.rpc.request(Subjects.runs.cancelRun, keyContext(tenant), { id: run.id }));
    expect(again).toMatchObject({ status: 409, code: 'run_not_cancellable' });
    expect((await getRun(run.id)).status).toBe('cancelled');
  });

  it('cancels a running run: broadcast to runners, late completion ignored, heartbeat says stop', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'echo', input: {} });
    await runner(Subjects.runs.startRun, { runId: run.id });
    await client.rpc.request(Subjects.runs.cancelRun, keyContext(tenant), { id: run.id, reason: 'user pressed stop' });
    await waitFor(() => cancelledBroadcasts.includes(run.id));
    expect(await runner(Subjects.runs.heartbeatRun, { runId: run.id })).toEqual({ cancelled: true, status: 'cancelled' });
    expect(await runner(Subjects.runs.completeRun, { runId: run.id, status: 'succeeded', output: { late: true } })).toEqual({ applied: false, status: 'cancelled' });
    expect(await getRun(run.id)).toMatchObject({ status: 'cancelled', output: null, cancelReason: 'user pressed stop' });
    expect((await events(run.id)).data.map((e) => e.type)).toEqual(['run.queued', 'run.started', 'run.cancelled']);
  });

  it('queues runs beyond maxConcurrentRuns in FIFO order, refuses beyond maxQueuedRuns with 429, and dispatches on completion', async () => {
    const org = newTenant();
    quotas.set(org.orgId, { maxConcurrentRuns: 1, maxQueuedRuns: 2 });
    await createAgent(rpc(), org, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    const r1 = await createRun(rpc(), org, { agentId: 'echo', input: {} });
    const r2 = await createRun(rpc(), org, { agentId: 'echo', input: {} });
    const r3 = await createRun(rpc(), org, { agentId: 'echo', input: {} });
    const refused = await failure(createRun(rpc(), org, { agentId: 'echo', input: {} }));
    expect(refused).toMatchObject({ status: 429, code: 'concurrency_limit_exceeded' });
    expect(await dispatchedRunIds(service.dataSource!, org.orgId)).toEqual([r1.id]);
    expect([r2, r3].map((r) => r.status)).toEqual(['queued', 'queued']);
    // A waiting run has no job yet: a runner cannot start it.
    expect(await runner(Subjects.runs.startRun, { runId: r2.id })).toEqual({ skip: true });

    await runner(Subjects.runs.startRun, { runId: r1.id });
    await runner(Subjects.runs.completeRun, { runId: r1.id, status: 'succeeded', output: {} });
    expect(await dispatchedRunIds(service.dataSource!, org.orgId)).toEqual([r1.id, r2.id]);
    await expect(createRun(rpc(), org, { agentId: 'echo', input: {} })).resolves.toMatchObject({ status: 'queued' });
    // Cancelling the dispatched (not yet started) run frees its slot for the next in line.
    await client.rpc.request(Subjects.runs.cancelRun, keyContext(org), { id: r2.id });
    expect(await dispatchedRunIds(service.dataSource!, org.orgId)).toEqual([r1.id, r2.id, r3.id]);
  });

  it('cannot overshoot the cap under concurrent creates', async () => {
    const org = newTenant();
    quotas.set(org.orgId, { maxConcurrentRuns: 2, maxQueuedRuns: 3 });
    await createAgent(rpc(), org, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createRun(rpc(), org, { agentId: 'echo', input: {} })));
    const created = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(created).toHaveLength(5);
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(Array(5).fill('concurrency_limit_exceeded'));
    expect(await dispatchedRunIds(service.dataSource!, org.orgId)).toHaveLength(2);
  });

  it('falls back to the default quotas (10 running, 100 queued) when tenancy does not answer', async () => {
    const org = newTenant();
    silentOrgs.add(org.orgId);
    await createAgent(rpc(), org, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    const started = Date.now();
    const runs = [];
    for (let i = 0; i < 11; i++) runs.push(await createRun(rpc(), org, { agentId: 'echo', input: { i } }));
    expect(Date.now() - started).toBeLessThan(3000); // the quotas timeout is paid once, then cached
    expect(await dispatchedRunIds(service.dataSource!, org.orgId)).toEqual(runs.slice(0, 10).map((r) => r.id));
  });

  it('times out runs whose heartbeat stopped or whose timeout elapsed, and gives their slot away', async () => {
    const org = newTenant();
    quotas.set(org.orgId, { maxConcurrentRuns: 1, maxQueuedRuns: 10 });
    await createAgent(rpc(), org, { slug: 'quick', executor: { kind: 'builtin', name: 'sleep' }, timeoutSeconds: 60 });
    const silent = await createRun(rpc(), org, { agentId: 'quick', input: { ms: 10 } });
    const waiting = await createRun(rpc(), org, { agentId: 'quick', input: { ms: 10 } });
    await runner(Subjects.runs.startRun, { runId: silent.id });
    await service.dataSource!.query(`UPDATE "runs"."runs" SET "heartbeat_at" = now() - interval '31 seconds' WHERE "id" = $1`, [silent.id]);
    const watchdog = service.app.get(RunWatchdog);
    await watchdog.runOnce();
    expect(await getRun(silent.id, org)).toMatchObject({ status: 'timed_out', error: { code: 'heartbeat_lost' } });
    await waitFor(() => cancelledBroadcasts.includes(silent.id));
    expect(await dispatchedRunIds(service.dataSource!, org.orgId)).toEqual([silent.id, waiting.id]);

    await runner(Subjects.runs.startRun, { runId: waiting.id });
    await watchdog.runOnce();
    expect((await getRun(waiting.id, org)).status).toBe('running'); // fresh heartbeat, within its 60 s
    await service.dataSource!.query(`UPDATE "runs"."runs" SET "started_at" = now() - interval '61 seconds' WHERE "id" = $1`, [waiting.id]);
    await watchdog.runOnce();
    expect(await getRun(waiting.id, org)).toMatchObject({ status: 'timed_out', error: { code: 'timed_out' } });
    expect(await runner(Subjects.runs.completeRun, { runId: waiting.id, status: 'succeeded', output: {} })).toEqual({ applied: false, status: 'timed_out' });
    expect((await events(waiting.id, org)).data.map((e) => e.type)).toEqual(['run.queued', 'run.started', 'run.timed_out']);
  });

  it('lists runs newest first with filters, refusing unknown statuses and foreign cursors', async () => {
    const org = newTenant();
    quotas.set(org.orgId, { maxConcurrentRuns: 50, maxQueuedRuns: 50 });
    const a = await createAgent(rpc(), org, { slug: 'a', executor: { kind: 'builtin', name: 'echo' } });
    await createAgent(rpc(), org, { slug: 'b', executor: { kind: 'builtin', name: 'echo' } });
    const ids: string[] = [];
    for (const slug of ['a', 'b', 'a', 'a']) ids.push((await createRun(rpc(), org, { agentId: slug, input: {} })).id);
    await client.rpc.request(Subjects.runs.cancelRun, keyContext(org), { id: ids[0] });
    const list = (data: Record<string, unknown>, t: Tenant = org) => client.rpc.request<ListReply<RunDto>>(Subjects.runs.listRuns, keyContext(t), data);

    expect((await list({})).data.map((r) => r.id)).toEqual([...ids].reverse());
    expect((await list({ agentId: 'a' })).data.map((r) => r.id)).toEqual([ids[3], ids[2], ids[0]]);
    expect((await list({ agentId: a.id, status: 'queued' })).data.map((r) => r.id)).toEqual([ids[3], ids[2]]);
    expect((await list({ status: 'cancelled' })).data.map((r) => r.id)).toEqual([ids[0]]);
    expect((await list({ agentId: 'unknown-agent' })).data).toEqual([]);
    expect((await list({ createdAfter: new Date(Date.now() + 60_000).toISOString() })).data).toEqual([]);
    expect(await failure(list({ status: 'exploded' }))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await failure(list({ createdAfter: 'yesterday' }))).toMatchObject({ status: 400 });

    const page1 = await list({ limit: '3' });
    expect(page1).toMatchObject({ object: 'list', hasMore: true });
    const page2 = await list({ limit: '3', cursor: page1.nextCursor });
    expect([...page1.data, ...page2.data].map((r) => r.id)).toEqual([...ids].reverse());
    expect(page2).toMatchObject({ hasMore: false, nextCursor: null });
    expect(await failure(list({ cursor: page1.nextCursor }, other))).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await failure(list({ limit: 3, cursor: page1.nextCursor, status: 'queued' }))).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('refuses the runner-facing subjects to anything but the platform', async () => {
    const run = await createRun(rpc(), tenant, { agentId: 'echo', input: {} });
    for (const subject of [Subjects.runs.startRun, Subjects.runs.heartbeatRun]) {
      expect(await failure(client.rpc.request(subject, keyContext(tenant), { runId: run.id }))).toMatchObject({ status: 403 });
    }
    expect(await failure(client.rpc.request(Subjects.runs.completeRun, keyContext(tenant), { runId: run.id, status: 'succeeded' }))).toMatchObject({ status: 403 });
    expect((await getRun(run.id)).status).toBe('queued');
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
