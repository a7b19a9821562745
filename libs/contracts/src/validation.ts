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

/**
 * Turns a plain payload into a validated instance of `cls`: unknown fields are refused
 * (`unknown_field`), nothing is coerced silently. Throws 400 `validation_failed`.
 */
export function parsePayload<T extends object>(cls: Class<T>, plain: unknown): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new AppError({ status: 400, code: 'validation_failed', title: 'Bad Request', detail: 'The body must be a JSON object.', errors: [] });
  }
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false }) as T;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw Errors.validation(flatten(errors));
  return instance;
}
