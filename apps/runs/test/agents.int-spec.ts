import { AppError, Subjects, type AgentDto, type AgentVersionDto, type ListReply } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import { runsService } from '../src/index.js';
import { keyContext, newTenant, userContext, type Tenant } from './support/contexts.js';

const echo = { kind: 'builtin', name: 'echo' };

describe('runs: agents over NATS', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  const tenant: Tenant = newTenant();
  const other: Tenant = newTenant();

  const call = <T>(subject: string, data: unknown, t: Tenant = tenant) => client.rpc.request<T>(subject, userContext(t), data);
  const fail = (subject: string, data: unknown, t: Tenant = tenant) => call(subject, data, t).then(() => null, (e: unknown) => e as AppError);

  beforeAll(async () => {
    db = await createTestDatabase('runs_agents');
    ns = testNamespace();
    service = await startService(runsService, serviceTestEnv(db, ns, { WATCHDOG_INTERVAL_MS: '0' }));
    client = await createTestRpc(ns);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('creates an agent with its version 1, found by id and by slug', async () => {
    const agent = await call<AgentDto>(Subjects.runs.createAgent, {
      slug: 'summarizer', name: ' Summarizer ', description: 'Sums up', executor: echo,
      inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    });
    expect(agent).toEqual({
      id: expect.stringMatching(/^agt_[0-9A-Z]{26}$/), object: 'agent', slug: 'summarizer', name: 'Summarizer', description: 'Sums up',
      latestVersion: 1, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    expect(await call(Subjects.runs.getAgent, { agentId: 'summarizer' })).toEqual(agent);
    expect(await call(Subjects.runs.getAgent, { agentId: agent.id })).toEqual(agent);
    const versions = await call<ListReply<AgentVersionDto>>(Subjects.runs.listVersions, { agentId: agent.id });
    expect(versions.data).toEqual([{
      id: expect.stringMatching(/^agv_/), object: 'agent_version', agentId: agent.id, version: 1, executor: echo,
      inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } }, outputSchema: null,
      timeoutSeconds: 300, maxCostMicroUsd: null, createdAt: expect.any(String),
    }]);
  });

  it('refuses a taken slug in the same application with 409 slug_taken, not in another tenant', async () => {
    await call(Subjects.runs.createAgent, { slug: 'dup', name: 'One', executor: echo });
    expect(await fail(Subjects.runs.createAgent, { slug: 'dup', name: 'Two', executor: echo })).toMatchObject({ status: 409, code: 'slug_taken' });
    await expect(call(Subjects.runs.createAgent, { slug: 'dup', name: 'Other', executor: echo }, other)).resolves.toMatchObject({ slug: 'dup' });
  });

  it('validates the body strictly: slug, executor kind and fields, timeout, unknown fields', async () => {
    const cases: Array<[unknown, string]> = [
      [{ slug: 'Bad Slug', name: 'x', executor: echo }, 'slug'],
      [{ slug: 'ok-1', name: 'x', executor: { kind: 'shell', name: 'echo' } }, 'executor.kind'],
      [{ slug: 'ok-1', name: 'x', executor: { kind: 'builtin', name: 'rm' } }, 'executor.name'],
      [{ slug: 'ok-1', name: 'x', executor: { kind: 'http', url: 'not a url' } }, 'executor.url'],
      [{ slug: 'ok-1', name: 'x', executor: { kind: 'builtin', name: 'echo', extra: 1 } }, 'executor.extra'],
      [{ slug: 'ok-1', name: 'x', executor: echo, timeoutSeconds: 3601 }, 'timeoutSeconds'],
      [{ slug: 'ok-1', name: 'x', executor: echo, owner: 'me' }, 'owner'],
      [{ slug: 'ok-1', name: 'x' }, 'executor'],
    ];
    for (const [body, field] of cases) {
      const error = await fail(Subjects.runs.createAgent, body);
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error!.errors?.map((e) => e.field)).toContain(field);
    }
  });

  it('refuses an inputSchema that does not compile with 400 invalid_schema', async () => {
    const error = await fail(Subjects.runs.createAgent, { slug: 'bad-schema', name: 'x', executor: echo, inputSchema: { type: 'objekt' } });
    expect(error).toMatchObject({ status: 400, code: 'invalid_schema' });
    expect(error!.errors).toContainEqual(expect.objectContaining({ field: 'inputSchema' }));
    expect(await fail(Subjects.runs.getAgent, { agentId: 'bad-schema' })).toMatchObject({ status: 404 });
  });

  it('publishes immutable versions n+1 and lists them newest first', async () => {
    const agent = await call<AgentDto>(Subjects.runs.createAgent, { slug: 'versioned', name: 'V', executor: echo });
    const v2 = await call<AgentVersionDto>(Subjects.runs.publishVersion, { agentId: 'versioned', executor: { kind: 'builtin', name: 'sleep' }, timeoutSeconds: 5 });
    expect(v2).toMatchObject({ agentId: agent.id, version: 2, executor: { kind: 'builtin', name: 'sleep' }, timeoutSeconds: 5 });
    // The gateway merges a path id as `id`.
    const v3 = await call<AgentVersionDto>(Subjects.runs.publishVersion, { id: agent.id, executor: { kind: 'http', url: 'https://agent.example.com/run', timeoutSeconds: 10 } });
    expect(v3.version).toBe(3);
    expect(await call(Subjects.runs.getAgent, { id: agent.id })).toMatchObject({ latestVersion: 3 });
    const page1 = await call<ListReply<AgentVersionDto>>(Subjects.runs.listVersions, { agentId: agent.id, limit: '2' });
    expect(page1.data.map((v) => v.version)).toEqual([3, 2]);
    expect(page1.hasMore).toBe(true);
    const page2 = await call<ListReply<AgentVersionDto>>(Subjects.runs.listVersions, { agentId: agent.id, limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ hasMore: false, nextCursor: null });
    expect(page2.data.map((v) => v.version)).toEqual([1]);
  });

  it('updates name and description only, and soft-deletes (slug freed, agent gone)', async () => {
    const agent = await call<AgentDto>(Subjects.runs.createAgent, { slug: 'temp', name: 'Temp', description: 'd', executor: echo });
    const updated = await call<AgentDto>(Subjects.runs.updateAgent, { agentId: 'temp', name: 'Renamed', description: null });
    expect(updated).toMatchObject({ id: agent.id, name: 'Renamed', description: null, latestVersion: 1 });
    expect(await fail(Subjects.runs.updateAgent, { agentId: 'temp', name: null })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await fail(Subjects.runs.updateAgent, { agentId: 'temp', executor: echo })).toMatchObject({ status: 400 });
    expect(await call(Subjects.runs.deleteAgent, { id: agent.id })).toEqual({ id: agent.id, object: 'agent', deleted: true });
    expect(await fail(Subjects.runs.getAgent, { agentId: agent.id })).toMatchObject({ status: 404, code: 'not_found' });
    expect(await fail(Subjects.runs.deleteAgent, { agentId: agent.id })).toMatchObject({ status: 404 });
    const again = await call<AgentDto>(Subjects.runs.createAgent, { slug: 'temp', name: 'Temp again', executor: echo });
    expect(again.id).not.toBe(agent.id);
  });

  it('answers 404 for another tenant’s agent on every subject, and for malformed refs', async () => {
    const agent = await call<AgentDto>(Subjects.runs.createAgent, { slug: 'private', name: 'Mine', executor: echo });
    for (const ref of [agent.id, 'private']) {
      expect(await fail(Subjects.runs.getAgent, { agentId: ref }, other)).toMatchObject({ status: 404 });
      expect(await fail(Subjects.runs.updateAgent, { agentId: ref, name: 'Stolen' }, other)).toMatchObject({ status: 404 });
      expect(await fail(Subjects.runs.publishVersion, { agentId: ref, executor: echo }, other)).toMatchObject({ status: 404 });
      expect(await fail(Subjects.runs.listVersions, { agentId: ref }, other)).toMatchObject({ status: 404 });
      expect(await fail(Subjects.runs.deleteAgent, { agentId: ref }, other)).toMatchObject({ status: 404 });
    }
    // Another application of the same org is another tenant too.
    const sibling = { orgId: tenant.orgId, applicationId: other.applicationId };
    expect(await fail(Subjects.runs.getAgent, { agentId: agent.id }, sibling)).toMatchObject({ status: 404 });
    expect(await fail(Subjects.runs.getAgent, { agentId: 'agt_../../etc' })).toMatchObject({ status: 404 });
    expect(await call(Subjects.runs.getAgent, { agentId: agent.id })).toMatchObject({ name: 'Mine' });
  });

  it('pages agents newest first and refuses a cursor from another tenant', async () => {
    const page = await call<ListReply<AgentDto>>(Subjects.runs.listAgents, { limit: '2' });
    expect(page.data).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    expect(page.data[0]!.id > page.data[1]!.id).toBe(true);
    const rest = await call<ListReply<AgentDto>>(Subjects.runs.listAgents, { limit: 100, cursor: page.nextCursor });
    expect(rest.data.map((a) => a.id)).not.toContain(page.data[0]!.id);
    expect(await fail(Subjects.runs.listAgents, { cursor: page.nextCursor }, other)).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await fail(Subjects.runs.listAgents, { limit: 'many' })).toMatchObject({ status: 400, code: 'validation_failed' });
    const foreign = await client.rpc.request<ListReply<AgentDto>>(Subjects.runs.listAgents, keyContext(other), {});
    expect(foreign.data.map((a) => a.slug)).toEqual(['dup']);
  });

  it('records an audited event for each agent change in the outbox', async () => {
    const rows: Array<{ type: string; action: string }> = await service.dataSource!.query(
      `SELECT "payload"->>'type' AS "type", "payload"->'audit'->>'action' AS "action" FROM "runs"."outbox" WHERE "payload"->>'orgId' = $1 ORDER BY "seq"`,
      [tenant.orgId],
    );
    expect(rows).toContainEqual({ type: 'agent.created', action: 'agent.create' });
    expect(rows).toContainEqual({ type: 'agent.version_published', action: 'agent.publish' });
    expect(rows).toContainEqual({ type: 'agent.updated', action: 'agent.update' });
    expect(rows).toContainEqual({ type: 'agent.deleted', action: 'agent.delete' });
  });
});
