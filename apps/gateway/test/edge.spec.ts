import { AppError } from '@agentry/contracts';
import { NotFoundException } from '@nestjs/common';
import { renderProblem, toAppError } from '../src/edge/problem.js';
import { TtlCache } from '../src/edge/ttl-cache.js';
import { stableJson } from '../src/idempotency/idempotency.interceptor.js';

describe('stableJson', () => {
  it('ignores key order but not values', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(stableJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
    expect(stableJson(undefined)).toBe('null');
  });
});

describe('TtlCache', () => {
  it('shares one load between concurrent misses and forgets failures', async () => {
    const cache = new TtlCache<number>(10_000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return 7;
    };
    expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([7, 7]);
    expect(loads).toBe(1);
    await expect(cache.getOrLoad('bad', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.getOrLoad('bad', async () => 1)).toBe(1);
    cache.deleteWhere((_k, v) => v === 7);
    expect(cache.get('k')).toBeUndefined();
  });

  it('does not cache a load that was in flight when an eviction came (it may hold the revoked answer)', async () => {
    const cache = new TtlCache<string>(10_000);
    let release!: (v: string) => void;
    const stale = cache.getOrLoad('session', () => new Promise<string>((r) => (release = r)));
    cache.deleteWhere((_k, v) => v === 'valid');
    release('valid');
    expect(await stale).toBe('valid');
    expect(cache.get('session')).toBeUndefined();
    // The next miss loads again instead of joining the discarded load.
    expect(await cache.getOrLoad('session', async () => 'revoked')).toBe('revoked');
    expect(cache.get('session')).toBe('revoked');
  });
});

describe('problem documents', () => {
  it('keeps typed errors and hides unexpected ones', () => {
    const typed = toAppError(new AppError({ status: 409, code: 'slug_taken', title: 'Conflict', extra: { slug: 'x' } }));
    expect(typed.unexpected).toBe(false);
    expect(renderProblem(typed.error, 'req_1')).toMatchObject({ status: 409, code: 'slug_taken', requestId: 'req_1', slug: 'x' });
    const boom = toAppError(new Error('database password is hunter2'));
    expect(boom.unexpected).toBe(true);
    expect(JSON.stringify(renderProblem(boom.error, 'req_2'))).not.toContain('hunter2');
    expect(toAppError(new NotFoundException()).error.code).toBe('not_found');
    expect(toAppError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' }).error.status).toBe(413);
  });
});
