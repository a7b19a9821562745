#!/usr/bin/env node
// `pnpm seed`: creates (or reuses) a demo user, org, API key, end-user and agent through the
// public API, then prints a curl that starts a run. GATEWAY_URL defaults to http://127.0.0.1:3000.
const base = `${process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000'}/api`;
const cookies = new Map();

async function call(method, path, body, headers = {}) {
  const h = { ...headers };
  if (cookies.size) h.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (body !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET' && cookies.has('agentry_csrf')) h['x-csrf-token'] = cookies.get('agentry_csrf');
  const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    cookies.set(pair.slice(0, i), pair.slice(i + 1));
  }
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function must(res, what) {
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const email = 'demo@agentry.local';
const password = 'demo-password-123';
let auth = await call('POST', '/auth/signup', { email, password, name: 'Demo User' });
if (auth.status === 409) auth = await call('POST', '/auth/login', { email, password });
must(auth, 'signup/login');

const orgs = must(await call('GET', '/orgs'), 'list orgs');
const org = orgs.data?.find((o) => o.name === 'Demo Org') ?? must(await call('POST', '/orgs', { name: 'Demo Org' }), 'create org');
const inOrg = { 'x-org-id': org.id };

const key = must(await call('POST', '/api-keys', {
  name: `demo-${Date.now()}`,
  scopes: ['agents:read', 'agents:run', 'runs:read', 'runs:cancel', 'end-users:create', 'end-users:read', 'end-users:impersonate', 'webhooks:create', 'webhooks:read'],
}, inOrg), 'create API key');

const agent = await call('POST', '/agents', {
  slug: 'inbox-triage', name: 'Inbox triage', executor: { kind: 'builtin', name: 'echo' },
  inputSchema: { type: 'object', required: ['subject'], properties: { subject: { type: 'string' } } },
}, inOrg);
if (agent.status !== 201 && agent.status !== 409) must(agent, 'create agent');

const asKey = { authorization: `Bearer ${key.key}` };
let endUser = await call('POST', '/end-users', { externalId: 'demo-customer', name: 'Demo Customer' }, asKey);
if (endUser.status === 409) endUser = { body: (await call('GET', '/end-users?externalId=demo-customer', undefined, asKey)).body.data[0] };
const endUserId = must(endUser, 'create end-user').id;

process.stdout.write(`
Seeded: org ${org.id}, end-user ${endUserId}, agent inbox-triage.
Dashboard login: ${email} / ${password} (session calls name the org with X-Org-Id: ${org.id})
API key (shown once): ${key.key}

Start a run for the end-user:

curl -s -X POST ${base}/runs \\
  -H 'Authorization: Bearer ${key.key}' \\
  -H 'Appstrate-User: ${endUserId}' \\
  -H 'Idempotency-Key: demo-'$(date +%s) \\
  -H 'Content-Type: application/json' \\
  -d '{"agentId": "inbox-triage", "input": {"subject": "Hello from curl"}}'

Then: curl -s ${base}/runs -H 'Authorization: Bearer ${key.key}' -H 'Appstrate-User: ${endUserId}'
`);
