import { Subjects, type ListReply, type RunDto, type RunEventDto } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { runsService } from '@agentry/runs';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { keyContext, newTenant, type Tenant } from '../../runs/test/support/contexts.js';
import { fakeResponder, NO_REPLY } from '../../runs/test/support/fake-responder.js';
import { createAgent, createRun, failure } from '../../runs/test/support/run-fixtures.js';
import { runnerService } from '../src/index.js';
import { ActiveRuns } from '../src/execution/active-runs.js';

const END_USER = 'eu_01JENDUSERENDUSERENDUSERE';
const CONNECTIONS = [{ id: 'con_01JCONNECTIONCONNECTIONCON', object: 'connection', provider: 'github', label: 'work' }];
const TERMINAL = ['succeeded', 'failed', 'cancelled', 'timed_out'];

describe('runner: runs executed end to end over NATS and JetStream', () => {
  let db: TestDatabase;
  let ns: string;
  let runs: RunningService;
  let runner: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let responders: Subscription[] = [];
  let agentServer: Server;
  let agentUrl: string;
  const agentRequests: Array<{ path: string; body: Record<string, unknown> }> = [];
  const connectionRequests: Array<Record<string, unknown>> = [];
  const quotas = new Map<string, { maxConcurrentRuns: number; maxQueuedRuns: number }>();
  const identityDownFor = new Set<string>();
  const tenant: Tenant = newTenant();

  const get = (id: string, t: Tenant = tenant) => client.rpc.request<RunDto>(Subjects.runs.getRun, keyContext(t), { id });
  const history = async (id: string, t: Tenant = tenant) =>
    (await client.rpc.request<ListReply<RunEventDto>>(Subjects.runs.listRunEvents, keyContext(t), { id })).data.map((e) => e.type);
  const until = async (id: string, predicate: (run: RunDto) => boolean, t: Tenant = tenant, timeoutMs = 8000): Promise<RunDto> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await get(id, t);
      if (predicate(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} stayed ${run.status}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const finished = (id: string, t: Tenant = tenant) => until(id, (run) => TERMINAL.includes(run.status), t);

  beforeAll(async () => {
    agentServer = createServer((req, res) => void answerAgent(req, res.writeHead.bind(res), res.end.bind(res)));
    await new Promise<void>((resolve) => agentServer.listen(0, '127.0.0.1', resolve));
    agentUrl = `http://127.0.0.1:${(agentServer.address() as AddressInfo).port}`;

    db = await createTestDatabase('runner');
    ns = testNamespace();
    client = await createTestRpc(ns);
    responders = [
      fakeResponder(client.nc, ns, Subjects.tenancy.getQuotas, ({ ctx }) => ({ object: 'quotas', ...(quotas.get(ctx.orgId!) ?? { maxConcurrentRuns: 10, maxQueuedRuns: 100 }) })),
      fakeResponder(client.nc, ns, Subjects.identity.connectionsForOwner, ({ ctx, data }) => {
        if (ctx.principal.type !== 'system') throw { status: 403, code: 'system_only', title: 'Forbidden' };
        if (identityDownFor.has(String(data.orgId))) return NO_REPLY;
        connectionRequests.push(data);
        return { data: data.endUserId === END_USER ? CONNECTIONS : [] };
      }),
    ];
    runs = await startService(runsService, serviceTestEnv(db, ns, { WATCHDOG_INTERVAL_MS: '0' }));
    runner = await startService(runnerService, serviceTestEnv(db, ns, {
      RUNNER_ALLOW_PRIVATE_URLS: 'true', RUNNER_CONCURRENCY: '3', RUNNER_MAX_RUNS_PER_ORG: '2', RUNNER_RESERVED_SLOTS: '1', RUNNER_HEARTBEAT_MS: '300', RUNNER_CONNECTIONS_TIMEOUT_MS: '400', RUNNER_SHUTDOWN_GRACE_MS: '200',
    }));
    for (const [slug, name] of [['echo', 'echo'], ['sleep', 'sleep'], ['fail', 'fail']] as const) {
      await createAgent(client.rpc, tenant, { slug, executor: { kind: 'builtin', name } });
    }
  });

  afterAll(async () => {
    await runner?.close();
    await runs?.close();
    responders.forEach((s) => s.unsubscribe());
    await client?.close();
    await new Promise((resolve) => agentServer?.close(resolve));
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('runs an echo agent to succeeded with the input as output', async () => {
    const run = await createRun(client.rpc, tenant, { agentId: 'echo', input: { greeting: 'hello', n: [1, 2] } });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'succeeded', output: { greeting: 'hello', n: [1, 2] }, error: null, startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(await history(run.id)).toEqual(['run.queued', 'run.started', 'run.succeeded']);
    // Without an end-user the run uses its creator's connections.
    expect(connectionRequests).toContainEqual({ orgId: tenant.orgId, applicationId: tenant.applicationId, userId: run.createdBy });
  });

  it('fails a fail agent with the given message or the default one', async () => {
    const withMessage = await createRun(client.rpc, tenant, { agentId: 'fail', input: { message: 'boom' } });
    const plain = await createRun(client.rpc, tenant, { agentId: 'fail', input: {} });
    expect(await finished(withMessage.id)).toMatchObject({ status: 'failed', output: null, error: { code: 'agent_failed', message: 'boom' } });
    expect(await finished(plain.id)).toMatchObject({ status: 'failed', error: { message: 'failed on purpose' } });
  });

  it('aborts a running sleep at once on cancel; it stays cancelled', async () => {
    const run = await createRun(client.rpc, tenant, { agentId: 'sleep', input: { ms: 3000 } });
    await until(run.id, (r) => r.status === 'running');
    // The run is `running` once claimed; the runner registers it a moment later.
    const active = runner.app.get(ActiveRuns);
    for (let i = 0; i < 200 && active.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(active.size).toBe(1);
    const cancelledAt = Date.now();
    await client.rpc.request(Subjects.runs.cancelRun, keyContext(tenant), { id: run.id });
    while (active.size > 0) {
      if (Date.now() - cancelledAt > 500) throw new Error('the runner did not abort the run within 500 ms');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 3200)); // past the sleep's natural end
    expect(await get(run.id)).toMatchObject({ status: 'cancelled', output: null });
    expect(await history(run.id)).toEqual(['run.queued', 'run.started', 'run.cancelled']);
  });

  it('times a run out at its timeoutSeconds', async () => {
    await createAgent(client.rpc, tenant, { slug: 'short', executor: { kind: 'builtin', name: 'sleep' }, timeoutSeconds: 1 });
    const run = await createRun(client.rpc, tenant, { agentId: 'short', input: { ms: 10_000 } });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'timed_out', error: { code: 'timed_out' } });
    expect(Date.parse(done.finishedAt!) - Date.parse(done.startedAt!)).toBeLessThan(3000);
  });

  it('calls an http agent with the run, its end-user and that end-user’s connections; the JSON answer is the output', async () => {
    await createAgent(client.rpc, tenant, { slug: 'web', executor: { kind: 'http', url: `${agentUrl}/ok`, timeoutSeconds: 5 } });
    const run = await createRun(client.rpc, tenant, { agentId: 'web', input: { question: 'why?' } }, { endUserId: END_USER });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'succeeded', output: { answer: 'because', question: 'why?' } });
    expect(agentRequests.find((r) => r.body.runId === run.id)).toEqual({
      path: '/ok', body: { runId: run.id, agentId: run.agentId, input: { question: 'why?' }, endUserId: END_USER, connections: CONNECTIONS },
    });
    expect(connectionRequests).toContainEqual({ orgId: tenant.orgId, applicationId: tenant.applicationId, endUserId: END_USER });
    // The runner reported the call in the run's history (appendRunEvent).
    const events = await client.rpc.request<ListReply<RunEventDto>>(Subjects.runs.listRunEvents, keyContext(tenant), { id: run.id });
    expect(events.data.map((e) => e.type)).toEqual(['run.queued', 'run.started', 'http.response', 'run.succeeded']);
    expect(events.data[2]!.data).toMatchObject({ status: 200, durationMs: expect.any(Number) });
  });

  it('fails an http agent that answers non-2xx, non-JSON or too late, with a clear error', async () => {
    const cases: Array<[string, string, number?]> = [['/status/502', 'http_error'], ['/text', 'invalid_response'], ['/slow', 'http_timeout', 1]];
    for (const [path, code, timeoutSeconds] of cases) {
      const slug = `web${path.replace(/\W/g, '-')}`;
      await createAgent(client.rpc, tenant, { slug, executor: { kind: 'http', url: `${agentUrl}${path}`, ...(timeoutSeconds ? { timeoutSeconds } : {}) } });
      const run = await createRun(client.rpc, tenant, { agentId: slug, input: {} });
      expect(await finished(run.id)).toMatchObject({ status: 'failed', error: { code } });
    }
    expect((await get((await createRun(client.rpc, tenant, { agentId: 'echo', input: {} })).id)).id).toMatch(/^run_/);
  });

  it('fails the run when identity does not answer for its connections, instead of hanging', async () => {
    const org = newTenant();
    identityDownFor.add(org.orgId);
    await createAgent(client.rpc, org, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    const run = await createRun(client.rpc, org, { agentId: 'echo', input: {} });
    expect(await finished(run.id, org)).toMatchObject({ status: 'failed', error: { code: 'connections_unavailable' } });
  });

  it('refuses command agents unless the runner allows them', async () => {
    await createAgent(client.rpc, tenant, { slug: 'cmd', executor: { kind: 'command', command: ['node', '-e', 'process.stdout.write("{}")'] } });
    const run = await createRun(client.rpc, tenant, { agentId: 'cmd', input: {} });
    expect(await finished(run.id)).toMatchObject({ status: 'failed', error: { code: 'executor_not_allowed' } });
  });

  it('queues past the org cap, answers 429 past the queue, and starts the next run when a slot frees', async () => {
    const org = newTenant();
    quotas.set(org.orgId, { maxConcurrentRuns: 1, maxQueuedRuns: 1 });
    await createAgent(client.rpc, org, { slug: 'sleep', executor: { kind: 'builtin', name: 'sleep' } });
    const first = await createRun(client.rpc, org, { agentId: 'sleep', input: { ms: 30_000 } });
    const second = await createRun(client.rpc, org, { agentId: 'sleep', input: { ms: 10 } });
    expect(await failure(createRun(client.rpc, org, { agentId: 'sleep', input: { ms: 10 } }))).toMatchObject({ status: 429, code: 'concurrency_limit_exceeded' });
    await until(first.id, (r) => r.status === 'running', org);
    await new Promise((r) => setTimeout(r, 300));
    expect((await get(second.id, org)).status).toBe('queued');
    await client.rpc.request(Subjects.runs.cancelRun, keyContext(org), { id: first.id });
    expect(await finished(second.id, org)).toMatchObject({ status: 'succeeded', output: { sleptMs: 10 } });
  });

  /** Polls (rather than sleeping a fixed time) until `count` of `runs` are running, so a loaded machine is not flaky. */
  async function whenRunning(runs: Array<{ id: string; t: Tenant }>, count: number): Promise<string[]> {
    let statuses: string[] = [];
    for (let i = 0; i < 100; i++) {
      statuses = await Promise.all(runs.map(async (r) => (await get(r.id, r.t)).status));
      if (statuses.filter((s) => s === 'running').length >= count) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return statuses;
  }

  it('executes at most RUNNER_CONCURRENCY runs at once; the others wait in JetStream', async () => {
    const other = newTenant();
    await createAgent(client.rpc, other, { slug: 'sleep', executor: { kind: 'builtin', name: 'sleep' } });
    const batch = [
      ...(await Promise.all([1, 2].map(() => createRun(client.rpc, tenant, { agentId: 'sleep', input: { ms: 2000 } })))).map((r) => ({ id: r.id, t: tenant })),
      ...(await Promise.all([1, 2].map(() => createRun(client.rpc, other, { agentId: 'sleep', input: { ms: 2000 } })))).map((r) => ({ id: r.id, t: other })),
    ];
    const statuses = await whenRunning(batch, 3);
    expect(statuses.filter((s) => s === 'running')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'queued')).toHaveLength(1);
    for (const run of batch) expect(await finished(run.id, run.t)).toMatchObject({ status: 'succeeded' });
  });

  it('one org gets at most RUNNER_MAX_RUNS_PER_ORG slots, so another org’s run starts at once', async () => {
    const busy = (await Promise.all([1, 2, 3, 4].map(() => createRun(client.rpc, tenant, { agentId: 'sleep', input: { ms: 30_000 } })))).map((r) => ({ id: r.id, t: tenant }));
    const statuses = await whenRunning(busy, 2);
    expect(statuses.filter((s) => s === 'running')).toHaveLength(2);
    const other = newTenant();
    await createAgent(client.rpc, other, { slug: 'echo', executor: { kind: 'builtin', name: 'echo' } });
    const quick = await createRun(client.rpc, other, { agentId: 'echo', input: { hi: 1 } });
    expect(await until(quick.id, (r) => r.status === 'succeeded', other, 5000)).toMatchObject({ output: { hi: 1 } });
    expect((await Promise.all(busy.map(async (r) => (await get(r.id)).status))).filter((s) => s === 'running')).toHaveLength(2);
    await client.rpc.request(Subjects.runs.cancelRuns, keyContext(tenant), {});
  });

  async function answerAgent(req: IncomingMessage, writeHead: (status: number, headers: Record<string, string>) => unknown, end: (body: string) => unknown) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    agentRequests.push({ path: req.url ?? '', body });
    if (req.url === '/ok') {
      writeHead(200, { 'content-type': 'application/json' });
      return end(JSON.stringify({ answer: 'because', ...(body.input as object) }));
    }
    if (req.url?.startsWith('/status/')) {
      writeHead(Number(req.url.slice(8)), { 'content-type': 'application/json' });
      return end('{"error":"upstream"}');
    }
    if (req.url === '/slow') await new Promise((r) => setTimeout(r, 2500));
    writeHead(200, { 'content-type': 'text/plain' });
    return end('not json');
  }
});
