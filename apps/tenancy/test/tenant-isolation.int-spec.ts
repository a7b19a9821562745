import {
  newId, Subjects,
  type ApplicationDto, type ListReply, type MemberDto, type OrgQuotasDto, type OrgSettingsDto, type OrgWithRoleDto, type RequestContext, type RoleDto,
} from '@agentry/contracts';
import { apiKeyCtx, createOrg, fakeIdentityLookup, ownerCtx, startTenancy, user, userCtx, type Harness } from './support/harness.js';

const S = Subjects.tenancy;

/** Walks every tenancy subject with a foreign principal: 404 or only its own data, never the other tenant's. */
describe('tenancy tenant isolation', () => {
  let h: Harness;
  const ada = user('Ada');
  const eve = user('Eve');
  let acme: OrgWithRoleDto;
  let evil: OrgWithRoleDto;
  let app: ApplicationDto;
  let role: RoleDto;
  let identity: Awaited<ReturnType<typeof fakeIdentityLookup>>;
  const acmeCtx = (): RequestContext => ownerCtx(ada.id, acme);

  beforeAll(async () => {
    h = await startTenancy();
    identity = await fakeIdentityLookup(h, [ada, eve]);
    acme = await createOrg(h, ada.id, 'Acme');
    evil = await createOrg(h, eve.id, 'Evil');
    app = await h.request<ApplicationDto>(S.createApplication, acmeCtx(), { name: 'Acme app' });
    role = await h.request<RoleDto>(S.createRole, acmeCtx(), { name: 'Acme role', permissions: ['runs:read'] });
  });

  afterAll(async () => {
    identity?.stop();
    await h?.close();
  });

  const keyScopes = ['applications:read', 'applications:update', 'applications:delete'];
  /** Built lazily: the orgs exist only once beforeAll ran. */
  const foreigners: Array<[string, () => RequestContext]> = [
    ['an owner of another org', () => ownerCtx(eve.id, evil)],
    ['an API key of another org', () => apiKeyCtx(eve.id, evil.id, evil.defaultApplicationId, keyScopes)],
    ['an API key of another application of the same org', () => apiKeyCtx(ada.id, acme.id, acme.defaultApplicationId, keyScopes)],
  ];

  it.each(foreigners)('%s gets 404 for every application id of the tenant', async (_, foreignCtx) => {
    const foreign = foreignCtx();
    for (const [subject, data] of [
      [S.getApplication, { id: app.id }],
      [S.updateApplication, { id: app.id, name: 'taken over' }],
      [S.deleteApplication, { id: app.id }],
    ] as const) {
      expect(await h.failure(subject, foreign, data)).toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it('an outsider gets 404 for the org itself, and cannot resolve into it', async () => {
    expect(await h.failure(S.getOrg, userCtx(eve.id), { orgId: acme.id })).toMatchObject({ status: 404, code: 'not_found' });
    expect(await h.failure(S.resolveMembership, userCtx(eve.id), { userId: eve.id, orgId: acme.id })).toMatchObject({ status: 404 });
    expect(await h.failure(S.resolveMembership, userCtx(eve.id), { userId: eve.id, orgId: evil.id, applicationId: app.id })).toMatchObject({ status: 404 });
  });

  it('a path orgId naming another org than the context is 404 on every org-scoped subject', async () => {
    const foreign = ownerCtx(eve.id, evil);
    for (const [subject, data] of [
      [S.listMembers, { orgId: acme.id }], [S.listRoles, { orgId: acme.id }], [S.createRole, { orgId: acme.id, name: 'x', permissions: ['runs:read'] }],
      [S.getSettings, { orgId: acme.id }], [S.updateSettings, { orgId: acme.id, auditRetentionDays: 1 }],
      [S.getQuotas, { orgId: acme.id }], [S.updateQuotas, { orgId: acme.id, maxConcurrentRuns: 1 }],
    ] as const) {
      expect(await h.failure(subject, foreign, data)).toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it.each(foreigners)('%s lists nothing of the tenant', async (_, foreignCtx) => {
    const foreign = foreignCtx();
    const apps = await h.request<ListReply<ApplicationDto>>(S.listApplications, foreign, { limit: 100 });
    expect(apps.data.map((a) => a.id)).not.toContain(app.id);
    if (foreign.orgId === acme.id) return; // the same org's members and roles are its own
    const members = await h.request<ListReply<MemberDto>>(S.listMembers, foreign, {});
    expect(members.data.map((m) => m.userId)).toEqual([eve.id]);
    const roles = await h.request<ListReply<RoleDto>>(S.listRoles, foreign, { limit: 100 });
    expect(roles.data.map((r) => r.id)).not.toContain(role.id);
    const orgs = await h.request<ListReply<OrgWithRoleDto>>(S.listOrgs, userCtx(eve.id), {});
    expect(orgs.data.map((o) => o.id)).toEqual([evil.id]);
  });

  it('writes by the other org left everything of the tenant untouched', async () => {
    const foreign = ownerCtx(eve.id, evil);
    await h.request(S.updateSettings, foreign, { auditRetentionDays: 7 });
    await h.request(S.updateQuotas, foreign, { maxConcurrentRuns: 1, dailyBudgetMicroUsd: 0 });
    expect(await h.request<ApplicationDto>(S.getApplication, acmeCtx(), { id: app.id })).toEqual(app);
    expect(await h.request<OrgSettingsDto>(S.getSettings, acmeCtx(), {})).toMatchObject({ auditRetentionDays: 365 });
    expect(await h.request<OrgQuotasDto>(S.getQuotas, acmeCtx(), {})).toMatchObject({ maxConcurrentRuns: 10, dailyBudgetMicroUsd: null });
    const roles = await h.request<ListReply<RoleDto>>(S.listRoles, acmeCtx(), { limit: 100 });
    expect(roles.data.map((r) => r.id)).toContain(role.id);
    expect(await h.failure(S.getOrg, userCtx(newId('usr')), { orgId: acme.id })).toMatchObject({ status: 404 });
  });
});
