import {
  ALL_PERMISSIONS, CURRENT_API_VERSION, newId, Subjects,
  type ApplicationDto, type ListMembershipsReply, type ListReply, type MembershipResolution, type OrgWithRoleDto,
} from '@agentry/contracts';
import { apiKeyCtx, createOrg, outboxRows, ownerCtx, startTenancy, userCtx, type Harness } from './support/harness.js';

describe('tenancy organizations over NATS', () => {
  let h: Harness;
  const ada = newId('usr');
  const bob = newId('usr');

  beforeAll(async () => {
    h = await startTenancy();
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('createOrg', () => {
    let org: OrgWithRoleDto;

    beforeAll(async () => {
      org = await createOrg(h, ada, '  Acme Inc ');
    });

    it('answers the organization, pinned to the current API version, with the caller as owner', () => {
      expect(org).toEqual({
        id: expect.stringMatching(/^org_[0-9A-Z]{26}$/), object: 'organization', name: 'Acme Inc', apiVersion: CURRENT_API_VERSION,
        defaultApplicationId: expect.stringMatching(/^app_[0-9A-Z]{26}$/), createdAt: expect.any(String), role: 'owner',
      });
      expect(new Date(org.createdAt).toISOString()).toBe(org.createdAt);
    });

    it('makes the caller owner of a default application (resolveMembership without applicationId)', async () => {
      const resolved = await h.request<MembershipResolution>(Subjects.tenancy.resolveMembership, userCtx(ada), { userId: ada, orgId: org.id });
      expect(resolved).toEqual({
        orgId: org.id, userId: ada, role: 'owner', permissions: [...ALL_PERMISSIONS], applicationId: org.defaultApplicationId, apiVersion: CURRENT_API_VERSION,
      });
      const app = await h.request<ApplicationDto>(Subjects.tenancy.getApplication, ownerCtx(ada, org), { id: org.defaultApplicationId });
      expect(app).toMatchObject({ id: org.defaultApplicationId, object: 'application', name: 'Default', isDefault: true });
    });

    it('writes org.created (audited org.create) and member.added in the outbox, and the relay publishes them', async () => {
      const rows = await outboxRows(h, org.id);
      expect(rows.map((r) => r.subject)).toEqual(['events.org.created', 'events.member.added']);
      const [created, added] = rows;
      expect(created!.payload.audit).toMatchObject({
        action: 'org.create', outcome: 'success', actor: { type: 'user', id: ada, userId: ada }, resource: { type: 'organization', id: org.id },
      });
      expect(created!.payload.data).toMatchObject({ id: org.id, object: 'organization', name: 'Acme Inc' });
      expect(added!.payload).toMatchObject({ type: 'member.added', orgId: org.id, data: { object: 'member', orgId: org.id, userId: ada, role: 'owner' } });
      const deadline = Date.now() + 5000;
      while ((await outboxRows(h, org.id)).some((r) => r.published_at === null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await outboxRows(h, org.id)).every((r) => r.published_at !== null)).toBe(true);
    });

    it('creates default quotas with the org', async () => {
      const { rows } = await h.sql.query(`SELECT "requests_per_minute" FROM "tenancy"."quotas" WHERE "org_id" = $1`, [org.id]);
      expect(rows).toEqual([{ requests_per_minute: 600 }]);
    });

    it.each([
      ['an empty name', { name: '' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
      ['a name that is not a string', { name: 42 }, 'name'],
      ['no name', {}, 'name'],
    ])('refuses %s with 400 validation_failed', async (_label, data, field) => {
      const error = await h.failure(Subjects.tenancy.createOrg, userCtx(ada), data);
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('accepts a name of exactly 100 characters', async () => {
      const long = await createOrg(h, bob, 'y'.repeat(100));
      expect(long.name).toHaveLength(100);
    });

    it('refuses unknown fields, naming them', async () => {
      const error = await h.failure(Subjects.tenancy.createOrg, userCtx(ada), { name: 'Evil', ownerId: bob });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field: 'ownerId', code: 'unknown_field' }));
    });

    it('is for dashboard users: an API key gets 403 session_required', async () => {
      const error = await h.failure(Subjects.tenancy.createOrg, apiKeyCtx(ada, org.id, org.defaultApplicationId), { name: 'Via key' });
      expect(error).toMatchObject({ status: 403, code: 'session_required' });
    });
  });

  describe('resolveMembership', () => {
    let org: OrgWithRoleDto;
    let other: OrgWithRoleDto;

    beforeAll(async () => {
      org = await createOrg(h, ada, 'Resolve Co');
      other = await createOrg(h, bob, 'Other Co');
    });

    it('answers 404 not_found for a non-member', async () => {
      const error = await h.failure(Subjects.tenancy.resolveMembership, userCtx(bob), { userId: bob, orgId: org.id });
      expect(error).toMatchObject({ status: 404, code: 'not_found' });
    });

    it('answers 404 for an unknown org and for malformed ids', async () => {
      for (const data of [
        { userId: ada, orgId: newId('org') },
        { userId: ada, orgId: 'org_nope' },
        { userId: ada, orgId: org.id.toLowerCase() },
        { userId: 'usr_nope', orgId: org.id },
        { userId: ada, orgId: org.id, applicationId: 'app_nope' },
      ]) {
        await expect(h.failure(Subjects.tenancy.resolveMembership, userCtx(ada), data)).resolves.toMatchObject({ status: 404, code: 'not_found' });
      }
    });

    it("answers 404 for another org's application, and resolves an own one", async () => {
      const foreign = await h.failure(Subjects.tenancy.resolveMembership, userCtx(ada), { userId: ada, orgId: org.id, applicationId: other.defaultApplicationId });
      expect(foreign).toMatchObject({ status: 404, code: 'not_found' });
      const own = await h.request<MembershipResolution>(Subjects.tenancy.resolveMembership, userCtx(ada), {
        userId: ada, orgId: org.id, applicationId: org.defaultApplicationId,
      });
      expect(own.applicationId).toBe(org.defaultApplicationId);
    });

    it('validates the payload (400, not 500)', async () => {
      const error = await h.failure(Subjects.tenancy.resolveMembership, userCtx(ada), { userId: ada });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field: 'orgId' }));
    });
  });

  describe('getOrg, listOrgs, listMemberships', () => {
    const carol = newId('usr');
    const dave = newId('usr');
    const carols: OrgWithRoleDto[] = [];

    beforeAll(async () => {
      for (const name of ['One', 'Two', 'Three']) carols.push(await createOrg(h, carol, name));
      await createOrg(h, dave, 'Dave Co');
    });

    it('gets an org for a member, 404 for anyone else or a malformed id', async () => {
      const org = carols[0]!;
      await expect(h.request(Subjects.tenancy.getOrg, userCtx(carol), { orgId: org.id })).resolves.toMatchObject({ id: org.id, name: 'One', role: 'owner' });
      await expect(h.request(Subjects.tenancy.getOrg, userCtx(carol, { orgId: org.id }), {})).resolves.toMatchObject({ id: org.id });
      await expect(h.failure(Subjects.tenancy.getOrg, userCtx(dave), { orgId: org.id })).resolves.toMatchObject({ status: 404, code: 'not_found' });
      await expect(h.failure(Subjects.tenancy.getOrg, userCtx(carol), { orgId: 'org_x' })).resolves.toMatchObject({ status: 404, code: 'not_found' });
    });

    it("lists the caller's orgs newest first with their role, page by page", async () => {
      const first = await h.request<ListReply<OrgWithRoleDto>>(Subjects.tenancy.listOrgs, userCtx(carol), { limit: '2' });
      expect(first).toMatchObject({ object: 'list', hasMore: true, nextCursor: expect.any(String) });
      const newestFirst = [...carols].sort((a, b) => (a.id < b.id ? 1 : -1));
      expect(first.data.map((o) => o.id)).toEqual(newestFirst.slice(0, 2).map((o) => o.id));
      expect(first.data.every((o) => o.role === 'owner' && o.object === 'organization')).toBe(true);
      const second = await h.request<ListReply<OrgWithRoleDto>>(Subjects.tenancy.listOrgs, userCtx(carol), { limit: 2, cursor: first.nextCursor });
      expect(second).toMatchObject({ hasMore: false, nextCursor: null });
      expect(second.data.map((o) => o.id)).toEqual([newestFirst[2]!.id]);
      const daves = await h.request<ListReply<OrgWithRoleDto>>(Subjects.tenancy.listOrgs, userCtx(dave), {});
      expect(daves.data.map((o) => o.name)).toEqual(['Dave Co']);
    });

    it("refuses another user's, a tampered or a malformed cursor with 400 invalid_cursor", async () => {
      const page = await h.request<ListReply<OrgWithRoleDto>>(Subjects.tenancy.listOrgs, userCtx(carol), { limit: 1 });
      const cursor = page.nextCursor!;
      await expect(h.failure(Subjects.tenancy.listOrgs, userCtx(dave), { cursor })).resolves.toMatchObject({ status: 400, code: 'invalid_cursor' });
      const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
      await expect(h.failure(Subjects.tenancy.listOrgs, userCtx(carol), { cursor: tampered })).resolves.toMatchObject({ status: 400, code: 'invalid_cursor' });
      await expect(h.failure(Subjects.tenancy.listOrgs, userCtx(carol), { cursor: 'garbage' })).resolves.toMatchObject({ status: 400, code: 'invalid_cursor' });
    });

    it.each([['0'], ['101'], ['abc'], ['1.5']])('refuses limit=%s with 400 validation_failed', async (limit) => {
      const error = await h.failure(Subjects.tenancy.listOrgs, userCtx(carol), { limit });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field: 'limit' }));
    });

    it('lists memberships for GET /me', async () => {
      const reply = await h.request<ListMembershipsReply>(Subjects.tenancy.listMemberships, userCtx(carol), { userId: carol });
      const newestFirst = [...carols].sort((a, b) => (a.id < b.id ? 1 : -1));
      expect(reply).toEqual({ data: newestFirst.map((o) => ({ orgId: o.id, orgName: o.name, role: 'owner' })) });
      const nobody = await h.request<ListMembershipsReply>(Subjects.tenancy.listMemberships, userCtx(carol), { userId: newId('usr') });
      expect(nobody).toEqual({ data: [] });
    });
  });
});
