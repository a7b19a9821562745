import { Transform } from 'class-transformer';
import { IsBoolean, IsInt } from 'class-validator';
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
