import {
  CURRENT_API_VERSION, newId, Subjects, systemContext,
  type MembershipChangedBroadcast, type MembershipResolution, type OrgQuotasDto, type OrgSettingsDto, type OrgWithRoleDto,
} from '@agentry/contracts';
import { createOrg, outboxRows, ownerCtx, startTenancy, userCtx, type Harness } from './support/harness.js';

const S = Subjects.tenancy;

describe('tenancy settings and quotas over NATS', () => {
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

  describe('quotas', () => {
    it('start at the defaults, also for a system context (runs admission)', async () => {
      const expected = { object: 'quotas', requestsPerMinute: 600, maxConcurrentRuns: 10, maxQueuedRuns: 100, dailyBudgetMicroUsd: null };
      await expect(h.request(S.getQuotas, ownerCtx(ada, acme), {})).resolves.toEqual(expected);
      await expect(h.request(S.getQuotas, systemContext(newId('req'), CURRENT_API_VERSION, acme.id), {})).resolves.toEqual(expected);
    });

    it('update only what is sent, audited, and stay within the org', async () => {
      const ctx = ownerCtx(ada, acme);
      const updated = await h.request<OrgQuotasDto>(S.updateQuotas, ctx, { maxConcurrentRuns: 3, dailyBudgetMicroUsd: 1_000_000_000_000_000 });
      expect(updated).toEqual({ object: 'quotas', requestsPerMinute: 600, maxConcurrentRuns: 3, maxQueuedRuns: 100, dailyBudgetMicroUsd: 1e15 });
      await expect(h.request(S.getQuotas, ctx, {})).resolves.toEqual(updated);
      const zeroQueue = await h.request<OrgQuotasDto>(S.updateQuotas, ctx, { maxQueuedRuns: 0, requestsPerMinute: 100_000 });
      expect(zeroQueue).toMatchObject({ maxConcurrentRuns: 3, maxQueuedRuns: 0, requestsPerMinute: 100_000, dailyBudgetMicroUsd: 1e15 });
      // The platform's ceilings (QUOTA_LIMIT_*) bound what an org may give itself.
      const over = await h.failure(S.updateQuotas, ctx, { requestsPerMinute: 100_001, maxConcurrentRuns: 101 });
      expect(over).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(over.errors?.map((e) => [e.field, e.code]).sort()).toEqual([['maxConcurrentRuns', 'exceeds_platform_limit'], ['requestsPerMinute', 'exceeds_platform_limit']]);
      const unlimited = await h.request<OrgQuotasDto>(S.updateQuotas, ctx, { dailyBudgetMicroUsd: null });
      expect(unlimited.dailyBudgetMicroUsd).toBeNull();
      await expect(h.request(S.getQuotas, ownerCtx(bob, globex), {})).resolves.toMatchObject({ maxConcurrentRuns: 10, maxQueuedRuns: 100 });
      const audit = (await outboxRows(h, acme.id)).find((r) => r.subject === 'events.quotas.updated');
      expect(audit?.payload.audit).toMatchObject({ action: 'quotas.update', actor: { type: 'user', id: ada }, resource: { type: 'quotas', id: acme.id } });
    });

    it.each([
      ['requestsPerMinute', 0], ['requestsPerMinute', 1_000_001], ['requestsPerMinute', null], ['requestsPerMinute', '600'],
      ['maxConcurrentRuns', 0], ['maxConcurrentRuns', 10_001], ['maxConcurrentRuns', 2.5],
      ['maxQueuedRuns', -1], ['maxQueuedRuns', 100_001], ['maxQueuedRuns', null],
      ['dailyBudgetMicroUsd', -1], ['dailyBudgetMicroUsd', 1e15 + 1], ['dailyBudgetMicroUsd', '5'], ['dailyBudgetMicroUsd', 0.5],
      ['burst', 5],
    ])('refuse %s = %p with 400 validation_failed naming the field', async (field, value) => {
      const error = await h.failure(S.updateQuotas, ownerCtx(ada, acme), { [field]: value });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('answer 404 for an unknown org and for a path org that is not the context org', async () => {
      const unknown = systemContext(newId('req'), CURRENT_API_VERSION, newId('org'));
      await expect(h.failure(S.getQuotas, unknown, {})).resolves.toMatchObject({ status: 404, code: 'not_found' });
      await expect(h.failure(S.updateQuotas, ownerCtx(ada, acme), { orgId: globex.id, maxConcurrentRuns: 1 })).resolves.toMatchObject({ status: 404 });
      await expect(h.request(S.getQuotas, ownerCtx(bob, globex), { orgId: globex.id })).resolves.toMatchObject({ maxConcurrentRuns: 10 });
      await expect(h.failure(S.getQuotas, userCtx(ada), {})).resolves.toMatchObject({ status: 400, code: 'org_required' });
    });
  });

  describe('settings', () => {
    it('start with the pinned version and a 365-day audit retention', async () => {
      await expect(h.request(S.getSettings, ownerCtx(ada, acme), {})).resolves.toEqual({
        object: 'settings', apiVersion: CURRENT_API_VERSION, auditRetentionDays: 365,
      });
    });

    it.each([['2020-01-01'], ['latest'], ['']])('refuse apiVersion %p with 400 unsupported_api_version', async (apiVersion) => {
      const error = await h.failure(S.updateSettings, ownerCtx(ada, acme), { apiVersion });
      expect(error).toMatchObject({ status: 400, code: 'unsupported_api_version' });
    });

    it.each([
      ['apiVersion', 20261101], ['apiVersion', null], ['auditRetentionDays', 0], ['auditRetentionDays', 3651], ['auditRetentionDays', '30'], ['theme', 'dark'],
    ])('refuse %s = %p with 400 validation_failed', async (field, value) => {
      const error = await h.failure(S.updateSettings, ownerCtx(ada, acme), { [field]: value });
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('update a supported version and the retention, re-pin the org, and broadcast the change', async () => {
      const heard: MembershipChangedBroadcast[] = [];
      const sub = h.nc.subscribe(`${h.ns}.${Subjects.broadcast.membershipChanged}`, { callback: (_e, msg) => void heard.push(msg.json()) });
      await h.nc.flush();
      const ctx = ownerCtx(ada, acme);
      const updated = await h.request<OrgSettingsDto>(S.updateSettings, ctx, { apiVersion: CURRENT_API_VERSION, auditRetentionDays: 30 });
      expect(updated).toEqual({ object: 'settings', apiVersion: CURRENT_API_VERSION, auditRetentionDays: 30 });
      await expect(h.request(S.getSettings, ctx, {})).resolves.toEqual(updated);
      const resolved = await h.request<MembershipResolution>(S.resolveMembership, userCtx(ada), { userId: ada, orgId: acme.id });
      expect(resolved.apiVersion).toBe(CURRENT_API_VERSION);
      await expect(h.request(S.getSettings, ownerCtx(bob, globex), {})).resolves.toMatchObject({ auditRetentionDays: 365 });
      const deadline = Date.now() + 2000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      sub.unsubscribe();
      expect(heard).toEqual([{ orgId: acme.id, reason: 'settings_updated' }]);
      const audit = (await outboxRows(h, acme.id)).find((r) => r.subject === 'events.settings.updated');
      expect(audit?.payload.audit).toMatchObject({ action: 'settings.update', resource: { type: 'settings', id: acme.id } });
    });
  });
});
