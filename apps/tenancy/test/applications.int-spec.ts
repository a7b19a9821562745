import { newId, Subjects, type ApplicationDto, type ListReply, type MembershipResolution, type OrgWithRoleDto } from '@agentry/contracts';
import { apiKeyCtx, createOrg, outboxRows, ownerCtx, startTenancy, userCtx, type Harness } from './support/harness.js';

const S = Subjects.tenancy;

describe('tenancy applications over NATS', () => {
  let h: Harness;
  const ada = newId('usr');
  const bob = newId('usr');
  let acme: OrgWithRoleDto;
  let globex: OrgWithRoleDto;

  beforeAll(async () => {
    h = await startTenancy();
    acme = await createOrg(h, ada, 'Acme');
    globex = await createOrg(h, bob, 'Globex');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates, gets, renames and lists applications, newest first, with audit blocks', async () => {
    const ctx = ownerCtx(ada, acme);
    const created = await h.request<ApplicationDto>(S.createApplication, ctx, { name: ' Mobile ' });
    expect(created).toEqual({ id: expect.stringMatching(/^app_[0-9A-Z]{26}$/), object: 'application', name: 'Mobile', isDefault: false, createdAt: expect.any(String) });
    await expect(h.request(S.getApplication, ctx, { id: created.id })).resolves.toEqual(created);
    const renamed = await h.request<ApplicationDto>(S.updateApplication, ctx, { id: created.id, name: 'Mobile app' });
    expect(renamed).toEqual({ ...created, name: 'Mobile app' });
    const list = await h.request<ListReply<ApplicationDto>>(S.listApplications, ctx, {});
    expect(list).toMatchObject({ object: 'list', hasMore: false, nextCursor: null });
    expect(list.data.map((a) => a.id)).toEqual([created.id, acme.defaultApplicationId]);
    const audits = (await outboxRows(h, acme.id)).filter((r) => r.payload.audit?.['action']?.toString().startsWith('application.'));
    expect(audits.map((r) => [r.subject, r.payload.audit?.['action']])).toEqual([
      ['events.application.created', 'application.create'],
      ['events.application.updated', 'application.update'],
    ]);
    expect(audits[0]!.payload.audit).toMatchObject({ actor: { type: 'user', id: ada }, resource: { type: 'application', id: created.id } });
  });

  it('pages through applications with a cursor bound to the org', async () => {
    const ctx = ownerCtx(ada, acme);
    for (const name of ['P1', 'P2', 'P3']) await h.request(S.createApplication, ctx, { name });
    const all = await h.request<ListReply<ApplicationDto>>(S.listApplications, ctx, { limit: '100' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: ListReply<ApplicationDto> = await h.request(S.listApplications, ctx, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.data.map((a) => a.id));
    expect(new Set(seen).size).toBe(seen.length);
    const first = await h.request<ListReply<ApplicationDto>>(S.listApplications, ctx, { limit: 1 });
    const foreign = await h.failure(S.listApplications, ownerCtx(bob, globex), { cursor: first.nextCursor });
    expect(foreign).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('refuses invalid bodies with 400 validation_failed', async () => {
    const ctx = ownerCtx(ada, acme);
    for (const data of [{ name: '' }, { name: '  ' }, { name: 'x'.repeat(101) }, {}, { name: 'ok', isDefault: true }]) {
      await expect(h.failure(S.createApplication, ctx, data)).resolves.toMatchObject({ status: 400, code: 'validation_failed' });
    }
    for (const data of [{ id: acme.defaultApplicationId, name: null }, { id: acme.defaultApplicationId, name: '' }, { name: 'no id' }]) {
      await expect(h.failure(S.updateApplication, ctx, data)).resolves.toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });

  it('answers 404 for unknown and malformed ids', async () => {
    const ctx = ownerCtx(ada, acme);
    for (const id of [newId('app'), 'app_123', acme.id, '']) {
      await expect(h.failure(S.getApplication, ctx, { id })).resolves.toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it("never shows another org's application: 404 in get, update, delete and resolveMembership", async () => {
    const ctx = ownerCtx(ada, acme);
    const theirs = await h.request<ApplicationDto>(S.createApplication, ownerCtx(bob, globex), { name: 'Secret' });
    for (const id of [theirs.id, globex.defaultApplicationId]) {
      await expect(h.failure(S.getApplication, ctx, { id })).resolves.toMatchObject({ status: 404, code: 'not_found' });
      await expect(h.failure(S.updateApplication, ctx, { id, name: 'Pwned' })).resolves.toMatchObject({ status: 404, code: 'not_found' });
      await expect(h.failure(S.deleteApplication, ctx, { id })).resolves.toMatchObject({ status: 404, code: 'not_found' });
      await expect(h.failure(S.resolveMembership, userCtx(ada), { userId: ada, orgId: acme.id, applicationId: id }))
        .resolves.toMatchObject({ status: 404, code: 'not_found' });
    }
    const list = await h.request<ListReply<ApplicationDto>>(S.listApplications, ctx, { limit: 100 });
    expect(list.data.map((a) => a.id)).not.toContain(theirs.id);
    await expect(h.request(S.getApplication, ownerCtx(bob, globex), { id: theirs.id })).resolves.toMatchObject({ name: 'Secret' });
  });

  it('refuses to delete the default application with 409 default_application', async () => {
    const error = await h.failure(S.deleteApplication, ownerCtx(ada, acme), { id: acme.defaultApplicationId });
    expect(error).toMatchObject({ status: 409, code: 'default_application' });
    await expect(h.request(S.getApplication, ownerCtx(ada, acme), { id: acme.defaultApplicationId })).resolves.toMatchObject({ isDefault: true });
  });

  it('deletes an application: gone from get, list and resolveMembership, and a second delete is 404', async () => {
    const ctx = ownerCtx(ada, acme);
    const doomed = await h.request<ApplicationDto>(S.createApplication, ctx, { name: 'Doomed' });
    const resolved = await h.request<MembershipResolution>(S.resolveMembership, userCtx(ada), { userId: ada, orgId: acme.id, applicationId: doomed.id });
    expect(resolved.applicationId).toBe(doomed.id);
    await expect(h.request(S.deleteApplication, ctx, { id: doomed.id })).resolves.toEqual({ id: doomed.id, object: 'application', deleted: true });
    await expect(h.failure(S.getApplication, ctx, { id: doomed.id })).resolves.toMatchObject({ status: 404 });
    await expect(h.failure(S.deleteApplication, ctx, { id: doomed.id })).resolves.toMatchObject({ status: 404 });
    await expect(h.failure(S.resolveMembership, userCtx(ada), { userId: ada, orgId: acme.id, applicationId: doomed.id })).resolves.toMatchObject({ status: 404 });
    const list = await h.request<ListReply<ApplicationDto>>(S.listApplications, ctx, { limit: 100 });
    expect(list.data.map((a) => a.id)).not.toContain(doomed.id);
    const deleted = (await outboxRows(h, acme.id)).find((r) => r.subject === 'events.application.deleted');
    expect(deleted?.payload.audit).toMatchObject({ action: 'application.delete', resource: { type: 'application', id: doomed.id } });
  });

  it('shows an API key only its own application', async () => {
    const own = await h.request<ApplicationDto>(S.createApplication, ownerCtx(ada, acme), { name: 'Key app' });
    const key = apiKeyCtx(ada, acme.id, own.id, ['applications:read', 'applications:update']);
    const list = await h.request<ListReply<ApplicationDto>>(S.listApplications, key, {});
    expect(list.data.map((a) => a.id)).toEqual([own.id]);
    await expect(h.request(S.getApplication, key, { id: own.id })).resolves.toMatchObject({ id: own.id });
    await expect(h.failure(S.getApplication, key, { id: acme.defaultApplicationId })).resolves.toMatchObject({ status: 404, code: 'not_found' });
    await expect(h.failure(S.updateApplication, key, { id: acme.defaultApplicationId, name: 'x' })).resolves.toMatchObject({ status: 404 });
    await expect(h.request(S.updateApplication, key, { id: own.id, name: 'Key app 2' })).resolves.toMatchObject({ name: 'Key app 2' });
    const keyless = apiKeyCtx(ada, acme.id, undefined);
    await expect(h.request(S.listApplications, keyless, {})).resolves.toMatchObject({ data: [] });
  });

  it('needs an org in the context (400 org_required)', async () => {
    const error = await h.failure(S.listApplications, userCtx(ada), {});
    expect(error).toMatchObject({ status: 400, code: 'org_required' });
  });
});
