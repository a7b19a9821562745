import { AppError, AuditSubjects, newId, type AuditEventDto, type AuditVerifyReply, type ListReply, type RequestContext } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import { auditService, type AuditConfig } from '../src/index.js';
import { auditedEvent, publishEvent, waitFor } from './support/events.js';

const APP_1 = 'app_01JAPP1111111111111111111A';
const APP_2 = 'app_01JAPP2222222222222222222A';
const END_USER = 'eu_01JEE000000000000000000000';
const USER = 'usr_01JUSER0000000000000000000';
const KEY = 'key_01JKEY00000000000000000000';

describe('audit list and verify over NATS', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService<AuditConfig>;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  const orgA = newId('org');
  const orgB = newId('org');
  const base = Date.parse('2026-06-01T12:00:00.000Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

  const list = (ctx: Partial<RequestContext>, data: Record<string, unknown> = {}) =>
    client.rpc.request<ListReply<AuditEventDto>>(AuditSubjects.listEvents, testContext(ctx), data);
  const listError = (ctx: Partial<RequestContext>, data: Record<string, unknown>): Promise<AppError> =>
    list(ctx, data).then(
      () => { throw new Error('expected the request to fail'); },
      (e: unknown) => e as AppError,
    );

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    ns = testNamespace();
    service = await startService(auditService, serviceTestEnv(db, ns));
    client = await createTestRpc(ns);
    const events = [
      auditedEvent({ orgId: orgA, applicationId: APP_1, createdAt: at(0), audit: { action: 'end_user.create', resource: { type: 'end_user', id: END_USER } } }),
      auditedEvent({ orgId: orgA, applicationId: APP_1, createdAt: at(1), audit: { action: 'run.create', endUserId: END_USER, resource: { type: 'run', id: 'run_01JRUN00000000000000000000' } } }),
      auditedEvent({ orgId: orgA, applicationId: APP_2, createdAt: at(2), audit: { action: 'run.create', outcome: 'denied', resource: { type: 'run', id: 'run_01JRUN11111111111111111111' } } }),
      auditedEvent({ orgId: orgA, applicationId: null, createdAt: at(3), audit: { action: 'member.add', actor: { type: 'user', id: USER, userId: USER }, resource: { type: 'member', id: USER }, metadata: undefined } }),
      auditedEvent({ orgId: orgA, applicationId: null, createdAt: at(4), audit: { action: 'org.kill_switch.engage', actor: { type: 'system', id: 'system' }, outcome: 'failure', resource: { type: 'org', id: orgA } } }),
      auditedEvent({ orgId: orgB, applicationId: APP_1, createdAt: at(5), audit: { action: 'run.create', resource: { type: 'run', id: 'run_01JRUN22222222222222222222' } } }),
    ];
    // Published out of order: the list orders by occurrence, not by arrival.
    for (const e of [...events].reverse()) await publishEvent(client.nc, ns, e);
    await waitFor(async () => (await service.dataSource!.query(`SELECT count(*)::int AS n FROM audit.audit_events`))[0].n === events.length);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('lists the org trail newest first, shaped as api.md describes a record', async () => {
    const reply = await list({ orgId: orgA });
    expect(reply).toMatchObject({ object: 'list', hasMore: false, nextCursor: null });
    expect(reply.data.map((r) => r.action)).toEqual(['org.kill_switch.engage', 'member.add', 'run.create', 'run.create', 'end_user.create']);
    const run = reply.data[3]!;
    expect(Object.keys(run).sort()).toEqual(
      ['action', 'actor', 'applicationId', 'endUserId', 'hash', 'id', 'ip', 'metadata', 'object', 'occurredAt', 'orgId', 'outcome', 'prevHash', 'requestId', 'resource', 'userAgent'].sort(),
    );
    expect(run).toMatchObject({
      object: 'audit_event', orgId: orgA, applicationId: APP_1, occurredAt: at(1), outcome: 'success', endUserId: END_USER,
      actor: { type: 'api_key', id: KEY_LIKE, apiKeyId: KEY_LIKE, userId: expect.stringMatching(/^usr_/) },
      resource: { type: 'run', id: 'run_01JRUN00000000000000000000' }, ip: '203.0.113.9', userAgent: 'curl/8', metadata: { source: 'test' },
    });
    expect(run.id).toMatch(/^aud_/);
    const member = reply.data[1]!;
    expect(member).not.toHaveProperty('endUserId');
    expect(member).not.toHaveProperty('impersonator');
    expect(member.actor).toEqual({ type: 'user', id: USER, userId: USER });
    expect(member.metadata).toEqual({});
    expect(member.applicationId).toBeNull();
  });

  it.each([
    [{ action: 'run.create' }, ['run.create', 'run.create']],
    [{ actorType: 'user' }, ['member.add']],
    [{ actorType: 'system' }, ['org.kill_switch.engage']],
    [{ actorId: USER }, ['member.add']],
    [{ resourceType: 'run', resourceId: 'run_01JRUN11111111111111111111' }, ['run.create']],
    [{ endUserId: END_USER }, ['run.create']],
    [{ outcome: 'denied' }, ['run.create']],
    [{ outcome: 'failure' }, ['org.kill_switch.engage']],
    [{ from: at(1), to: at(3) }, ['run.create', 'run.create']],
    [{ from: at(4) }, ['org.kill_switch.engage']],
  ])('filters by %j', async (filters, actions) => {
    const reply = await list({ orgId: orgA }, filters);
    expect(reply.data.map((r) => r.action)).toEqual(actions);
  });

  it('pages with an opaque cursor (limit given as a query string) without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await list({ orgId: orgA }, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(reply.data.length).toBeLessThanOrEqual(2);
      seen.push(...reply.data.map((r) => r.id));
      cursor = reply.nextCursor ?? undefined;
      expect(reply.hasMore).toBe(cursor !== undefined);
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual((await list({ orgId: orgA })).data.map((r) => r.id));
  });

  it('refuses a cursor from another org, another filter set, or a forged one with 400 invalid_cursor', async () => {
    const { nextCursor } = await list({ orgId: orgA }, { limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    expect(await listError({ orgId: orgB }, { cursor: nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await listError({ orgId: orgA }, { cursor: nextCursor, action: 'run.create' })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    const [body] = nextCursor!.split('.');
    const forged = Buffer.from(JSON.stringify({ s: JSON.parse(Buffer.from(body!, 'base64url').toString()).s, p: { t: at(100), id: 'aud_x' } })).toString('base64url');
    expect(await listError({ orgId: orgA }, { cursor: `${forged}.${nextCursor!.split('.')[1]}` })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await listError({ orgId: orgA }, { cursor: 'garbage' })).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it.each([
    ['actorType', { actorType: 'robot' }, 'is_in'],
    ['outcome', { outcome: 'ok' }, 'is_in'],
    ['from', { from: 'yesterday' }, 'is_iso8601'],
    ['limit', { limit: '0' }, 'min'],
    ['limit', { limit: '101' }, 'max'],
    ['limit', { limit: 'ten' }, 'is_int'],
    ['limit', { limit: '1e1' }, 'is_int'],
    ['limit', { limit: true }, 'is_int'],
    ['action', { action: 'DROP TABLE' }, 'matches'],
    ['sort', { sort: 'asc' }, 'unknown_field'],
  ])('answers a bad %s with 400 validation_failed', async (field, data, code) => {
    const error = await listError({ orgId: orgA }, data);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('never shows another org its records', async () => {
    const b = await list({ orgId: orgB });
    expect(b.data.map((r) => r.orgId)).toEqual([orgB]);
    expect((await list({ orgId: newId('org') })).data).toEqual([]);
    expect(await listError({}, {})).toMatchObject({ status: 400, code: 'org_required' });
  });

  it('shows an API key only its application, and an end-user context only that end-user', async () => {
    const key = { type: 'api_key' as const, id: KEY, apiKeyId: KEY, userId: USER };
    const keyed = await list({ orgId: orgA, applicationId: APP_2, principal: key });
    expect(keyed.data.map((r) => r.applicationId)).toEqual([APP_2]);
    const forEndUser = await list({ orgId: orgA, applicationId: APP_1, principal: key, endUserId: END_USER });
    expect(forEndUser.data.map((r) => r.endUserId)).toEqual([END_USER]);
    const session = await list({ orgId: orgA, applicationId: APP_2 });
    expect(session.data).toHaveLength(5);
  });

  it('verifies the org chain', async () => {
    const reply = await client.rpc.request<AuditVerifyReply>(AuditSubjects.verifyChain, testContext({ orgId: orgA }), {});
    expect(reply).toEqual({ valid: true, checked: 5, firstInvalidId: null });
  });
});

const KEY_LIKE = expect.stringMatching(/^key_/);
