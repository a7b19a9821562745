import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppError, Errors, type FieldError } from './errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Class<T> = new (...args: any[]) => T;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: constraint === 'whitelistValidation' ? 'unknown_field' : toSnake(constraint),
      message: constraint === 'whitelistValidation' ? `${field} is not a known field.` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function toSnake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** U+0000 (refused by PostgreSQL in text and jsonb) or a lone UTF-16 surrogate (refused in jsonb). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first key or string anywhere in `plain` that cannot be stored; iterative, so deep nesting is fine. */
function unstorableField(plain: object): string | undefined {
  const stack: [unknown, string][] = [[plain, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * Turns a plain payload into a validated instance of `cls`: unknown fields are refused
 * (`unknown_field`), nothing is coerced silently. Throws 400 `validation_failed`.
 */
export function parsePayload<T extends object>(cls: Class<T>, plain: unknown): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new AppError({ status: 400, code: 'validation_failed', title: 'Bad Request', detail: 'The body must be a JSON object.', errors: [] });
  }
  // class-validator's whitelist looks fields up in a plain object, so `constructor`, `toString`,
  // ... pass as known, and class-transformer drops `__proto__`: refuse them here.
  const inherited = Object.keys(plain).filter((key) => key in Object.prototype);
  if (inherited.length > 0) {
    throw Errors.validation(inherited.map((field) => ({ field, code: 'unknown_field', message: `${field} is not a known field.` })));
  }
  const unstorable = unstorableField(plain);
  if (unstorable !== undefined) {
    throw Errors.validation([{ field: unstorable, code: 'invalid_characters', message: `${unstorable} contains a NUL character or an unpaired surrogate.` }]);
  }
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false }) as T;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw Errors.validation(flatten(errors));
  return instance;
}
