import { Subjects, type RunDto } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { runsService } from '../src/index.js';
import { keyContext, newTenant, runnerContext, type Tenant } from './support/contexts.js';
import { fakeResponder } from './support/fake-responder.js';
import { createAgent, createRun, failure } from './support/run-fixtures.js';

const S = Subjects.runs;

describe('runs: daily budgets over NATS', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let tenancy: Subscription;
  const budgets = new Map<string, number | null>();

  const spend = async (t: Tenant) => {
    const rows = await service.dataSource!.query(`SELECT "spent_micro_usd"::int AS "spent", "reserved_micro_usd"::int AS "reserved" FROM "runs"."daily_spend" WHERE "org_id" = $1`, [t.orgId]);
    return rows[0] ?? { spent: 0, reserved: 0 };
  };
  const complete = async (runId: string, costMicroUsd: number) => {
    await client.rpc.request(S.startRun, runnerContext(), { runId });
    await client.rpc.request(S.completeRun, runnerContext(), { runId, status: 'succeeded', output: {}, usage: { costMicroUsd } });
  };
  const tenantWithBudget = async (budget: number | null) => {
    const t = newTenant();
    budgets.set(t.orgId, budget);
    await createAgent(client.rpc, t, { slug: 'priced', executor: { kind: 'builtin', name: 'echo' }, maxCostMicroUsd: 400 });
    await createAgent(client.rpc, t, { slug: 'free', executor: { kind: 'builtin', name: 'echo' } });
    return t;
  };

  beforeAll(async () => {
    db = await createTestDatabase('runs_budget');
    ns = testNamespace();
    client = await createTestRpc(ns);
    tenancy = fakeResponder(client.nc, ns, Subjects.tenancy.getQuotas, ({ ctx }) => ({
      object: 'quotas', requestsPerMinute: 600, maxConcurrentRuns: 100, maxQueuedRuns: 100, dailyBudgetMicroUsd: budgets.get(ctx.orgId!) ?? null,
    }));
    service = await startService(runsService, serviceTestEnv(db, ns, { WATCHDOG_INTERVAL_MS: '0' }));
  });

  afterAll(async () => {
    tenancy?.unsubscribe();
    await service?.close();
    await client?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('reserves each run’s cost ceiling, refuses with 402 when nothing is left, and settles actual costs when runs end', async () => {
    const t = await tenantWithBudget(1000);
    const first = await createRun(client.rpc, t, { agentId: 'priced', input: {} });
    const second = await createRun(client.rpc, t, { agentId: 'priced', input: {} });
    expect(await spend(t)).toEqual({ spent: 0, reserved: 800 });
    const refused = await failure(createRun(client.rpc, t, { agentId: 'priced', input: {} }));
    expect(refused).toMatchObject({ status: 402, code: 'budget_exceeded', extra: { dailyBudgetMicroUsd: 1000, spentMicroUsd: 0, reservedMicroUsd: 800 } });

    await complete(first.id, 150);
    expect(await spend(t)).toEqual({ spent: 150, reserved: 400 });
    const third = await createRun(client.rpc, t, { agentId: 'priced', input: {} });
    // A cancelled run frees its reservation and costs what it reported (nothing).
    await client.rpc.request(S.cancelRun, keyContext(t), { id: second.id });
    expect(await spend(t)).toEqual({ spent: 150, reserved: 400 });
    await complete(third.id, 500);
    expect(await spend(t)).toEqual({ spent: 650, reserved: 0 });
    expect((await client.rpc.request<RunDto>(S.getRun, keyContext(t), { id: third.id })).usage.costMicroUsd).toBe(500);
    // 650 + 400 > 1000: no room for a priced run; a free one still fits.
    expect(await failure(createRun(client.rpc, t, { agentId: 'priced', input: {} }))).toMatchObject({ status: 402 });
    await expect(createRun(client.rpc, t, { agentId: 'free', input: {} })).resolves.toMatchObject({ status: 'queued' });
  });

  it('a budget of 0 admits nothing; no budget admits everything and still records spend', async () => {
    const none = await tenantWithBudget(0);
    expect(await failure(createRun(client.rpc, none, { agentId: 'free', input: {} }))).toMatchObject({ status: 402, code: 'budget_exceeded' });
    const unlimited = await tenantWithBudget(null);
    const runs = await Promise.all(Array.from({ length: 5 }, () => createRun(client.rpc, unlimited, { agentId: 'priced', input: {} })));
    expect(await spend(unlimited)).toEqual({ spent: 0, reserved: 2000 });
    for (const run of runs) await complete(run.id, 10);
    expect(await spend(unlimited)).toEqual({ spent: 50, reserved: 0 });
  });

  it('concurrent admissions cannot overshoot the budget together', async () => {
    const t = await tenantWithBudget(2000);
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => createRun(client.rpc, t, { agentId: 'priced', input: {} }).then(() => 'ok', (e: { code: string }) => e.code)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'budget_exceeded')).toHaveLength(7);
    expect(await spend(t)).toEqual({ spent: 0, reserved: 2000 });
  });

  it('runs ending while others are admitted do not deadlock over the day’s spend row', async () => {
    const t = await tenantWithBudget(1_000_000);
    const live = await Promise.all(Array.from({ length: 10 }, () => createRun(client.rpc, t, { agentId: 'priced', input: {} })));
    for (const run of live) await client.rpc.request(S.startRun, runnerContext(), { runId: run.id });
    const outcomes = await Promise.all([
      ...live.map((run) => client.rpc.request(S.completeRun, runnerContext(), { runId: run.id, status: 'succeeded', output: {}, usage: { costMicroUsd: 1 } }).then(() => 'ok', (e: { code: string }) => e.code)),
      ...Array.from({ length: 10 }, () => createRun(client.rpc, t, { agentId: 'priced', input: {} }).then(() => 'ok', (e: { code: string }) => e.code)),
      ...live.slice(0, 3).map(() => client.rpc.request(S.cancelRuns, keyContext(t), { status: 'queued' }).then(() => 'ok', (e: { code: string }) => e.code)),
    ]);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    expect((await spend(t)).spent).toBe(10);
  });
});
