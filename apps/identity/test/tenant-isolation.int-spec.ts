import { Subjects, type ApiKeyDto, type ConnectionDto, type CreatedApiKeyDto, type EndUserDto, type ListReply } from '@agentry/contracts';
import { ctxFor, newTenant, startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;

/** Walks every app-scoped identity subject with a foreign principal: 404 or an empty list, never the other tenant's data. */
describe('identity tenant isolation', () => {
  let h: IdentityHarness;
  const owner = newTenant();
  const ctx = ctxFor(owner);
  let key: CreatedApiKeyDto;
  let endUser: EndUserDto;
  let connection: ConnectionDto;

  beforeAll(async () => {
    h = await startIdentity();
    key = await h.request<CreatedApiKeyDto>(S.createApiKey, ctx, { name: 'k', scopes: ['runs:read'] });
    endUser = await h.request<EndUserDto>(S.createEndUser, ctx, { externalId: 'x', email: 'x@example.com' });
    connection = await h.request<ConnectionDto>(S.createConnection, ctx, { provider: 'github', credentials: { t: 1 } });
  });

  afterAll(async () => {
    await h?.close();
  });

  const foreigners = () => [
    ['another org', ctxFor(newTenant())],
    ['another application of the same org', ctxFor(newTenant(owner.orgId))],
    ['the same user in another org', ctxFor({ ...newTenant(), userId: owner.userId })],
  ] as const;

  it.each(foreigners())('%s gets 404 for every id of the tenant', async (_, foreign) => {
    const byId: Array<[string, Record<string, unknown>]> = [
      [S.getApiKey, { id: key.id }],
      [S.revokeApiKey, { id: key.id }],
      [S.getEndUser, { id: endUser.id }],
      [S.updateEndUser, { id: endUser.id, name: 'taken over' }],
      [S.deleteEndUser, { id: endUser.id }],
      [S.deleteConnection, { id: connection.id }],
    ];
    for (const [subject, data] of byId) {
      expect(await h.failure(subject, foreign, data)).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(await h.request(S.resolveEndUser, foreign, { endUserId: endUser.id })).toEqual({ exists: false });
  });

  it.each(foreigners())('%s lists nothing of the tenant', async (_, foreign) => {
    for (const [subject, data] of [
      [S.listApiKeys, {}], [S.listEndUsers, {}], [S.listEndUsers, { externalId: 'x' }], [S.listEndUsers, { email: 'x@example.com' }], [S.listConnections, {}],
    ] as const) {
      const list = await h.request<ListReply<{ id: string }>>(subject, foreign, data);
      expect(list.data).toEqual([]);
    }
  });

  it('left everything of the tenant untouched', async () => {
    expect(await h.request<ApiKeyDto>(S.getApiKey, ctx, { id: key.id })).toMatchObject({ revokedAt: null });
    expect(await h.request(S.getEndUser, ctx, { id: endUser.id })).toEqual(endUser);
    expect((await h.request<ListReply<ConnectionDto>>(S.listConnections, ctx, {})).data).toEqual([connection]);
    await expect(h.request(S.authenticateApiKey, ctx, { key: key.key })).resolves.toMatchObject({ apiKeyId: key.id });
  });
});
