import { AppError, Subjects, type SessionIssuedReply, type AuthenticatedSessionReply } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import { identityService } from '../src/index.js';

describe('identity users over NATS', () => {
  let db: TestDatabase;
  let ns: string;
  let service: RunningService;
  let client: Awaited<ReturnType<typeof createTestRpc>>;

  beforeAll(async () => {
    db = await createTestDatabase('identity');
    ns = testNamespace();
    service = await startService(identityService, serviceTestEnv(db, ns));
    client = await createTestRpc(ns);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('signs up, then authenticates the session token', async () => {
    const reply = await client.rpc.request<SessionIssuedReply>(Subjects.identity.signup, testContext(), {
      email: '  Ada@Example.COM ', password: 'correct horse battery', name: 'Ada',
    });
    expect(reply.user.email).toBe('ada@example.com');
    expect(reply.user.id).toMatch(/^usr_/);
    expect(reply).not.toHaveProperty('user.passwordHash');
    const session = await client.rpc.request<AuthenticatedSessionReply>(Subjects.identity.authenticateSession, testContext(), { token: reply.sessionToken });
    expect(session.user.id).toBe(reply.user.id);
  });

  it('refuses a case variant of an existing email with 409 email_taken', async () => {
    const error = await client.rpc
      .request(Subjects.identity.signup, testContext(), { email: 'ADA@example.com', password: 'another password', name: 'Ada 2' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: 'email_taken' });
  });

  it('keeps status and code of validation errors across the hop, naming unknown fields', async () => {
    const error = await client.rpc
      .request(Subjects.identity.signup, testContext(), { email: 'x@example.com', password: 'long enough pw', name: 'X', admin: true })
      .catch((e: unknown) => e as AppError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((error as AppError).errors).toContainEqual(expect.objectContaining({ field: 'admin', code: 'unknown_field' }));
  });

  it('answers a wrong password with 401 invalid_credentials', async () => {
    const error = await client.rpc
      .request(Subjects.identity.login, testContext(), { email: 'ada@example.com', password: 'wrong password!' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });
});
