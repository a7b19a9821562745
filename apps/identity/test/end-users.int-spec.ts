import { newId, Subjects, type ConnectionDto, type EndUserDto, type ListReply, type ResolveEndUserReply } from '@agentry/contracts';
import { ctxFor, newTenant, outboxEvents, startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;

function metadataOf(size: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, `v${i}`]));
}

describe('identity end-users over NATS', () => {
  let h: IdentityHarness;
  const tenant = newTenant();
  const ctx = ctxFor(tenant);
  const otherApp = ctxFor(newTenant(tenant.orgId));
  const otherOrg = ctxFor(newTenant());

  const create = (body: Record<string, unknown>, c = ctx) => h.request<EndUserDto>(S.createEndUser, c, body);

  beforeAll(async () => {
    h = await startIdentity();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates an end-user with a canonical email, writes end_user.created with its audit block', async () => {
    const eu = await create({ externalId: 'cust-1', email: '  Bob@Example.COM ', name: 'Bob', metadata: { plan: 'pro' } });
    expect(eu).toMatchObject({
      object: 'end_user', applicationId: tenant.applicationId, externalId: 'cust-1', email: 'bob@example.com', name: 'Bob', metadata: { plan: 'pro' },
    });
    expect(eu.id).toMatch(/^eu_[0-9A-Z]{26}$/);
    expect(eu.createdAt).toBe(eu.updatedAt);
    expect(await h.request(S.getEndUser, ctx, { id: eu.id })).toEqual(eu);
    const [event] = (await outboxEvents(h, 'end_user.created')).filter((e) => e.payload.data.id === eu.id);
    expect(event!.payload).toMatchObject({
      orgId: tenant.orgId, applicationId: tenant.applicationId, data: eu,
      audit: { action: 'end_user.create', outcome: 'success', resource: { type: 'end_user', id: eu.id }, requestId: ctx.requestId },
    });
    const bare = await create({});
    expect(bare).toMatchObject({ externalId: null, email: null, name: null, metadata: {} });
  });

  it('keeps externalId unique per application: 409 external_id_taken, free elsewhere and after delete', async () => {
    const first = await create({ externalId: 'dup' });
    expect(await h.failure(S.createEndUser, ctx, { externalId: 'dup' })).toMatchObject({ status: 409, code: 'external_id_taken' });
    await expect(create({ externalId: 'dup' }, otherApp)).resolves.toMatchObject({ externalId: 'dup' });
    const second = await create({ externalId: 'dup-2' });
    expect(await h.failure(S.updateEndUser, ctx, { id: second.id, externalId: 'dup' })).toMatchObject({ status: 409, code: 'external_id_taken' });
    await h.request(S.deleteEndUser, ctx, { id: first.id });
    await expect(create({ externalId: 'dup' })).resolves.toMatchObject({ externalId: 'dup' });
  });

  it('holds metadata to 50 keys, keys of 40 characters and string values of 500', async () => {
    await expect(create({ metadata: metadataOf(50) })).resolves.toMatchObject({ metadata: metadataOf(50) });
    const cases: Array<[unknown, string]> = [
      [metadataOf(51), 'metadata_max_keys'],
      [{ ['k'.repeat(41)]: 'v' }, 'metadata_key_length'],
      [{ k: 'v'.repeat(501) }, 'metadata_value'],
      [{ k: 42 }, 'metadata_value'],
      [{ k: { nested: true } }, 'metadata_value'],
      [{ k: null }, 'metadata_value'],
      [['a'], 'is_object'],
    ];
    for (const [metadata, code] of cases) {
      const error = await h.failure(S.createEndUser, ctx, { metadata });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field: 'metadata', code }));
    }
    const unknown = await h.failure(S.createEndUser, ctx, { externalId: 'x', role: 'admin' });
    expect(unknown.errors).toContainEqual(expect.objectContaining({ field: 'role', code: 'unknown_field' }));
    expect(await h.failure(S.createEndUser, ctx, { email: 'not-an-email' })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.createEndUser, ctx, { externalId: '' })).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('PATCH merges metadata (null removes a key), clears fields set to null, keeps the rest', async () => {
    const eu = await create({ externalId: 'patch-me', email: 'p@example.com', name: 'Pat', metadata: { a: '1', b: '2' } });
    const patched = await h.request<EndUserDto>(S.updateEndUser, ctx, { id: eu.id, name: null, metadata: { b: null, c: '3' } });
    expect(patched).toMatchObject({ externalId: 'patch-me', email: 'p@example.com', name: null, metadata: { a: '1', c: '3' } });
    expect(patched.updatedAt > eu.updatedAt).toBe(true);
    expect(await h.request(S.getEndUser, ctx, { id: eu.id })).toEqual(patched);

    const tooMany = await h.failure(S.updateEndUser, ctx, { id: eu.id, metadata: metadataOf(49) });
    expect(tooMany).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(tooMany.errors).toContainEqual(expect.objectContaining({ field: 'metadata', code: 'metadata_max_keys' }));
    expect((await h.request<EndUserDto>(S.getEndUser, ctx, { id: eu.id })).metadata).toEqual({ a: '1', c: '3' });

    const [event] = (await outboxEvents(h, 'end_user.updated')).filter((e) => e.payload.data.id === eu.id);
    expect(event!.payload.audit).toMatchObject({ action: 'end_user.update' });
  });

  it('answers 404 to another org or application, and to malformed ids', async () => {
    const eu = await create({ externalId: 'private' });
    for (const foreign of [otherApp, otherOrg]) {
      expect(await h.failure(S.getEndUser, foreign, { id: eu.id })).toMatchObject({ status: 404, code: 'not_found' });
      expect(await h.failure(S.updateEndUser, foreign, { id: eu.id, name: 'hijack' })).toMatchObject({ status: 404 });
      expect(await h.failure(S.deleteEndUser, foreign, { id: eu.id })).toMatchObject({ status: 404 });
      expect(await h.request(S.resolveEndUser, foreign, { endUserId: eu.id })).toEqual({ exists: false });
      const list = await h.request<ListReply<EndUserDto>>(S.listEndUsers, foreign, { externalId: 'private' });
      expect(list.data).toEqual([]);
    }
    expect((await h.request<EndUserDto>(S.getEndUser, ctx, { id: eu.id })).name).toBeNull();
    expect(await h.failure(S.getEndUser, ctx, { id: 'eu_123' })).toMatchObject({ status: 404 });
    expect(await h.failure(S.getEndUser, ctx, { id: newId('eu') })).toMatchObject({ status: 404 });
    expect(await h.failure(S.getEndUser, ctx, { id: newId('key') })).toMatchObject({ status: 404 });
  });

  it('a request acting for an end-user sees only that end-user', async () => {
    const me = await create({ externalId: 'me' });
    const other = await create({ externalId: 'other' });
    const asMe = ctxFor(tenant, { endUserId: me.id });
    expect(await h.request(S.getEndUser, asMe, { id: me.id })).toEqual(me);
    expect(await h.failure(S.getEndUser, asMe, { id: other.id })).toMatchObject({ status: 404 });
    const list = await h.request<ListReply<EndUserDto>>(S.listEndUsers, asMe, {});
    expect(list.data.map((e) => e.id)).toEqual([me.id]);
  });

  it('lists with externalId/email filters and signed cursors; foreign or forged cursors are 400', async () => {
    const app = newTenant();
    const c = ctxFor(app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ externalId: `e${i}`, email: i % 2 ? 'odd@example.com' : 'even@example.com' }, c)).id);
    ids.sort().reverse();
    const first = await h.request<ListReply<EndUserDto>>(S.listEndUsers, c, { limit: '2' });
    expect(first.data.map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect(first.hasMore).toBe(true);
    const rest = await h.request<ListReply<EndUserDto>>(S.listEndUsers, c, { limit: '10', cursor: first.nextCursor });
    expect(rest.data.map((e) => e.id)).toEqual(ids.slice(2));
    expect(rest).toMatchObject({ hasMore: false, nextCursor: null });

    const byExternal = await h.request<ListReply<EndUserDto>>(S.listEndUsers, c, { externalId: 'e3' });
    expect(byExternal.data.map((e) => e.externalId)).toEqual(['e3']);
    const byEmail = await h.request<ListReply<EndUserDto>>(S.listEndUsers, c, { email: 'ODD@example.com', limit: '1' });
    expect(byEmail.data).toHaveLength(1);
    expect(byEmail.data[0]!.email).toBe('odd@example.com');
    const byEmailNext = await h.request<ListReply<EndUserDto>>(S.listEndUsers, c, { email: 'odd@example.com', cursor: byEmail.nextCursor });
    expect(byEmailNext.data.map((e) => e.externalId)).toEqual(['e1']);

    // The same cursor in another application, or with other filters, or tampered with.
    expect(await h.failure(S.listEndUsers, ctx, { cursor: first.nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await h.failure(S.listEndUsers, ctxFor({ ...app, orgId: newId('org') }), { cursor: first.nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await h.failure(S.listEndUsers, c, { cursor: byEmail.nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await h.failure(S.listApiKeys, c, { cursor: first.nextCursor })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(await h.failure(S.listEndUsers, c, { cursor: 'garbage' })).toMatchObject({ status: 400, code: 'invalid_cursor' });
    const [body, mac] = first.nextCursor!.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), p: { id: 'eu_ZZZZZZZZZZZZZZZZZZZZZZZZZZ' } })).toString('base64url');
    expect(await h.failure(S.listEndUsers, c, { cursor: `${forgedBody}.${mac}` })).toMatchObject({ status: 400, code: 'invalid_cursor' });

    expect(await h.failure(S.listEndUsers, c, { status: 'active' })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.listEndUsers, c, { limit: '0' })).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('deletes: later gets are 404, resolve says false, its connections are erased, end_user.deleted is written', async () => {
    const eu = await create({ externalId: 'leaving' });
    expect(await h.request<ResolveEndUserReply>(S.resolveEndUser, ctx, { endUserId: eu.id })).toEqual({ exists: true });
    const asEu = ctxFor(tenant, { endUserId: eu.id });
    const con = await h.request<ConnectionDto>(S.createConnection, asEu, { provider: 'github', credentials: { token: 'ghp_secret' } });

    expect(await h.request(S.deleteEndUser, ctx, { id: eu.id })).toEqual({ id: eu.id, object: 'end_user', deleted: true });
    expect(await h.failure(S.getEndUser, ctx, { id: eu.id })).toMatchObject({ status: 404 });
    expect(await h.failure(S.updateEndUser, ctx, { id: eu.id, name: 'back' })).toMatchObject({ status: 404 });
    expect(await h.failure(S.deleteEndUser, ctx, { id: eu.id })).toMatchObject({ status: 404 });
    expect(await h.request(S.resolveEndUser, ctx, { endUserId: eu.id })).toEqual({ exists: false });
    const list = await h.request<ListReply<EndUserDto>>(S.listEndUsers, ctx, { externalId: 'leaving' });
    expect(list.data).toEqual([]);
    expect(await h.sql(`SELECT 1 FROM "identity"."connections" WHERE "id" = $1`, [con.id])).toEqual([]);

    const events = (await outboxEvents(h, 'end_user.deleted')).filter((e) => e.payload.data.id === eu.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.audit).toMatchObject({ action: 'end_user.delete', resource: { type: 'end_user', id: eu.id } });
  });

  it('resolves only live end-users of the request application', async () => {
    const eu = await create({});
    expect(await h.request(S.resolveEndUser, ctx, { endUserId: eu.id })).toEqual({ exists: true });
    expect(await h.request(S.resolveEndUser, otherApp, { endUserId: eu.id })).toEqual({ exists: false });
    expect(await h.request(S.resolveEndUser, ctx, { endUserId: 'usr_nope' })).toEqual({ exists: false });
    expect(await h.request(S.resolveEndUser, ctx, { endUserId: newId('eu') })).toEqual({ exists: false });
    expect(await h.failure(S.resolveEndUser, ctxFor(tenant, { applicationId: undefined }), { endUserId: eu.id })).toMatchObject({ status: 400, code: 'application_required' });
  });
});
