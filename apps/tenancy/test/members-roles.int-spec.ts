import {
  ALL_PERMISSIONS, BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, newId, Subjects,
  type ListReply, type MemberDto, type MembershipResolution, type OrgWithRoleDto, type RoleDto,
} from '@agentry/contracts';
import { addMember, createOrg, fakeIdentityLookup, outboxRows, ownerCtx, startTenancy, user, userCtx, type Harness } from './support/harness.js';

const S = Subjects.tenancy;

describe('tenancy members and roles over NATS', () => {
  let h: Harness;
  const ada = user('Ada');
  const bob = user('Bob');
  const ghostId = newId('usr');
  let acme: OrgWithRoleDto;
  let globex: OrgWithRoleDto;
  let identity: Awaited<ReturnType<typeof fakeIdentityLookup>>;

  beforeAll(async () => {
    h = await startTenancy();
    identity = await fakeIdentityLookup(h, [ada, bob]);
    acme = await createOrg(h, ada.id, 'Acme');
    globex = await createOrg(h, bob.id, 'Globex');
    await addMember(h, acme.id, bob.id, 'viewer');
    await addMember(h, acme.id, ghostId, 'member');
  });

  afterAll(async () => {
    identity?.stop();
    await h?.close();
  });

  describe('listMembers', () => {
    it("lists the org's members with their user details from identity", async () => {
      const list = await h.request<ListReply<MemberDto>>(S.listMembers, ownerCtx(ada.id, acme), {});
      expect(list).toMatchObject({ object: 'list', hasMore: false, nextCursor: null });
      const byUser = new Map(list.data.map((m) => [m.userId, m]));
      expect(byUser.size).toBe(3);
      expect(byUser.get(ada.id)).toEqual({ object: 'member', userId: ada.id, role: 'owner', joinedAt: expect.any(String), user: { email: ada.email, name: ada.name } });
      expect(byUser.get(bob.id)).toMatchObject({ role: 'viewer', user: { email: bob.email, name: bob.name } });
      expect(byUser.get(ghostId)).toMatchObject({ role: 'member', user: null });
      expect(list.data.map((m) => m.userId)).toEqual([...byUser.keys()].sort().reverse());
      expect(identity.calls.at(-1)?.sort()).toEqual([ada.id, bob.id, ghostId].sort());
    });

    it('pages, asking identity only for the users of the page', async () => {
      const ctx = ownerCtx(ada.id, acme);
      const first = await h.request<ListReply<MemberDto>>(S.listMembers, ctx, { limit: '2' });
      expect(first.data).toHaveLength(2);
      expect(identity.calls.at(-1)).toHaveLength(2);
      const second = await h.request<ListReply<MemberDto>>(S.listMembers, ctx, { limit: '2', cursor: first.nextCursor });
      expect(second).toMatchObject({ hasMore: false, nextCursor: null });
      expect(new Set([...first.data, ...second.data].map((m) => m.userId)).size).toBe(3);
      await expect(h.failure(S.listMembers, ownerCtx(bob.id, globex), { cursor: first.nextCursor })).resolves.toMatchObject({ status: 400, code: 'invalid_cursor' });
    });

    it("never shows another org's members", async () => {
      const list = await h.request<ListReply<MemberDto>>(S.listMembers, ownerCtx(bob.id, globex), {});
      expect(list.data.map((m) => m.userId)).toEqual([bob.id]);
      await expect(h.failure(S.listMembers, ownerCtx(bob.id, globex), { orgId: acme.id })).resolves.toMatchObject({ status: 404 });
    });

    it('answers 503 service_unavailable when identity is down, never a hang', async () => {
      identity.stop();
      try {
        const error = await h.failure(S.listMembers, ownerCtx(ada.id, acme), {});
        expect(error).toMatchObject({ status: 503, code: 'service_unavailable' });
      } finally {
        identity = await fakeIdentityLookup(h, [ada, bob]);
      }
    });
  });

  describe('roles', () => {
    let auditor: RoleDto;

    it('lists the built-in roles first, with their permissions', async () => {
      const list = await h.request<ListReply<RoleDto>>(S.listRoles, ownerCtx(ada.id, acme), {});
      expect(list.data.map((r) => r.id)).toEqual([...BUILT_IN_ROLES]);
      expect(list.data[0]).toEqual({ id: 'owner', object: 'role', name: 'owner', builtIn: true, permissions: [...ALL_PERMISSIONS], createdAt: null });
      expect(list.data[3]!.permissions).toEqual([...BUILT_IN_ROLE_PERMISSIONS.viewer]);
    });

    it('creates a custom role of catalogue permissions (de-duplicated, catalogue order), audited', async () => {
      auditor = await h.request<RoleDto>(S.createRole, ownerCtx(ada.id, acme), { name: 'Auditor', permissions: ['audit:read', 'runs:read', 'audit:read'] });
      expect(auditor).toEqual({
        id: expect.stringMatching(/^role_[0-9A-Z]{26}$/), object: 'role', name: 'Auditor', builtIn: false, permissions: ['runs:read', 'audit:read'], createdAt: expect.any(String),
      });
      const audit = (await outboxRows(h, acme.id)).find((r) => r.subject === 'events.role.created');
      expect(audit?.payload.audit).toMatchObject({ action: 'role.create', resource: { type: 'role', id: auditor.id } });
    });

    it('pages through built-in and custom roles alike', async () => {
      const ctx = ownerCtx(ada.id, acme);
      await h.request(S.createRole, ctx, { name: 'Runner', permissions: ['agents:run'] });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page: ListReply<RoleDto> = await h.request(S.listRoles, ctx, { limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen.slice(0, 4)).toEqual([...BUILT_IN_ROLES]);
      expect(seen).toHaveLength(6);
      expect(seen).toContain(auditor.id);
      const other = await h.request<ListReply<RoleDto>>(S.listRoles, ownerCtx(bob.id, globex), { limit: 100 });
      expect(other.data.map((r) => r.id)).toEqual([...BUILT_IN_ROLES]);
    });

    it('refuses permissions outside the catalogue with 400 validation_failed', async () => {
      const error = await h.failure(S.createRole, ownerCtx(ada.id, acme), { name: 'Bad', permissions: ['runs:read', 'runs:explode', 'platform:kill-switch'] });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toEqual([expect.objectContaining({ field: 'permissions', code: 'invalid_permission', message: expect.stringContaining('runs:explode, platform:kill-switch') })]);
    });

    it('refuses to grant permissions the caller lacks with 400 invalid_permissions, naming them', async () => {
      const admin = ownerCtx(ada.id, acme, { permissions: [...BUILT_IN_ROLE_PERMISSIONS.admin] });
      const error = await h.failure(S.createRole, admin, { name: 'Usurper', permissions: ['org:delete', 'org:transfer', 'runs:read'] });
      expect(error).toMatchObject({ status: 400, code: 'invalid_permissions', extra: { permissions: ['org:delete', 'org:transfer'] } });
    });

    it.each([
      [{ name: 'Empty', permissions: [] }, 'permissions'],
      [{ name: 'Str', permissions: 'runs:read' }, 'permissions'],
      [{ name: '', permissions: ['runs:read'] }, 'name'],
      [{ name: 'x'.repeat(65), permissions: ['runs:read'] }, 'name'],
      [{ name: 'Extra', permissions: ['runs:read'], builtIn: true }, 'builtIn'],
    ])('refuses %p with 400 validation_failed', async (data, field) => {
      const error = await h.failure(S.createRole, ownerCtx(ada.id, acme), data);
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('refuses a built-in or existing name (any case) with 409 role_name_taken, but another org may reuse it', async () => {
      const ctx = ownerCtx(ada.id, acme);
      for (const name of ['Owner', 'VIEWER', 'auditor']) {
        await expect(h.failure(S.createRole, ctx, { name, permissions: ['runs:read'] })).resolves.toMatchObject({ status: 409, code: 'role_name_taken' });
      }
      await expect(h.request(S.createRole, ownerCtx(bob.id, globex), { name: 'Auditor', permissions: ['runs:read'] })).resolves.toMatchObject({ name: 'Auditor' });
    });

    it("resolves a member's permissions from a custom role of the same org only", async () => {
      const carol = newId('usr');
      await addMember(h, acme.id, carol, auditor.id);
      const resolved = await h.request<MembershipResolution>(S.resolveMembership, userCtx(carol), { userId: carol, orgId: acme.id });
      expect(resolved).toMatchObject({ role: auditor.id, permissions: ['runs:read', 'audit:read'], applicationId: acme.defaultApplicationId });
      // A membership naming another org's role grants nothing.
      const dave = newId('usr');
      await addMember(h, globex.id, dave, auditor.id);
      const foreign = await h.request<MembershipResolution>(S.resolveMembership, userCtx(dave), { userId: dave, orgId: globex.id });
      expect(foreign.permissions).toEqual([]);
      const viewer = await h.request<MembershipResolution>(S.resolveMembership, userCtx(bob.id), { userId: bob.id, orgId: acme.id });
      expect(viewer).toMatchObject({ role: 'viewer', permissions: [...BUILT_IN_ROLE_PERMISSIONS.viewer] });
    });
  });
});
