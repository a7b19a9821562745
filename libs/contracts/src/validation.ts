import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { createRequire } from 'node:module';
import { AppError, Errors, type FieldError } from './errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Class<T> = new (...args: any[]) => T;

/** A value of the wrong type fails every range check too; then only the type is worth saying. */
const TYPE_CONSTRAINTS = new Set(['isInt', 'isString', 'isBoolean', 'isObject', 'isArray', 'isNumber', 'isIn', 'equals', 'isIso8601', 'whitelistValidation']);

function relevantConstraints(constraints: Record<string, string>): [string, string][] {
  const all = Object.entries(constraints);
  const typeOnly = all.filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return typeOnly.length > 0 ? typeOnly.slice(0, 1) : all;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = relevantConstraints(error.constraints ?? {}).map(([constraint, message]) => ({
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

/** class-transformer's own registry of @Type/@Transform decorators (the instance its decorators write to). */
export const { defaultMetadataStorage: classTransformerMetadata } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: object, propertyName: string): unknown;
    findTransformMetadatas(target: object, propertyName: string, transformationType: number): unknown[];
  };
};
const PLAIN_TO_CLASS = 0;

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/**
 * Free-form JSON (run input, metadata, schemas) is kept out of class-transformer: it guesses a
 * nested object's class from its `constructor` key, so `{"input": {"constructor": "x"}}` would
 * crash it. Only properties with a @Type or @Transform decorator go through it; the rest are
 * copied onto the instance as they are.
 */
function instantiate<T extends object>(cls: Class<T>, plain: Record<string, unknown>): T {
  const transformed: Record<string, unknown> = {};
  const freeForm: [string, unknown][] = [];
  for (const [key, value] of Object.entries(plain)) {
    const decorated = classTransformerMetadata.findTypeMetadata(cls, key) !== undefined
      || classTransformerMetadata.findTransformMetadatas(cls, key, PLAIN_TO_CLASS).length > 0;
    if (!decorated && isPlainObject(value)) freeForm.push([key, value]);
    else transformed[key] = value;
  }
  const instance = plainToInstance(cls, transformed, { enableImplicitConversion: false }) as T;
  for (const [key, value] of freeForm) Object.defineProperty(instance, key, { value, enumerable: true, writable: true, configurable: true });
  return instance;
}

/** Keys that a plain-object lookup finds on Object.prototype, at the top level and in nested typed objects. */
function inheritedFields<T extends object>(cls: Class<T>, plain: Record<string, unknown>): string[] {
  const found = Object.keys(plain).filter((key) => key in Object.prototype);
  for (const [key, value] of Object.entries(plain)) {
    if (classTransformerMetadata.findTypeMetadata(cls, key) === undefined || !isPlainObject(value) || Array.isArray(value)) continue;
    found.push(...Object.keys(value).filter((k) => k in Object.prototype).map((k) => `${key}.${k}`));
  }
  return found;
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
  const inherited = inheritedFields(cls, plain as Record<string, unknown>);
  if (inherited.length > 0) {
    throw Errors.validation(inherited.map((field) => ({ field, code: 'unknown_field', message: `${field} is not a known field.` })));
  }
  const unstorable = unstorableField(plain);
  if (unstorable !== undefined) {
    throw Errors.validation([{ field: unstorable, code: 'invalid_characters', message: `${unstorable} contains a NUL character or an unpaired surrogate.` }]);
  }
  const instance = instantiate(cls, plain as Record<string, unknown>);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw Errors.validation(flatten(errors));
  return instance;
}
