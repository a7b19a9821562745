import { randomBytes } from 'node:crypto';
import { newId, Subjects, systemContext, type ConnectionDto, type ConnectionsForOwnerReply, type EndUserDto, type ListReply } from '@agentry/contracts';
import { IdentityConfig } from '../src/index.js';
import { credentialsAssociatedData, CredentialsCipher } from '../src/common/credentials-cipher.js';
import { ctxFor, newTenant, outboxEvents, startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;
const OLD_KEY = randomBytes(32).toString('base64');
const SECRET = 'sk-live-very-secret-token-1234567890';

interface ConnectionRow {
  id: string;
  end_user_id: string | null;
  user_id: string | null;
  credentials_key_index: number;
  credentials_ciphertext: string;
}

describe('identity connections over NATS', () => {
  let h: IdentityHarness;
  const tenant = newTenant();
  const asUser = ctxFor(tenant);
  const colleague = ctxFor({ ...tenant, userId: newId('usr') });
  let endUser: EndUserDto;
  let asEndUser: ReturnType<typeof ctxFor>;

  const create = (body: Record<string, unknown>, c = asUser) => h.request<ConnectionDto>(S.createConnection, c, body);
  const row = async (id: string) => (await h.sql<ConnectionRow>(`SELECT * FROM "identity"."connections" WHERE "id" = $1`, [id]))[0]!;

  beforeAll(async () => {
    h = await startIdentity({ CREDENTIALS_KEYS: OLD_KEY });
    endUser = await h.request<EndUserDto>(S.createEndUser, asUser, { externalId: 'owner' });
    // An API key acting for the end-user: the key's creator is behind it, but the end-user owns.
    asEndUser = ctxFor(tenant, { endUserId: endUser.id, principal: { type: 'api_key', id: newId('key'), apiKeyId: newId('key'), userId: tenant.userId } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('stores credentials encrypted (AES-256-GCM under the key ring) and never returns them', async () => {
    const credentials = { apiKey: SECRET, nested: { refresh: 'r-123' } };
    const created = await create({ provider: 'openai', label: 'Work', credentials });
    expect(created).toEqual({
      id: expect.stringMatching(/^con_[0-9A-Z]{26}$/), object: 'connection', provider: 'openai', label: 'Work',
      endUserId: null, userId: tenant.userId, createdAt: expect.any(String),
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);

    const stored = await row(created.id);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.stringify(stored)).not.toContain('r-123');
    expect(stored.credentials_key_index).toBe(0);
    // It is real ciphertext under the configured key, bound to its row.
    const cipher = h.service.app.get(CredentialsCipher);
    const encrypted = { keyIndex: stored.credentials_key_index, ciphertext: stored.credentials_ciphertext };
    expect(cipher.decrypt(encrypted, credentialsAssociatedData(tenant.orgId, created.id))).toEqual(credentials);
    expect(() => cipher.decrypt(encrypted, credentialsAssociatedData(tenant.orgId, newId('con')))).toThrow();

    const list = await h.request<ListReply<ConnectionDto>>(S.listConnections, asUser, {});
    expect(list.data).toContainEqual(created);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const [event] = (await outboxEvents(h, 'connection.created')).filter((e) => e.payload.data.id === created.id);
    expect(event!.payload.audit).toMatchObject({ action: 'connection.create', resource: { type: 'connection', id: created.id } });
    expect(JSON.stringify(event!.payload)).not.toContain(SECRET);
  });

  it('keeps decrypting after a key rotation (a new key prepended to the ring)', async () => {
    const created = await create({ provider: 'rotating', credentials: { token: SECRET } });
    const stored = await row(created.id);
    const rotated = new CredentialsCipher(Object.assign(new IdentityConfig(), { CREDENTIALS_KEYS: `${randomBytes(32).toString('base64')},${OLD_KEY}` }));
    const aad = credentialsAssociatedData(tenant.orgId, created.id);
    expect(rotated.decrypt({ keyIndex: stored.credentials_key_index, ciphertext: stored.credentials_ciphertext }, aad)).toEqual({ token: SECRET });
    const fresh = rotated.encrypt({ token: 'new' }, aad);
    expect(fresh.keyIndex).toBe(1);
    expect(() => h.service.app.get(CredentialsCipher).decrypt(fresh, aad)).toThrow(/index 1/);
  });

  it('belongs to the end-user when the request acts for one, and lists show only the caller own', async () => {
    const mine = await create({ provider: 'github', credentials: { token: 'u' } });
    const theirs = await create({ provider: 'github', label: 'EU', credentials: { token: 'e' } }, asEndUser);
    expect(theirs).toMatchObject({ endUserId: endUser.id, userId: null });
    expect(await row(theirs.id)).toMatchObject({ end_user_id: endUser.id, user_id: null });

    const userList = (await h.request<ListReply<ConnectionDto>>(S.listConnections, asUser, { limit: '100' })).data.map((c) => c.id);
    expect(userList).toContain(mine.id);
    expect(userList).not.toContain(theirs.id);
    const euList = (await h.request<ListReply<ConnectionDto>>(S.listConnections, asEndUser, {})).data.map((c) => c.id);
    expect(euList).toEqual([theirs.id]);
    expect((await h.request<ListReply<ConnectionDto>>(S.listConnections, colleague, {})).data).toEqual([]);
    expect((await h.request<ListReply<ConnectionDto>>(S.listConnections, ctxFor(newTenant(tenant.orgId)), {})).data).toEqual([]);
  });

  it('deletes only the caller own connection; anyone else gets 404', async () => {
    const mine = await create({ provider: 'slack', credentials: { token: 'x' } });
    for (const other of [colleague, asEndUser, ctxFor({ ...newTenant(), userId: tenant.userId })]) {
      expect(await h.failure(S.deleteConnection, other, { id: mine.id })).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(await h.request(S.deleteConnection, asUser, { id: mine.id })).toEqual({ id: mine.id, object: 'connection', deleted: true });
    expect(await h.sql(`SELECT 1 FROM "identity"."connections" WHERE "id" = $1`, [mine.id])).toEqual([]);
    expect(await h.failure(S.deleteConnection, asUser, { id: mine.id })).toMatchObject({ status: 404 });
    expect(await h.failure(S.deleteConnection, asUser, { id: 'con_bad' })).toMatchObject({ status: 404 });
    const [event] = (await outboxEvents(h, 'connection.deleted')).filter((e) => e.payload.data.id === mine.id);
    expect(event!.payload.audit).toMatchObject({ action: 'connection.delete' });
  });

  it('validates provider, label and credentials', async () => {
    for (const body of [
      { provider: 'Git Hub', credentials: {} },
      { provider: '', credentials: {} },
      { provider: 'x'.repeat(65), credentials: {} },
      { provider: 'github' },
      { provider: 'github', credentials: 'token' },
      { provider: 'github', credentials: ['token'] },
      { provider: 'github', credentials: {}, secret: true },
      { provider: 'github', label: '', credentials: {} },
      { provider: 'github', credentials: { blob: 'x'.repeat(17 * 1024) } },
    ]) {
      expect(await h.failure(S.createConnection, asUser, body)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });

  it('tells the runner which connections a run owner has: metadata only, end-user over user', async () => {
    const system = systemContext(newId('req'), '2026-11-01');
    const base = { orgId: tenant.orgId, applicationId: tenant.applicationId };
    const forEndUser = await h.request<ConnectionsForOwnerReply>(S.connectionsForOwner, system, { ...base, endUserId: endUser.id, userId: tenant.userId });
    const euIds = (await h.sql<{ id: string }>(`SELECT "id" FROM "identity"."connections" WHERE "end_user_id" = $1`, [endUser.id])).map((r) => r.id);
    expect(forEndUser.data.map((c) => c.id).sort()).toEqual(euIds.sort());
    expect(forEndUser.data.length).toBeGreaterThan(0);
    for (const item of forEndUser.data) expect(Object.keys(item).sort()).toEqual(['id', 'label', 'provider']);

    const forUser = await h.request<ConnectionsForOwnerReply>(S.connectionsForOwner, system, { ...base, userId: tenant.userId });
    const userIds = (await h.sql<{ id: string }>(`SELECT "id" FROM "identity"."connections" WHERE "user_id" = $1`, [tenant.userId])).map((r) => r.id);
    expect(forUser.data.map((c) => c.id).sort()).toEqual(userIds.sort());
    expect(JSON.stringify([forEndUser, forUser])).not.toContain(SECRET);

    const foreign = await h.request<ConnectionsForOwnerReply>(S.connectionsForOwner, system, { orgId: newId('org'), applicationId: tenant.applicationId, userId: tenant.userId });
    expect(foreign.data).toEqual([]);
    expect(await h.failure(S.connectionsForOwner, system, base)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.connectionsForOwner, asUser, { ...base, userId: tenant.userId })).toMatchObject({ status: 403, code: 'system_only' });
  });
});
