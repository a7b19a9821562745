import { ensureTraceparent } from './tracing.js';

describe('ensureTraceparent', () => {
  const hex = (bytes: number) => 'ab'.repeat(bytes);

  it("keeps a caller's valid traceparent", () => {
    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(ensureTraceparent(incoming, hex)).toBe(incoming);
  });

  it('starts a new trace when there is none or it is malformed', () => {
    expect(ensureTraceparent(undefined, hex)).toBe(`00-${'ab'.repeat(16)}-${'ab'.repeat(8)}-01`);
    expect(ensureTraceparent('garbage', hex)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
