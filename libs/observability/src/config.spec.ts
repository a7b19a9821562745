import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString } from 'class-validator';
import { envBoolean, loadConfig } from './config.js';

class Sample {
  @Transform(envBoolean) @IsBoolean() FLAG: boolean = true;
  @IsInt() PORT: number = 1;
}

describe('loadConfig', () => {
  it('reads "false" as false and "true"/"1" as true, keeping defaults when unset', () => {
    expect(loadConfig(Sample, { FLAG: 'false' }).FLAG).toBe(false);
    expect(loadConfig(Sample, { FLAG: 'true' }).FLAG).toBe(true);
    expect(loadConfig(Sample, { FLAG: '1' }).FLAG).toBe(true);
    expect(loadConfig(Sample, {}).FLAG).toBe(true);
  });

  it('converts numbers and refuses invalid ones with a readable error', () => {
    expect(loadConfig(Sample, { PORT: '8080' }).PORT).toBe(8080);
    expect(() => loadConfig(Sample, { PORT: 'eighty' })).toThrow(/PORT/);
  });
});

class Deployed {
  @IsIn(['development', 'production']) AGENTRY_ENV: string = 'development';
  @IsString() CURSOR_SECRET: string = 'dev-cursor-secret-change-me';
  @IsString() CREDENTIALS_KEYS: string = 'ZGV2LWNyZWRlbnRpYWxzLWtleS0wMDAwMDAwMDAwMDA=';
  @Transform(envBoolean) @IsBoolean() WEBHOOKS_ALLOW_PRIVATE_TARGETS: boolean = false;
  @IsString() PLATFORM_ADMINS: string = '';
}

describe('loadConfig with AGENTRY_ENV=production', () => {
  const real = { CURSOR_SECRET: 'f3a9c2e17b5d4a8e9c0b1d2e3f4a5b6c', CREDENTIALS_KEYS: Buffer.alloc(32, 7).toString('base64') };

  it('starts with real secrets, and in development with the defaults', () => {
    expect(loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real }).CURSOR_SECRET).toBe(real.CURSOR_SECRET);
    expect(loadConfig(Deployed, {}).CURSOR_SECRET).toBe('dev-cursor-secret-change-me');
  });

  it('refuses development defaults, also inside a key ring', () => {
    expect(() => loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, CURSOR_SECRET: undefined })).toThrow(/CURSOR_SECRET still holds its development default/);
    const ring = `${real.CREDENTIALS_KEYS},ZGV2LWNyZWRlbnRpYWxzLWtleS0wMDAwMDAwMDAwMDA=`;
    expect(() => loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, CREDENTIALS_KEYS: ring })).toThrow(/CREDENTIALS_KEYS/);
  });

  it('refuses placeholders, plain or base64-encoded', () => {
    expect(() => loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, CURSOR_SECRET: 'REPLACE_ME-with-openssl-rand-hex-32' })).toThrow(/CURSOR_SECRET is still a placeholder/);
    const encoded = Buffer.from('REPLACE_ME_REPLACE_ME_REPLACE_ME').toString('base64');
    expect(() => loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, CREDENTIALS_KEYS: encoded })).toThrow(/CREDENTIALS_KEYS is still a placeholder/);
  });

  it('refuses the private-address flags', () => {
    expect(() => loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' })).toThrow(/WEBHOOKS_ALLOW_PRIVATE_TARGETS/);
    expect(() => loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, PLATFORM_ADMINS: 'sre@corp.test' })).toThrow(/PLATFORM_ADMINS names an email/);
    expect(loadConfig(Deployed, { AGENTRY_ENV: 'production', ...real, PLATFORM_ADMINS: 'usr_01JAAAAAAAAAAAAAAAAAAAAAAA' }).PLATFORM_ADMINS).toBe('usr_01JAAAAAAAAAAAAAAAAAAAAAAA');
    expect(loadConfig(Deployed, { ...real, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' }).WEBHOOKS_ALLOW_PRIVATE_TARGETS).toBe(true);
  });
});
