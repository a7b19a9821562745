import {
  BUILT_IN_ROLE_PERMISSIONS, hashApiKey, isWellFormedApiKey, newId, Subjects,
  type ApiKeyDto, type ApiKeyRevokedBroadcast, type AuthenticatedApiKeyReply, type CreatedApiKeyDto, type ListReply,
} from '@agentry/contracts';
import { ctxFor, newTenant, outboxEvents, startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;

describe('identity API keys over NATS', () => {
  let h: IdentityHarness;
  const tenant = newTenant();
  const otherApp = { ...newTenant(tenant.orgId), userId: tenant.userId };
  const otherOrg = newTenant();
  const admin = ctxFor(tenant);

  const create = (body: Record<string, unknown>, ctx = admin) => h.request<CreatedApiKeyDto>(S.createApiKey, ctx, body);

  beforeAll(async () => {
    h = await startIdentity();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a key: the secret once, well-formed, stored only as its SHA-256', async () => {
    const created = await create({ name: ' CI deploys ', scopes: ['runs:read', 'agents:run', 'runs:read'] });
    expect(isWellFormedApiKey(created.key)).toBe(true);
    expect(created).toMatchObject({
      object: 'api_key', name: 'CI deploys', prefix: created.key.slice(0, 12), scopes: ['runs:read', 'agents:run'],
      applicationId: tenant.applicationId, createdBy: tenant.userId, lastUsedAt: null, expiresAt: null, revokedAt: null,
    });
    expect(created.id).toMatch(/^key_[0-9A-Z]{26}$/);
    expect(created.prefix).toMatch(/^ask_live_[0-9A-Za-z]{3}$/);

    const [row] = await h.sql<Record<string, unknown>>(`SELECT * FROM "identity"."api_keys" WHERE "id" = $1`, [created.id]);
    expect(row).toMatchObject({ key_hash: hashApiKey(created.key), org_id: tenant.orgId, application_id: tenant.applicationId, created_by: tenant.userId });
    expect(JSON.stringify(row)).not.toContain(created.key.slice(12));

    const fetched = await h.request<ApiKeyDto & { key?: string }>(S.getApiKey, admin, { id: created.id });
    expect(fetched.key).toBeUndefined();
    expect(fetched).toEqual({ ...created, key: undefined });

    const [event] = (await outboxEvents(h, 'api_key.created')).filter((e) => e.payload.data.id === created.id);
    expect(event!.payload).toMatchObject({ orgId: tenant.orgId, applicationId: tenant.applicationId, audit: { action: 'api_key.create', actor: { type: 'user', id: tenant.userId } } });
    expect(JSON.stringify(event!.payload)).not.toContain(created.key);
  });

  it('refuses scopes outside the creator permissions with 400 invalid_scopes naming each one', async () => {
    const member = ctxFor(tenant, { permissions: [...BUILT_IN_ROLE_PERMISSIONS.member] });
    const before = await h.sql(`SELECT count(*)::int AS n FROM "identity"."api_keys"`);
    const error = await h.failure(S.createApiKey, member, { name: 'too much', scopes: ['runs:read', 'runs:delete', 'api-keys:read', 'org:read', 'nope:zap'] });
    expect(error).toMatchObject({ status: 400, code: 'invalid_scopes' });
    const messages = (error.errors ?? []).map((e) => [e.field, e.code, e.message.split(' ')[0]]);
    expect(messages).toEqual([
      ['scopes', 'invalid_scope', 'runs:delete'],
      ['scopes', 'invalid_scope', 'api-keys:read'],
      ['scopes', 'invalid_scope', 'org:read'],
      ['scopes', 'invalid_scope', 'nope:zap'],
    ]);
    expect(error.detail).toContain('runs:delete');
    expect(await h.sql(`SELECT count(*)::int AS n FROM "identity"."api_keys"`)).toEqual(before);
    // Within the member's permissions it works.
    await expect(create({ name: 'ok', scopes: ['runs:read', 'agents:run'] }, member)).resolves.toMatchObject({ scopes: ['runs:read', 'agents:run'] });
  });

  it('validates the body strictly', async () => {
    expect(await h.failure(S.createApiKey, admin, { name: 'x', scopes: [] })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.createApiKey, admin, { name: '', scopes: ['runs:read'] })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.createApiKey, admin, { name: '   ', scopes: ['runs:read'] })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.createApiKey, admin, { name: 'x'.repeat(101), scopes: ['runs:read'] })).toMatchObject({ status: 400 });
    const unknown = await h.failure(S.createApiKey, admin, { name: 'x', scopes: ['runs:read'], orgId: otherOrg.orgId });
    expect(unknown.errors).toContainEqual(expect.objectContaining({ field: 'orgId', code: 'unknown_field' }));
    const past = await h.failure(S.createApiKey, admin, { name: 'x', scopes: ['runs:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.errors).toContainEqual(expect.objectContaining({ field: 'expiresAt', code: 'must_be_future' }));
    const garbage = await h.failure(S.createApiKey, admin, { name: 'x', scopes: ['runs:read'], expiresAt: 'tomorrow' });
    expect(garbage.errors).toContainEqual(expect.objectContaining({ field: 'expiresAt' }));
    const keyPrincipal = ctxFor(tenant, { principal: { type: 'api_key', id: newId('key'), apiKeyId: newId('key'), userId: tenant.userId } });
    expect(await h.failure(S.createApiKey, keyPrincipal, { name: 'x', scopes: ['runs:read'] })).toMatchObject({ status: 403, code: 'session_required' });
  });

  it('authenticates a key and records its use at most once a minute', async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const created = await create({ name: 'auth', scopes: ['runs:read'], expiresAt });
    const auth = await h.request<AuthenticatedApiKeyReply>(S.authenticateApiKey, ctxFor(otherOrg), { key: created.key });
    expect(auth).toEqual({
      apiKeyId: created.id, orgId: tenant.orgId, applicationId: tenant.applicationId, scopes: ['runs:read'], createdBy: tenant.userId, expiresAt,
    });
    const used = async () => (await h.sql<{ last_used_at: Date | null }>(`SELECT "last_used_at" FROM "identity"."api_keys" WHERE "id" = $1`, [created.id]))[0]!.last_used_at;
    const first = await used();
    expect(first).toBeInstanceOf(Date);
    await h.request(S.authenticateApiKey, admin, { key: created.key });
    expect(await used()).toEqual(first); // within the minute: no write
    await h.sql(`UPDATE "identity"."api_keys" SET "last_used_at" = now() - interval '2 minutes' WHERE "id" = $1`, [created.id]);
    const stale = await used();
    await h.request(S.authenticateApiKey, admin, { key: created.key });
    expect((await used())!.getTime()).toBeGreaterThan(stale!.getTime());
    const shown = await h.request<ApiKeyDto>(S.getApiKey, admin, { id: created.id });
    expect(new Date(shown.lastUsedAt!).getUTCSeconds()).toBe(0); // minute resolution
  });

  it('answers the same 401 invalid_api_key for malformed, unknown and expired keys', async () => {
    const created = await create({ name: 'expiring', scopes: ['runs:read'] });
    const flipped = created.key.slice(0, 20) + (created.key[20] === 'a' ? 'b' : 'a') + created.key.slice(21);
    const unknownButWellFormed = (await create({ name: 'gone', scopes: ['runs:read'] })).key;
    await h.sql(`DELETE FROM "identity"."api_keys" WHERE "key_hash" = $1`, [hashApiKey(unknownButWellFormed)]);
    await h.sql(`UPDATE "identity"."api_keys" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`, [created.id]);
    for (const key of [flipped, 'ask_live_short', 'Bearer nonsense', unknownButWellFormed, created.key]) {
      expect(await h.failure(S.authenticateApiKey, admin, { key })).toMatchObject({ status: 401, code: 'invalid_api_key' });
    }
  });

  it('revokes: 401 afterwards, a broadcast on the namespaced subject, one event, idempotent', async () => {
    const created = await create({ name: 'to revoke', scopes: ['runs:read'] });
    await h.request(S.authenticateApiKey, admin, { key: created.key });

    const sub = h.client.nc.subscribe(`${h.ns}.${Subjects.broadcast.apiKeyRevoked}`, { max: 1, timeout: 5000 });
    await h.client.nc.flush();
    const received = (async () => {
      for await (const msg of sub) return JSON.parse(new TextDecoder().decode(msg.data)) as ApiKeyRevokedBroadcast;
      return undefined;
    })();

    const revoked = await h.request<ApiKeyDto>(S.revokeApiKey, admin, { id: created.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await received).toEqual({ apiKeyId: created.id, keyHash: hashApiKey(created.key) });
    expect(await h.failure(S.authenticateApiKey, admin, { key: created.key })).toMatchObject({ status: 401, code: 'invalid_api_key' });

    const again = await h.request<ApiKeyDto>(S.revokeApiKey, admin, { id: created.id });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    const events = (await outboxEvents(h, 'api_key.revoked')).filter((e) => e.payload.data.id === created.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ data: { revokedAt: revoked.revokedAt }, audit: { action: 'api_key.revoke', resource: { type: 'api_key', id: created.id } } });
  });

  it('keeps keys inside their org and application: foreign get, revoke and list see nothing (404)', async () => {
    const created = await create({ name: 'private', scopes: ['runs:read'] });
    for (const foreign of [ctxFor(otherOrg), ctxFor(otherApp)]) {
      expect(await h.failure(S.getApiKey, foreign, { id: created.id })).toMatchObject({ status: 404, code: 'not_found' });
      expect(await h.failure(S.revokeApiKey, foreign, { id: created.id })).toMatchObject({ status: 404, code: 'not_found' });
      const list = await h.request<ListReply<ApiKeyDto>>(S.listApiKeys, foreign, {});
      expect(list.data.map((k) => k.id)).not.toContain(created.id);
    }
    await expect(h.request(S.authenticateApiKey, admin, { key: created.key })).resolves.toMatchObject({ apiKeyId: created.id });
    expect(await h.failure(S.getApiKey, admin, { id: 'key_nope' })).toMatchObject({ status: 404 });
    expect(await h.failure(S.getApiKey, admin, { id: newId('key') })).toMatchObject({ status: 404 });
  });

  it('lists newest first with signed cursors; a foreign or forged cursor is 400 invalid_cursor', async () => {
    const app = newTenant();
    const ctx = ctxFor(app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `k${i}`, scopes: ['runs:read'] }, ctx)).id);
    ids.sort(); // ULIDs: time order (two made within one millisecond may tie on time)
    const first = await h.request<ListReply<ApiKeyDto>>(S.listApiKeys, ctx, { limit: '2' });
    expect(first).toMatchObject({ object: 'list', hasMore: true });
    expect(first.data.map((k) => k.id)).toEqual([ids[4], ids[3]]);
    const second = await h.request<ListReply<ApiKeyDto>>(S.listApiKeys, ctx, { limit: 2, cursor: first.nextCursor });
    expect(second.data.map((k) => k.id)).toEqual([ids[2], ids[1]]);
    const last = await h.request<ListReply<ApiKeyDto>>(S.listApiKeys, ctx, { limit: 2, cursor: second.nextCursor });
    expect(last).toMatchObject({ hasMore: false, nextCursor: null });
    expect(last.data.map((k) => k.id)).toEqual([ids[0]]);

    expect(await h.failure(S.listApiKeys, ctxFor(tenant), { cursor: first.nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    const [body] = first.nextCursor!.split('.');
    expect(await h.failure(S.listApiKeys, ctx, { cursor: `${body}.forged` })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await h.failure(S.listApiKeys, ctx, { limit: 'abc' })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.listApiKeys, ctx, { limit: '101' })).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('relays the key events to JetStream after commit', async () => {
    const created = await create({ name: 'relayed', scopes: ['runs:read'] });
    const deadline = Date.now() + 5000;
    let published: Date | null = null;
    while (!published && Date.now() < deadline) {
      const [event] = (await outboxEvents(h, 'api_key.created')).filter((e) => e.payload.data.id === created.id);
      published = event?.published_at ?? null;
      if (!published) await new Promise((r) => setTimeout(r, 50));
    }
    expect(published).toBeInstanceOf(Date);
  });
});
