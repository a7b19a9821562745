import { newId, Subjects, type AppError, type ListReply, type LookupUsersReply, type SessionDto, type SessionIssuedReply } from '@agentry/contracts';
import { testContext } from '@agentry/testing';
import { PasswordHasher } from '../src/users/password-hasher.js';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;
const PASSWORD = 'correct horse battery';

describe('identity sessions, user lookup and login hardening over NATS', () => {
  let h: IdentityHarness;
  let ada: SessionIssuedReply;
  let bob: SessionIssuedReply;

  const signup = (email: string, name: string) => h.request<SessionIssuedReply>(S.signup, testContext(), { email, password: PASSWORD, name });
  const login = (email: string, password = PASSWORD, userAgent = 'jest') =>
    h.request<SessionIssuedReply>(S.login, testContext({ userAgent, ip: '10.0.0.7' }), { email, password });
  const loginError = (email: string, password: string, ip = '127.0.0.1') => h.failure(S.login, testContext({ ip }), { email, password });
  const sessionCtx = (issued: SessionIssuedReply) =>
    testContext({ principal: { type: 'user', id: issued.user.id, userId: issued.user.id, sessionId: issued.sessionId } });

  beforeAll(async () => {
    h = await startIdentity({ LOGIN_MAX_FAILURES_PER_EMAIL: '12' });
    ada = await signup('ada@example.com', 'Ada');
    bob = await signup('bob@example.com', 'Bob');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('looks users up by id, in the order asked, leaving out unknown and malformed ids', async () => {
    const reply = await h.request<LookupUsersReply>(S.lookupUsers, testContext(), { userIds: [bob.user.id, newId('usr'), 'usr_x', ada.user.id, bob.user.id] });
    expect(reply.data).toEqual([bob.user, ada.user]);
    expect(JSON.stringify(reply)).not.toMatch(/password|argon/i);
    expect(await h.request(S.lookupUsers, testContext(), { userIds: [] })).toEqual({ data: [] });
    const tooMany = Array.from({ length: 101 }, () => newId('usr'));
    expect(await h.failure(S.lookupUsers, testContext(), { userIds: tooMany })).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('lists the caller active sessions, marks the current one, and revokes one', async () => {
    const second = await login('ada@example.com', PASSWORD, 'firefox');
    const third = await login('ada@example.com');
    const list = await h.request<ListReply<SessionDto>>(S.listSessions, sessionCtx(second), {});
    expect(list.data.map((s) => s.id)).toEqual([third.sessionId, second.sessionId, ada.sessionId]);
    expect(list.data.filter((s) => s.current).map((s) => s.id)).toEqual([second.sessionId]);
    expect(list.data[1]).toMatchObject({ object: 'session', userAgent: 'firefox', ip: '10.0.0.7', current: true });
    expect(Object.keys(list.data[0]!).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastSeenAt', 'object', 'userAgent']);

    // Bob sees none of Ada's sessions and cannot revoke them.
    const bobs = await h.request<ListReply<SessionDto>>(S.listSessions, sessionCtx(bob), {});
    expect(bobs.data.map((s) => s.id)).toEqual([bob.sessionId]);
    expect(await h.failure(S.revokeSession, sessionCtx(bob), { id: third.sessionId })).toMatchObject({ status: 404, code: 'not_found' });
    await expect(h.request(S.authenticateSession, testContext(), { token: third.sessionToken })).resolves.toMatchObject({ sessionId: third.sessionId });

    expect(await h.request(S.revokeSession, sessionCtx(second), { id: third.sessionId })).toEqual({ id: third.sessionId, object: 'session', revoked: true });
    expect(await h.failure(S.authenticateSession, testContext(), { token: third.sessionToken })).toMatchObject({ status: 401, code: 'unauthenticated' });
    const after = await h.request<ListReply<SessionDto>>(S.listSessions, sessionCtx(second), {});
    expect(after.data.map((s) => s.id)).toEqual([second.sessionId, ada.sessionId]);
    expect(await h.failure(S.revokeSession, sessionCtx(second), { id: third.sessionId })).toMatchObject({ status: 404 });
    expect(await h.failure(S.revokeSession, sessionCtx(second), { id: 'ses_bad' })).toMatchObject({ status: 404 });

    // Expired sessions are not active.
    await h.sql(`UPDATE "identity"."sessions" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`, [ada.sessionId]);
    const live = await h.request<ListReply<SessionDto>>(S.listSessions, sessionCtx(second), {});
    expect(live.data.map((s) => s.id)).toEqual([second.sessionId]);

    const key = testContext({ principal: { type: 'api_key', id: newId('key'), apiKeyId: newId('key'), userId: ada.user.id } });
    expect(await h.failure(S.listSessions, key, {})).toMatchObject({ status: 403, code: 'session_required' });
  });

  it('answers 429 rate_limited after 5 failed logins for an email from one IP, even to the right password, without locking out other IPs', async () => {
    const carol = await signup('carol@example.com', 'Carol');
    for (let i = 0; i < 5; i++) expect(await loginError('Carol@Example.com', 'wrong password')).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const limited = await loginError('carol@example.com', PASSWORD);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
    expect((limited as AppError).extra?.retryAfterSeconds).toBeGreaterThan(800);
    expect((limited as AppError).extra?.retryAfterSeconds).toBeLessThanOrEqual(900);
    // Other emails are not affected, and Carol herself still logs in from her own address.
    await expect(login('bob@example.com')).resolves.toMatchObject({ user: { id: bob.user.id } });
    await expect(login('carol@example.com')).resolves.toMatchObject({ user: { id: carol.user.id } });
    // Her success cleared her own buckets; the guesser's address stays limited until its window passes.
    expect(await loginError('carol@example.com', PASSWORD)).toMatchObject({ status: 429 });
    await h.sql(`UPDATE "identity"."login_failures" SET "window_started_at" = now() - interval '16 minutes' WHERE "bucket" LIKE '%email:carol@example.com'`);
    await expect(h.request(S.login, testContext(), { email: 'carol@example.com', password: PASSWORD })).resolves.toMatchObject({ user: { id: carol.user.id } });
    expect(await h.sql(`SELECT 1 FROM "identity"."login_failures" WHERE "bucket" LIKE '%email:carol@example.com'`)).toEqual([]);
  });

  it('limits an email across all IPs at LOGIN_MAX_FAILURES_PER_EMAIL, and a typed email cannot name a per-IP bucket', async () => {
    const fay = await signup('fay@example.com', 'Fay');
    // A typed "email" shaped like a bucket name counts only against itself.
    for (let i = 0; i < 6; i++) await loginError('ip:10.0.0.7 email:fay@example.com', 'x');
    await expect(login('fay@example.com')).resolves.toMatchObject({ user: { id: fay.user.id } });
    // 12 failures from 4 addresses (3 each, under the per-IP limit), then every address is refused.
    for (let i = 0; i < 12; i++) expect(await loginError('fay@example.com', 'wrong password', `192.0.2.${i % 4}`)).toMatchObject({ status: 401 });
    expect(await loginError('fay@example.com', PASSWORD, '198.51.100.1')).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('a successful login resets the count; unknown emails are limited the same way', async () => {
    await signup('dan@example.com', 'Dan');
    for (let i = 0; i < 4; i++) await loginError('dan@example.com', 'wrong password');
    await h.request(S.login, testContext(), { email: 'dan@example.com', password: PASSWORD });
    for (let i = 0; i < 5; i++) expect(await loginError('dan@example.com', 'wrong password')).toMatchObject({ status: 401 });
    expect(await loginError('dan@example.com', 'wrong password')).toMatchObject({ status: 429 });

    for (let i = 0; i < 5; i++) expect(await loginError('ghost@example.com', 'whatever pw')).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(await loginError('ghost@example.com', 'whatever pw')).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('counts concurrent guesses atomically: only 5 of 12 parallel attempts reach the password check', async () => {
    await signup('eve@example.com', 'Eve');
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => loginError('eve@example.com', 'parallel guess')));
    const codes = outcomes.map((e) => e.code).sort();
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(7);
  });

  it('verifies unknown emails against a real argon2id hash made at start-up', async () => {
    const hasher = h.service.app.get(PasswordHasher) as unknown as { dummyHash?: string };
    expect(hasher.dummyHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(await loginError('nobody@example.com', PASSWORD)).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });
});
