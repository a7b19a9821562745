import { hostname } from 'node:os';
import { lookup } from 'node:dns/promises';
import {
  AppError, newId, WebhookSubjects, type ListReply, type RequestContext, type WebhookEndpointDeletedReply, type WebhookEndpointDto,
  type WebhookEndpointWithSecretDto, type WebhookMessageDto,
} from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import { webhooksService, type WebhooksConfig } from '../src/index.js';
import { platformEvent, publishEvent, waitFor } from './support/events.js';
import { startReceiver, type Receiver } from './support/receiver.js';

/** A public address literal: accepted without DNS (nothing is ever delivered to it in these tests). */
const PUBLIC_URL = 'https://93.184.215.14/hooks/agentry';

describe('webhook endpoints over NATS (production SSRF policy)', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService<WebhooksConfig>;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let receiver: Receiver;
  const orgA = newId('org');
  const appA = newId('app');
  const ctxA = (over: Partial<RequestContext> = {}) => testContext({ orgId: orgA, applicationId: appA, ...over });

  const call = <T>(subject: string, ctx: RequestContext, data: unknown) => client.rpc.request<T>(subject, ctx, data);
  const fail = (subject: string, ctx: RequestContext, data: unknown): Promise<AppError> =>
    call(subject, ctx, data).then(
      () => { throw new Error(`expected ${subject} to fail`); },
      (e: unknown) => e as AppError,
    );
  const create = (data: Record<string, unknown>, ctx = ctxA()) => call<WebhookEndpointWithSecretDto>(WebhookSubjects.createEndpoint, ctx, data);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => service.dataSource!.query(text, params);

  beforeAll(async () => {
    db = await createTestDatabase('webhooks');
    ns = testNamespace();
    service = await startService(webhooksService, serviceTestEnv(db, ns, { WEBHOOKS_DISPATCH_INTERVAL_MS: '100' }));
    client = await createTestRpc(ns);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
    await client?.close();
    await service?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('creates an endpoint, showing the secret once, and writes an audited webhook.created event', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['run.succeeded', 'run.failed'], description: 'CI' });
    expect(created).toEqual({
      id: expect.stringMatching(/^whk_[0-9A-Z]{26}$/), object: 'webhook_endpoint', url: PUBLIC_URL, events: ['run.succeeded', 'run.failed'],
      description: 'CI', enabled: true, disabledReason: null, createdAt: expect.any(String), updatedAt: created.createdAt,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);

    const fetched = await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctxA(), { id: created.id });
    expect(fetched).not.toHaveProperty('secret');
    expect(fetched).toEqual({ ...created, secret: undefined });
    const [row] = await sql<{ secret_enc: string }>(`SELECT secret_enc FROM webhooks.endpoints WHERE id = $1`, [created.id]);
    expect(row!.secret_enc).not.toContain(created.secret.slice(6)); // sealed at rest

    const [event] = await sql<{ payload: { type: string; audit: { action: string; resource: { id: string } }; data: Record<string, unknown> } }>(
      `SELECT payload FROM webhooks.outbox WHERE payload->'audit'->'resource'->>'id' = $1`, [created.id]);
    expect(event!.payload).toMatchObject({ type: 'webhook.created', audit: { action: 'webhook.create', resource: { id: created.id } } });
    expect(JSON.stringify(event!.payload)).not.toContain(created.secret);
  });

  it.each([
    ['loopback IPv4', 'http://127.0.0.1:8080/hook'],
    ['loopback shorthand', 'http://0x7f.1/hook'],
    ['loopback as an integer', 'http://2130706433/hook'],
    ['loopback IPv6', 'http://[::1]/hook'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/hook'],
    ['localhost', 'http://localhost:3000/hook'],
    ['a localhost subdomain', 'http://api.localhost/hook'],
    ['private 10/8', 'https://10.1.2.3/hook'],
    ['private 172.16/12', 'https://172.20.0.5/hook'],
    ['private 192.168/16', 'https://192.168.1.10/hook'],
    ['CGNAT', 'https://100.64.0.1/hook'],
    ['link-local metadata', 'http://169.254.169.254/latest/meta-data'],
    ['AWS IPv6 metadata', 'http://[fd00:ec2::254]/latest'],
    ['unspecified', 'http://0.0.0.0/hook'],
    ['GCP metadata name', 'http://metadata.google.internal/computeMetadata/v1'],
    ['credentials in the URL', 'https://user:secret@example.com/hook'],
    ['a non-http scheme', 'ftp://example.com/hook'],
    ['a file URL', 'file:///etc/passwd'],
    ['not a URL', 'just some text'],
    ['a backslash the parser would read as a slash', 'http:/\\93.184.215.14/hook'],
    ['a tab the parser would drop', 'https://93.184.215.14/ho\tok'],
    ['a scheme without slashes', 'https:93.184.215.14/hook'],
    ['port 0', 'https://93.184.215.14:0/hook'],
    ['IPv4-compatible loopback', 'http://[::127.0.0.1]/hook'],
    ['6to4 of a private address', 'http://[2002:c0a8:101::1]/hook'],
    ['Teredo', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook'],
  ])('refuses %s with 400 invalid_webhook_url', async (_label, url) => {
    expect(await fail(WebhookSubjects.createEndpoint, ctxA(), { url, events: ['*'] })).toMatchObject({ status: 400, code: 'invalid_webhook_url' });
  });

  it('stores the URL normalized, as it will be called', async () => {
    const created = await create({ url: ' HTTPS://93.184.215.14:443/Hooks/../agentry?x=1 ', events: ['*'] });
    expect(created.url).toBe('https://93.184.215.14/agentry?x=1');
  });

  it('refuses a host name that resolves to a loopback address', async () => {
    const host = hostname();
    expect((await lookup(host)).address).toMatch(/^127\./); // precondition of this machine: /etc/hosts maps it to loopback
    expect(await fail(WebhookSubjects.createEndpoint, ctxA(), { url: `http://${host}:8080/hook`, events: ['*'] })).toMatchObject({
      status: 400, code: 'invalid_webhook_url', detail: expect.stringContaining('resolves to a private'),
    });
  });

  it('refuses a private URL on update too, leaving the endpoint unchanged', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['*'] });
    expect(await fail(WebhookSubjects.updateEndpoint, ctxA(), { id: created.id, url: 'http://10.0.0.1/x' })).toMatchObject({ status: 400, code: 'invalid_webhook_url' });
    expect((await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctxA(), { id: created.id })).url).toBe(PUBLIC_URL);
  });

  it.each([
    ['events is empty', { url: PUBLIC_URL, events: [] }, 'events', 'array_not_empty'],
    ['an unknown event type', { url: PUBLIC_URL, events: ['run.exploded'] }, 'events', 'is_in'],
    ['an internal event type', { url: PUBLIC_URL, events: ['webhook.created'] }, 'events', 'is_in'],
    ['the wildcard mixed with types', { url: PUBLIC_URL, events: ['*', 'run.queued'] }, 'events', 'wildcard_alone'],
    ['duplicate types', { url: PUBLIC_URL, events: ['run.queued', 'run.queued'] }, 'events', 'array_unique'],
    ['a missing url', { events: ['*'] }, 'url', 'is_string'],
    ['an unknown field', { url: PUBLIC_URL, events: ['*'], secret: 'whsec_mine' }, 'secret', 'unknown_field'],
    ['a non-boolean enabled', { url: PUBLIC_URL, events: ['*'], enabled: 'yes' }, 'enabled', 'is_boolean'],
  ])('refuses a body where %s with 400 validation_failed', async (_label, body, field, code) => {
    const error = await fail(WebhookSubjects.createEndpoint, ctxA(), body);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('updates with PATCH semantics and records who disabled it', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['run.queued'], description: 'old' });
    await new Promise((r) => setTimeout(r, 5));
    const updated = await call<WebhookEndpointDto>(WebhookSubjects.updateEndpoint, ctxA(), { id: created.id, events: ['*'], description: null, enabled: false });
    expect(updated).toMatchObject({ id: created.id, url: PUBLIC_URL, events: ['*'], description: null, enabled: false, disabledReason: 'manual' });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    const enabled = await call<WebhookEndpointDto>(WebhookSubjects.updateEndpoint, ctxA(), { id: created.id, enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, events: ['*'] });
    const error = await fail(WebhookSubjects.updateEndpoint, ctxA(), { id: created.id, url: null });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('lists newest first with an opaque cursor; a cursor of another application is refused', async () => {
    const appB = newId('app');
    const ctxB = ctxA({ applicationId: appB });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ url: PUBLIC_URL, events: ['*'] }, ctxB)).id);
    const first = await call<ListReply<WebhookEndpointDto>>(WebhookSubjects.listEndpoints, ctxB, { limit: '2' });
    expect(first.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.hasMore).toBe(true);
    const second = await call<ListReply<WebhookEndpointDto>>(WebhookSubjects.listEndpoints, ctxB, { limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    expect(second.data.map((e) => e.id)).toEqual([ids[0]]);
    expect(first.data.concat(second.data).every((e) => !('secret' in e))).toBe(true);
    expect(await fail(WebhookSubjects.listEndpoints, ctxA(), { cursor: first.nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('answers another tenant with 404 or an empty list on every endpoint route', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['*'] });
    const foreignOrg = testContext({ orgId: newId('org'), applicationId: appA });
    const foreignApp = ctxA({ applicationId: newId('app') });
    for (const ctx of [foreignOrg, foreignApp]) {
      expect(await fail(WebhookSubjects.getEndpoint, ctx, { id: created.id })).toMatchObject({ status: 404, code: 'not_found' });
      expect(await fail(WebhookSubjects.updateEndpoint, ctx, { id: created.id, enabled: false })).toMatchObject({ status: 404 });
      expect(await fail(WebhookSubjects.rotateSecret, ctx, { id: created.id })).toMatchObject({ status: 404 });
      expect(await fail(WebhookSubjects.sendTest, ctx, { id: created.id })).toMatchObject({ status: 404 });
      expect(await fail(WebhookSubjects.listMessages, ctx, { id: created.id })).toMatchObject({ status: 404 });
      expect(await fail(WebhookSubjects.retryMessage, ctx, { id: created.id, msgId: newId('msg') })).toMatchObject({ status: 404 });
      expect(await fail(WebhookSubjects.recoverMessages, ctx, { id: created.id, since: new Date(0).toISOString() })).toMatchObject({ status: 404 });
      expect(await fail(WebhookSubjects.deleteEndpoint, ctx, { id: created.id })).toMatchObject({ status: 404 });
      const list = await call<ListReply<WebhookEndpointDto>>(WebhookSubjects.listEndpoints, ctx, {});
      expect(list.data.map((e) => e.id)).not.toContain(created.id);
    }
    expect((await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctxA(), { id: created.id })).enabled).toBe(true);
    for (const id of ['whk_nope', 'evt_01JAAAAAAAAAAAAAAAAAAAAAAA', newId('whk')]) {
      expect(await fail(WebhookSubjects.getEndpoint, ctxA(), { id })).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(await fail(WebhookSubjects.listEndpoints, testContext({ orgId: orgA }), {})).toMatchObject({ status: 400, code: 'application_required' });
  });

  it('deletes an endpoint (then 404), with an audited event', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['*'] });
    expect(await call<WebhookEndpointDeletedReply>(WebhookSubjects.deleteEndpoint, ctxA(), { id: created.id })).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
    expect(await fail(WebhookSubjects.getEndpoint, ctxA(), { id: created.id })).toMatchObject({ status: 404 });
    expect(await fail(WebhookSubjects.deleteEndpoint, ctxA(), { id: created.id })).toMatchObject({ status: 404 });
    const rows = await sql(`SELECT 1 FROM webhooks.outbox WHERE payload->>'type' = 'webhook.deleted' AND payload->'audit'->'resource'->>'id' = $1`, [created.id]);
    expect(rows).toHaveLength(1);
  });

  it('checks the resolved address again at delivery time and never connects to a private one', async () => {
    const app = newId('app');
    const literal = await create({ url: PUBLIC_URL, events: ['run.succeeded'] }, ctxA({ applicationId: app }));
    const named = await create({ url: PUBLIC_URL, events: ['run.succeeded'] }, ctxA({ applicationId: app }));
    // As if DNS changed after creation (or the row came from an older, laxer version).
    await sql(`UPDATE webhooks.endpoints SET url = $2 WHERE id = $1`, [literal.id, receiver.url('/literal')]);
    await sql(`UPDATE webhooks.endpoints SET url = $2 WHERE id = $1`, [named.id, `http://${hostname()}:${receiver.port}/named`]);
    await publishEvent(client.nc, ns, platformEvent({ orgId: orgA, applicationId: app }));

    for (const [endpoint, pattern] of [[literal, /forbidden address 127\.0\.0\.1/], [named, /resolves to a forbidden address/]] as const) {
      const messages = await waitFor(async () => {
        const list = await call<ListReply<WebhookMessageDto>>(WebhookSubjects.listMessages, ctxA({ applicationId: app }), { id: endpoint.id });
        return list.data[0]?.attempts.length ? list.data : undefined;
      });
      expect(messages[0]!.attempts[0]).toEqual({ attemptedAt: expect.any(String), error: expect.stringMatching(pattern), durationMs: expect.any(Number) });
      expect(messages[0]!.status).toBe('pending'); // retried later, like any failure
    }
    expect(receiver.requests('/literal')).toHaveLength(0);
    expect(receiver.requests('/named')).toHaveLength(0);
  });
});
