import { matchingStep, newTotpSecret, otpauthUrl, totpCode, totpStep } from '../src/two-factor/totp.js';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1, the ASCII secret "12345678901234567890" in base32.
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it.each([
    [59, '287082'], [1111111109, '081804'], [1111111111, '050471'], [1234567890, '005924'], [2000000000, '279037'],
  ])('matches the RFC test vector at t=%i', (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000))).toBe(code);
  });

  it('accepts the current and adjacent steps once each, and nothing older than the last used', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const now = Date.now();
    const step = totpStep(now);
    expect(matchingStep(secret, totpCode(secret, step), null, now)).toBe(step);
    expect(matchingStep(secret, totpCode(secret, step - 1), null, now)).toBe(step - 1);
    expect(matchingStep(secret, totpCode(secret, step - 2), null, now)).toBeNull();
    expect(matchingStep(secret, totpCode(secret, step), step, now)).toBeNull();
    expect(matchingStep(secret, '12345', null, now)).toBeNull();
  });

  it('builds an otpauth URL authenticator apps read', () => {
    expect(otpauthUrl('ABC', 'a@b.test')).toBe('otpauth://totp/Agentry%3Aa%40b.test?secret=ABC&issuer=Agentry&algorithm=SHA1&digits=6&period=30');
  });
});
