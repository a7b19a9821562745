import {
  BUILT_IN_ROLE_PERMISSIONS, Subjects,
  type InvitationDto, type InvitationPreviewDto, type InvitationWithTokenDto, type ListReply, type MemberDto, type MembershipChangedBroadcast,
  type OrgWithRoleDto, type RoleDto,
} from '@agentry/contracts';
import { testContext } from '@agentry/testing';
import type { Subscription } from '@nats-io/transport-node';
import { addMember, createOrg, fakeIdentityLookup, outboxRows, ownerCtx, startTenancy, user, userCtx, type Harness } from './support/harness.js';

const S = Subjects.tenancy;
const asRole = (userId: string, org: OrgWithRoleDto, role: 'owner' | 'admin' | 'member' | 'viewer') =>
  ownerCtx(userId, org, { permissions: [...BUILT_IN_ROLE_PERMISSIONS[role]] });

describe('tenancy administration over NATS: members, transfer, org lifecycle, invitations, roles', () => {
  let h: Harness;
  const owner = user('Olive');
  const admin = user('Adam');
  const admin2 = user('Ada');
  const member = user('Mia');
  const viewer = user('Vic');
  const invitee = user('Ines');
  const stranger = user('Sam');
  let org: OrgWithRoleDto;
  let identity: Awaited<ReturnType<typeof fakeIdentityLookup>>;
  let runsResponder: Subscription;
  let broadcastSub: Subscription;
  const broadcasts: MembershipChangedBroadcast[] = [];
  let liveRuns = 0;

  beforeAll(async () => {
    h = await startTenancy();
    identity = await fakeIdentityLookup(h, [owner, admin, admin2, member, viewer, invitee, stranger]);
    runsResponder = h.nc.subscribe(`${h.ns}.${Subjects.runs.closeOrgAdmission}`, {
      callback: (_e, msg) => void msg.respond(JSON.stringify({ id: msg.json<{ id: string }>().id, response: { live: liveRuns }, isDisposed: true })),
    });
    broadcastSub = h.nc.subscribe(`${h.ns}.${Subjects.broadcast.membershipChanged}`, { callback: (_e, msg) => void broadcasts.push(msg.json()) });
    org = await createOrg(h, owner.id, 'Admin Co');
    await addMember(h, org.id, admin.id, 'admin');
    await addMember(h, org.id, admin2.id, 'admin');
    await addMember(h, org.id, member.id, 'member');
    await addMember(h, org.id, viewer.id, 'viewer');
  });

  afterAll(async () => {
    identity?.stop();
    runsResponder?.unsubscribe();
    broadcastSub?.unsubscribe();
    await h?.close();
  });

  describe('members', () => {
    it('the owner changes roles; the change is an event, an audit record and a broadcast', async () => {
      const updated = await h.request<MemberDto>(S.updateMember, asRole(owner.id, org, 'owner'), { userId: viewer.id, role: 'member' });
      expect(updated).toMatchObject({ userId: viewer.id, role: 'member', user: { email: viewer.email } });
      const event = (await outboxRows(h, org.id)).find((r) => r.payload.type === 'member.updated');
      expect(event?.payload.audit).toMatchObject({ action: 'member.update_role', metadata: { from: 'viewer', to: 'member' } });
      await new Promise((r) => setTimeout(r, 50));
      expect(broadcasts).toContainEqual({ orgId: org.id, userId: viewer.id, reason: 'member_updated' });
      await h.request(S.updateMember, asRole(owner.id, org, 'owner'), { userId: viewer.id, role: 'viewer' });
    });

    it.each([
      ['changing your own role', () => admin.id, 'admin', () => admin.id, 'viewer', 'cannot_manage_self'],
      ["changing the owner's role", () => admin.id, 'admin', () => owner.id, 'member', 'cannot_manage_owner'],
      ['an admin managing an admin', () => admin.id, 'admin', () => admin2.id, 'member', 'insufficient_role'],
      ['an admin making an admin', () => admin.id, 'admin', () => member.id, 'admin', 'insufficient_role'],
      ['anyone assigning owner', () => owner.id, 'owner', () => member.id, 'owner', 'cannot_assign_owner'],
    ] as const)('refuses %s', async (_label, actor, actorRole, target, role, code) => {
      expect(await h.failure(S.updateMember, asRole(actor(), org, actorRole), { userId: target(), role })).toMatchObject({ status: 403, code });
    });

    it('an admin manages members and viewers, and only assigns roles within their own permissions', async () => {
      await expect(h.request(S.updateMember, asRole(admin.id, org, 'admin'), { userId: member.id, role: 'viewer' })).resolves.toMatchObject({ role: 'viewer' });
      await h.request(S.updateMember, asRole(admin.id, org, 'admin'), { userId: member.id, role: 'member' });
      // No custom role carries the owner's own powers.
      expect(await h.failure(S.createRole, asRole(owner.id, org, 'owner'), { name: 'Mighty', permissions: ['org:delete', 'runs:read'] }))
        .toMatchObject({ status: 400, code: 'invalid_permissions', extra: { permissions: ['org:delete'] } });
      // A team lead who may change roles cannot hand out a role stronger than their own.
      const lead = await h.request<RoleDto>(S.createRole, asRole(owner.id, org, 'owner'), { name: 'Lead', permissions: ['members:read', 'members:update-role', 'runs:read'] });
      const mighty = await h.request<RoleDto>(S.createRole, asRole(owner.id, org, 'owner'), { name: 'Mighty', permissions: ['webhooks:delete', 'runs:read'] });
      const asLead = ownerCtx(admin2.id, org, { permissions: ['members:read', 'members:update-role', 'runs:read'] });
      await h.sql.query(`UPDATE "tenancy"."memberships" SET "role" = $1 WHERE "org_id" = $2 AND "user_id" = $3`, [lead.id, org.id, admin2.id]);
      expect(await h.failure(S.updateMember, asLead, { userId: member.id, role: mighty.id })).toMatchObject({ status: 403, code: 'insufficient_role' });
      await h.sql.query(`UPDATE "tenancy"."memberships" SET "role" = 'admin' WHERE "org_id" = $1 AND "user_id" = $2`, [org.id, admin2.id]);
      await expect(h.request(S.updateMember, asRole(admin.id, org, 'admin'), { userId: member.id, role: mighty.id })).resolves.toMatchObject({ role: mighty.id });
      await h.request(S.updateMember, asRole(owner.id, org, 'owner'), { userId: member.id, role: 'member' });
      expect(await h.failure(S.updateMember, asRole(owner.id, org, 'owner'), { userId: member.id, role: 'superuser' })).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(await h.failure(S.updateMember, asRole(owner.id, org, 'owner'), { userId: stranger.id, role: 'member' })).toMatchObject({ status: 404 });
    });

    it('removes a member (not oneself, not the owner, not an admin for an admin); the removed user no longer resolves', async () => {
      expect(await h.failure(S.removeMember, asRole(admin2.id, org, 'admin'), { userId: admin.id })).toMatchObject({ status: 403, code: 'insufficient_role' });
      const extra = user('Extra');
      await addMember(h, org.id, extra.id, 'viewer');
      expect(await h.failure(S.removeMember, asRole(admin.id, org, 'admin'), { userId: owner.id })).toMatchObject({ status: 403, code: 'cannot_manage_owner' });
      expect(await h.failure(S.removeMember, asRole(member.id, org, 'member'), { userId: member.id })).toMatchObject({ status: 403, code: 'cannot_manage_self' });
      await expect(h.request(S.removeMember, asRole(admin.id, org, 'admin'), { userId: extra.id })).resolves.toEqual({ userId: extra.id, object: 'member', removed: true });
      expect(await h.failure(S.resolveMembership, testContext(), { userId: extra.id, orgId: org.id })).toMatchObject({ status: 404 });
      const removed = (await outboxRows(h, org.id)).find((r) => r.payload.type === 'member.removed');
      expect(removed?.payload).toMatchObject({ data: { userId: extra.id, role: 'viewer' }, audit: { action: 'member.remove' } });
    });
  });

  describe('invitations', () => {
    let invitation: InvitationWithTokenDto;

    it('creates a pending invitation with a one-time token; a new one to the same email replaces it', async () => {
      const first = await h.request<InvitationWithTokenDto>(S.createInvitation, asRole(admin.id, org, 'admin'), { email: '  INES@Example.com ', role: 'member' });
      expect(first).toMatchObject({ object: 'invitation', email: 'ines@example.com', role: 'member', status: 'pending', invitedBy: admin.id });
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const { rows } = await h.sql.query(`SELECT "token_hash" FROM "tenancy"."invitations" WHERE "id" = $1`, [first.id]);
      expect(rows[0].token_hash).not.toContain(first.token);
      invitation = await h.request<InvitationWithTokenDto>(S.createInvitation, asRole(admin.id, org, 'admin'), { email: 'ines@example.com', role: 'viewer' });
      const list = await h.request<ListReply<InvitationDto>>(S.listInvitations, asRole(admin.id, org, 'admin'), {});
      expect(list.data.map((i) => [i.id, i.status])).toEqual([[invitation.id, 'pending'], [first.id, 'revoked']]);
      expect(list.data[0]).not.toHaveProperty('token');
      expect(await h.failure(S.previewInvitation, testContext(), { token: first.token })).toMatchObject({ status: 410, code: 'invitation_used' });
      expect(await h.failure(S.createInvitation, asRole(admin.id, org, 'admin'), { email: 'x@example.com', role: 'admin' })).toMatchObject({ status: 403, code: 'insufficient_role' });
      expect(await h.failure(S.createInvitation, asRole(owner.id, org, 'owner'), { email: 'not an email', role: 'member' })).toMatchObject({ status: 400 });
    });

    it('previews publicly, refuses another account, and joins the invitee once, even when accepted twice at once', async () => {
      const preview = await h.request<InvitationPreviewDto>(S.previewInvitation, testContext({ principal: { type: 'anonymous', id: 'anonymous' } }), { token: invitation.token });
      expect(preview).toEqual({ object: 'invitation_preview', orgName: 'Admin Co', role: 'viewer', email: 'ines@example.com', expiresAt: invitation.expiresAt });
      expect(await h.failure(S.acceptInvitation, userCtx(stranger.id), { token: invitation.token })).toMatchObject({ status: 403, code: 'invitation_email_mismatch' });
      const outcomes = await Promise.all([1, 2, 3].map(() => h.request<OrgWithRoleDto>(S.acceptInvitation, userCtx(invitee.id), { token: invitation.token }).catch((e: { code: string }) => e.code)));
      expect(outcomes.filter((o) => typeof o === 'object')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'invitation_used')).toHaveLength(2);
      expect(outcomes.find((o) => typeof o === 'object')).toMatchObject({ id: org.id, role: 'viewer' });
      await expect(h.request(S.resolveMembership, testContext(), { userId: invitee.id, orgId: org.id })).resolves.toMatchObject({ role: 'viewer' });
      const added = (await outboxRows(h, org.id)).filter((r) => r.payload.type === 'member.added' && r.payload.data.userId === invitee.id);
      expect(added).toHaveLength(1);
      expect(added[0]!.payload.audit).toMatchObject({ action: 'invitation.accept', actor: { id: invitee.id } });
      expect(await h.failure(S.previewInvitation, testContext(), { token: 'no-such-token' })).toMatchObject({ status: 404 });
    });

    it('expired invitations are 410 invitation_expired; revoked ones 410 invitation_used; members get 409', async () => {
      const late = await h.request<InvitationWithTokenDto>(S.createInvitation, asRole(owner.id, org, 'owner'), { email: stranger.email, role: 'member' });
      await h.sql.query(`UPDATE "tenancy"."invitations" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`, [late.id]);
      expect(await h.failure(S.acceptInvitation, userCtx(stranger.id), { token: late.token })).toMatchObject({ status: 410, code: 'invitation_expired' });
      const revoked = await h.request<InvitationWithTokenDto>(S.createInvitation, asRole(owner.id, org, 'owner'), { email: stranger.email, role: 'member' });
      await expect(h.request(S.revokeInvitation, asRole(owner.id, org, 'owner'), { id: revoked.id })).resolves.toMatchObject({ status: 'revoked' });
      expect(await h.failure(S.acceptInvitation, userCtx(stranger.id), { token: revoked.token })).toMatchObject({ status: 410, code: 'invitation_used' });
      const again = await h.request<InvitationWithTokenDto>(S.createInvitation, asRole(owner.id, org, 'owner'), { email: member.email, role: 'viewer' });
      expect(await h.failure(S.acceptInvitation, userCtx(member.id), { token: again.token })).toMatchObject({ status: 409, code: 'already_member' });
      const other = await createOrg(h, stranger.id, 'Elsewhere');
      expect(await h.failure(S.revokeInvitation, ownerCtx(stranger.id, other), { id: again.id })).toMatchObject({ status: 404 });
    });
  });

  describe('roles', () => {
    it('updates a custom role (within the caller’s permissions), refuses built-ins, deletes only unused roles', async () => {
      const role = await h.request<RoleDto>(S.createRole, asRole(owner.id, org, 'owner'), { name: 'Support', permissions: ['runs:read'] });
      const updated = await h.request<RoleDto>(S.updateRole, asRole(owner.id, org, 'owner'), { roleId: role.id, name: 'Support team', permissions: ['runs:read', 'runs:cancel'] });
      expect(updated).toMatchObject({ id: role.id, name: 'Support team', permissions: ['runs:read', 'runs:cancel'] });
      expect(await h.failure(S.updateRole, asRole(viewer.id, org, 'viewer'), { roleId: role.id, permissions: ['runs:cancel'] })).toMatchObject({ status: 400, code: 'invalid_permissions' });
      expect(await h.failure(S.updateRole, asRole(owner.id, org, 'owner'), { roleId: 'admin', name: 'x' })).toMatchObject({ status: 409, code: 'built_in_role' });
      expect(await h.failure(S.updateRole, asRole(owner.id, org, 'owner'), { roleId: role.id, name: 'Viewer' })).toMatchObject({ status: 409, code: 'role_name_taken' });
      await h.request(S.updateMember, asRole(owner.id, org, 'owner'), { userId: viewer.id, role: role.id });
      expect(await h.failure(S.deleteRole, asRole(owner.id, org, 'owner'), { roleId: role.id })).toMatchObject({ status: 409, code: 'role_in_use' });
      await h.request(S.updateMember, asRole(owner.id, org, 'owner'), { userId: viewer.id, role: 'viewer' });
      await expect(h.request(S.deleteRole, asRole(owner.id, org, 'owner'), { roleId: role.id })).resolves.toEqual({ id: role.id, object: 'role', deleted: true });
      expect(await h.failure(S.deleteRole, asRole(owner.id, org, 'owner'), { roleId: role.id })).toMatchObject({ status: 404 });
    });
  });

  describe('the org itself', () => {
    it('renames; transfers ownership (owner only) and the old owner becomes an admin', async () => {
      await expect(h.request(S.updateOrg, asRole(admin.id, org, 'admin'), { name: 'Renamed Co' })).resolves.toMatchObject({ name: 'Renamed Co', role: 'admin' });
      expect(await h.failure(S.transferOrg, asRole(admin.id, org, 'admin'), { userId: member.id })).toMatchObject({ status: 403, code: 'insufficient_role' });
      expect(await h.failure(S.transferOrg, asRole(owner.id, org, 'owner'), { userId: stranger.id })).toMatchObject({ status: 404 });
      await expect(h.request(S.transferOrg, asRole(owner.id, org, 'owner'), { userId: admin.id })).resolves.toMatchObject({ id: org.id, role: 'admin' });
      await expect(h.request(S.resolveMembership, testContext(), { userId: admin.id, orgId: org.id })).resolves.toMatchObject({ role: 'owner' });
      await expect(h.request(S.resolveMembership, testContext(), { userId: owner.id, orgId: org.id })).resolves.toMatchObject({ role: 'admin' });
    });

    it('refuses to delete while runs are in flight, then deletes: nobody resolves into it any more', async () => {
      liveRuns = 2;
      expect(await h.failure(S.deleteOrg, asRole(admin.id, org, 'owner'), {})).toMatchObject({ status: 409, code: 'runs_in_flight' });
      liveRuns = 0;
      await expect(h.request(S.deleteOrg, asRole(admin.id, org, 'owner'), {})).resolves.toEqual({ id: org.id, object: 'organization', deleted: true });
      expect(await h.failure(S.resolveMembership, testContext(), { userId: admin.id, orgId: org.id })).toMatchObject({ status: 404 });
      expect(await h.failure(S.getOrg, userCtx(admin.id), { orgId: org.id })).toMatchObject({ status: 404 });
      await new Promise((r) => setTimeout(r, 50));
      expect(broadcasts).toContainEqual({ orgId: org.id, reason: 'org_deleted' });
    });
  });
});
