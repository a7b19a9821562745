import { Subjects, type AuthenticatedSessionReply, type ImpersonationDto, type SessionIssuedReply } from '@agentry/contracts';
import { testContext } from '@agentry/testing';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;

describe('identity support impersonation over NATS', () => {
  let h: IdentityHarness;
  let admin: SessionIssuedReply;
  let customer: SessionIssuedReply;
  const asAdmin = (platformAdmin = true) => testContext({ principal: { type: 'user', id: admin.user.id, userId: admin.user.id, sessionId: admin.sessionId }, platformAdmin });

  beforeAll(async () => {
    h = await startIdentity();
    admin = await h.request<SessionIssuedReply>(S.signup, testContext(), { email: 'admin@example.com', password: 'long enough password', name: 'Admin' });
    customer = await h.request<SessionIssuedReply>(S.signup, testContext(), { email: 'customer@example.com', password: 'long enough password', name: 'Customer' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('issues a session for the user that names its impersonator and ends at the deadline', async () => {
    expect(await h.failure(S.startImpersonation, asAdmin(false), { userId: customer.user.id, reason: 'x', minutes: 5 })).toMatchObject({ status: 403 });
    const started = await h.request<{ impersonation: ImpersonationDto; session: SessionIssuedReply }>(S.startImpersonation, asAdmin(), {
      userId: customer.user.id, reason: 'ticket 1', minutes: 5,
    });
    expect(started.impersonation).toMatchObject({ userId: customer.user.id, impersonatorUserId: admin.user.id, reason: 'ticket 1' });
    expect(started.session.user.id).toBe(customer.user.id);
    expect(Date.parse(started.session.expiresAt)).toBe(Date.parse(started.impersonation.expiresAt));
    const seen = await h.request<AuthenticatedSessionReply>(S.authenticateSession, testContext(), { token: started.session.sessionToken });
    expect(seen).toMatchObject({ user: { id: customer.user.id }, impersonator: { userId: admin.user.id, impersonationId: started.impersonation.id } });
    const [audit] = await h.sql<{ payload: { audit: { action: string; impersonator: unknown } } }>(
      `SELECT "payload" FROM "identity"."outbox" WHERE "payload"->>'type' = 'impersonation.started'`,
    );
    expect(audit!.payload.audit).toMatchObject({ action: 'impersonation.start', impersonator: { userId: admin.user.id } });

    // Past its deadline the session is gone, whatever it does.
    await h.sql(`UPDATE "identity"."sessions" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`, [started.session.sessionId]);
    expect(await h.failure(S.authenticateSession, testContext(), { token: started.session.sessionToken })).toMatchObject({ status: 401 });
  });

  it('ends from within the support session or by an admin; nobody else; not twice; no nesting', async () => {
    const started = await h.request<{ impersonation: ImpersonationDto; session: SessionIssuedReply }>(S.startImpersonation, asAdmin(), {
      userId: customer.user.id, reason: 'ticket 2', minutes: 30,
    });
    const support = testContext({
      principal: { type: 'user', id: customer.user.id, userId: customer.user.id, sessionId: started.session.sessionId },
      impersonator: { userId: admin.user.id, impersonationId: started.impersonation.id }, platformAdmin: true,
    });
    expect(await h.failure(S.startImpersonation, support, { userId: admin.user.id, reason: 'nest', minutes: 1 })).toMatchObject({ status: 403 });
    const customerCtx = testContext({ principal: { type: 'user', id: customer.user.id, userId: customer.user.id, sessionId: customer.sessionId } });
    expect(await h.failure(S.endImpersonation, customerCtx, { id: started.impersonation.id })).toMatchObject({ status: 403 });
    await expect(h.request(S.endImpersonation, support, { id: started.impersonation.id })).resolves.toMatchObject({ endedAt: expect.any(String) });
    expect(await h.failure(S.authenticateSession, testContext(), { token: started.session.sessionToken })).toMatchObject({ status: 401 });
    expect(await h.failure(S.endImpersonation, asAdmin(), { id: started.impersonation.id })).toMatchObject({ status: 409, code: 'impersonation_ended' });
    expect(await h.failure(S.startImpersonation, asAdmin(), { userId: customer.user.id, reason: 'x', minutes: 31 })).toMatchObject({ status: 400 });
  });
});
