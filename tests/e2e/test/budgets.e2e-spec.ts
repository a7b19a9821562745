import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, signup } from './support/tenants.js';
import { eventually } from './support/webhook-receiver.js';

/** An http agent reports its usage; the org's daily budget admits runs while it has room. */
describe('usage and daily budgets', () => {
  let platform: TestPlatform;
  let agentServer: Server;
  let base: string;
  let owner: ApiClient;
  let orgId: string;
  let key: ApiClient;

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'runner'] });
    base = `${platform.url}/api`;
    agentServer = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/vnd.agentry.result+json' });
        res.end(JSON.stringify({ output: { summary: 'done' }, usage: { inputTokens: 1200, outputTokens: 80, costMicroUsd: 60 } }));
      }, 300));
    });
    await new Promise<void>((resolve) => agentServer.listen(0, '127.0.0.1', resolve));
    const { user, csrf } = await signup(base, 'owner@budget.test', 'Owner');
    orgId = (await user.withHeaders(csrf).post('/orgs', { name: 'Budget' })).body.id;
    owner = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    const created = await owner.post('/api-keys', { name: 'k', scopes: ['agents:run', 'runs:read'] });
    key = new ApiClient(base, { authorization: `Bearer ${created.body.key}` });
    const port = (agentServer.address() as AddressInfo).port;
    const agent = await owner.post('/agents', { slug: 'llm', name: 'LLM', executor: { kind: 'http', url: `http://127.0.0.1:${port}/` }, maxCostMicroUsd: 100 });
    expect(agent.status).toBe(201);
    expect((await owner.get(`/agents/${agent.body.id}/versions`)).body.data[0].maxCostMicroUsd).toBe(100);
  });

  afterAll(async () => {
    await new Promise((resolve) => agentServer?.close(resolve));
    await platform?.close();
  });

  it('records the usage an http agent reports with application/vnd.agentry.result+json', async () => {
    const run = await key.post('/runs', { agentId: 'llm', input: {} });
    const done = await eventually(() => key.get(`/runs/${run.body.id}`), (r) => r.body?.status === 'succeeded');
    expect(done.body).toMatchObject({ output: { summary: 'done' }, usage: { inputTokens: 1200, outputTokens: 80, costMicroUsd: 60 } });
  });

  it('402 budget_exceeded once spend and reservations fill the day; quota changes apply at once', async () => {
    // 60 spent so far today; 60 + 100 + 100 = 260 > 250 refuses the third concurrent run.
    expect((await owner.patch(`/orgs/${orgId}/quotas`, { dailyBudgetMicroUsd: 250 })).status).toBe(200);
    const a = await key.post('/runs', { agentId: 'llm', input: {} });
    expect(a.status).toBe(201);
    const refused = await key.post('/runs', { agentId: 'llm', input: {} });
    expectProblem(refused, 402, 'budget_exceeded');
    expect(refused.body).toMatchObject({ dailyBudgetMicroUsd: 250, spentMicroUsd: 60, reservedMicroUsd: 100 });
    await eventually(() => key.get(`/runs/${a.body.id}`), (r) => r.body?.status === 'succeeded');
    // 120 spent now: one more priced run fits (220), the next would not.
    expect((await key.post('/runs', { agentId: 'llm', input: {} })).status).toBe(201);
    expectProblem(await key.post('/runs', { agentId: 'llm', input: {} }), 402, 'budget_exceeded');
    expect((await owner.patch(`/orgs/${orgId}/quotas`, { dailyBudgetMicroUsd: null })).status).toBe(200);
    expect((await key.post('/runs', { agentId: 'llm', input: {} })).status).toBe(201);
  });
});
