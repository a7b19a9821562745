import { Subjects, type SessionIssuedReply, type TwoFactorSetupDto, type UserDto } from '@agentry/contracts';
import { testContext } from '@agentry/testing';
import { totpCode, totpStep } from '../src/two-factor/totp.js';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';

const S = Subjects.identity;
const PASSWORD = 'correct horse battery';

describe('identity two-factor authentication (TOTP) over NATS', () => {
  let h: IdentityHarness;
  let ada: SessionIssuedReply;
  const asAda = () => testContext({ principal: { type: 'user', id: ada.user.id, userId: ada.user.id, sessionId: ada.sessionId } });
  const login = (totpCodeValue?: string) =>
    h.request<SessionIssuedReply>(S.login, testContext(), { email: 'ada@example.com', password: PASSWORD, ...(totpCodeValue ? { totpCode: totpCodeValue } : {}) });

  beforeAll(async () => {
    h = await startIdentity();
    ada = await h.request<SessionIssuedReply>(S.signup, testContext(), { email: 'ada@example.com', password: PASSWORD, name: 'Ada' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sets up a secret (sealed at rest), enables with a code, then login needs a fresh code', async () => {
    const setup = await h.request<TwoFactorSetupDto>(S.setUpTwoFactor, asAda(), {});
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    const [row] = await h.sql<{ totp_secret: string; two_factor_enabled: boolean }>(`SELECT "totp_secret", "two_factor_enabled" FROM "identity"."users" WHERE "id" = $1`, [ada.user.id]);
    expect(row!.totp_secret).not.toContain(setup.secret);
    expect(row!.two_factor_enabled).toBe(false);
    // Not in force until enabled.
    await expect(login()).resolves.toMatchObject({ user: { twoFactorEnabled: false } });

    expect(await h.failure(S.enableTwoFactor, asAda(), { code: '000000' })).toMatchObject({ status: 401, code: 'invalid_totp_code' });
    const step = totpStep();
    const enabled = await h.request<UserDto>(S.enableTwoFactor, asAda(), { code: totpCode(setup.secret, step) });
    expect(enabled.twoFactorEnabled).toBe(true);
    expect(await h.failure(S.setUpTwoFactor, asAda(), {})).toMatchObject({ status: 409, code: 'two_factor_enabled' });

    expect(await h.failure(S.login, testContext(), { email: 'ada@example.com', password: PASSWORD })).toMatchObject({ status: 401, code: 'totp_required' });
    // The code that enabled 2FA is used up; the next step's code works once.
    expect(await h.failure(S.login, testContext(), { email: 'ada@example.com', password: PASSWORD, totpCode: totpCode(setup.secret, step) })).toMatchObject({ status: 401, code: 'invalid_totp_code' });
    const next = totpCode(setup.secret, step + 1);
    await expect(login(next)).resolves.toMatchObject({ user: { twoFactorEnabled: true } });
    expect(await h.failure(S.login, testContext(), { email: 'ada@example.com', password: PASSWORD, totpCode: next })).toMatchObject({ status: 401, code: 'invalid_totp_code' });
    // A wrong password with a right code is still invalid_credentials.
    expect(await h.failure(S.login, testContext(), { email: 'ada@example.com', password: 'wrong password', totpCode: totpCode(setup.secret, step - 1) })).toMatchObject({ status: 401, code: 'invalid_credentials' });

    // Disabling needs a code too, and erases the secret.
    expect(await h.failure(S.disableTwoFactor, asAda(), { code: next })).toMatchObject({ status: 401 });
    await h.sql(`UPDATE "identity"."users" SET "totp_last_step" = NULL WHERE "id" = $1`, [ada.user.id]);
    await expect(h.request(S.disableTwoFactor, asAda(), { code: totpCode(setup.secret, totpStep()) })).resolves.toMatchObject({ twoFactorEnabled: false });
    const [after] = await h.sql<{ totp_secret: string | null }>(`SELECT "totp_secret" FROM "identity"."users" WHERE "id" = $1`, [ada.user.id]);
    expect(after!.totp_secret).toBeNull();
    await expect(login()).resolves.toMatchObject({ user: { twoFactorEnabled: false } });
  });

  it('refuses malformed codes, API keys, and enabling before setup', async () => {
    expect(await h.failure(S.enableTwoFactor, asAda(), { code: '12345' })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await h.failure(S.enableTwoFactor, asAda(), { code: '123456' })).toMatchObject({ status: 409, code: 'two_factor_not_set_up' });
    expect(await h.failure(S.disableTwoFactor, asAda(), { code: '123456' })).toMatchObject({ status: 409, code: 'two_factor_not_enabled' });
    const key = testContext({ principal: { type: 'api_key', id: 'key_01JTESTTESTTESTTESTTESTKEY0', apiKeyId: 'key_01JTESTTESTTESTTESTTESTKEY0', userId: ada.user.id } });
    expect(await h.failure(S.setUpTwoFactor, key, {})).toMatchObject({ status: 403, code: 'session_required' });
  });

  it('limits wrong codes per user: the sixth try in the window is 429 even when right', async () => {
    const eve = await h.request<SessionIssuedReply>(S.signup, testContext(), { email: 'eve@example.com', password: PASSWORD, name: 'Eve' });
    const asEve = testContext({ principal: { type: 'user', id: eve.user.id, userId: eve.user.id, sessionId: eve.sessionId } });
    const setup = await h.request<TwoFactorSetupDto>(S.setUpTwoFactor, asEve, {});
    const right = totpCode(setup.secret, totpStep());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(await h.failure(S.enableTwoFactor, asEve, { code: wrong })).toMatchObject({ status: 401, code: 'invalid_totp_code' });
    expect(await h.failure(S.enableTwoFactor, asEve, { code: right })).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('a support session cannot change 2FA or end the user’s sessions', async () => {
    const support = testContext({
      principal: { type: 'user', id: ada.user.id, userId: ada.user.id, sessionId: ada.sessionId },
      impersonator: { userId: 'usr_01JSUPPORTSUPPORTSUPPORT00', impersonationId: 'imp_01JSUPPORTSUPPORTSUPPORT00' },
    });
    expect(await h.failure(S.setUpTwoFactor, support, {})).toMatchObject({ status: 403, code: 'impersonation_forbidden' });
    expect(await h.failure(S.revokeSession, support, { id: ada.sessionId })).toMatchObject({ status: 403, code: 'impersonation_forbidden' });
  });
});
