import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { productionProblems } from './production-guard.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Class<T> = new (...args: any[]) => T;

/**
 * Validates a service's environment once, at start-up, into its config class. Each service's
 * `main.ts` passes `process.env`; tests pass a plain object. Nothing else reads the environment.
 */
export function loadConfig<T extends object>(cls: Class<T>, env: Record<string, string | undefined>): T {
  const config = plainToInstance(cls, env, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration for ${cls.name}:\n${lines.join('\n')}`);
  }
  if ((config as { AGENTRY_ENV?: unknown }).AGENTRY_ENV === 'production') {
    const problems = productionProblems(config, new cls());
    if (problems.length > 0) {
      throw new Error(`Refusing to start ${cls.name} with AGENTRY_ENV=production:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    }
  }
  return config;
}

/**
 * Reads "true"/"1"/"yes" as true and anything else as false. It looks at the raw env value
 * (`obj[key]`): implicit conversion has already turned "false" into `true` in `value`.
 */
export function envBoolean({ value, obj, key }: { value: unknown; obj?: Record<string, unknown>; key?: string }): boolean {
  const raw = obj && key !== undefined && key in obj ? obj[key] : value;
  if (typeof raw === 'boolean') return raw;
  return ['true', '1', 'yes'].includes(String(raw).toLowerCase());
}
