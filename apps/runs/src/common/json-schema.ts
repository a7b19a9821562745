import { AppError, appError, titleFor, type FieldError } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { setFlagsFromString } from 'node:v8';

const MAX_CACHED = 500;

// Tenants write the `pattern`s in their schemas, so they run on V8's linear-time engine (the `l`
// flag): `^(a+)+$` against 41 characters took the backtracking engine over 3 minutes, blocking
// every tenant. The engine has no backreferences, lookarounds or `u` mode: a pattern that needs
// them is refused as an invalid schema.
setFlagsFromString('--enable-experimental-regexp-engine');
// `code` only matters for ajv's standalone code generation, which we do not use.
const linearRegExp = Object.assign((pattern: string): RegExp => new RegExp(pattern, 'l'), { code: 'linearRegExp' });

/**
 * JSON Schema checks with ajv (strict: an unknown keyword is a mistake worth reporting). Compiled
 * validators are cached by a key the caller chooses; agent versions are immutable, so their id is
 * a safe key.
 *
 * Every tenant's schemas go through this one ajv instance, so it keeps none of them: a schema's
 * `$id` is not registered (`addUsedSchema: false`, so one agent can neither squat another's `$id`
 * nor `$ref` it) and ajv's own compile cache is emptied after each compile (it would otherwise
 * hold every schema ever sent). Patterns run in linear time (see `linearRegExp`).
 */
@Injectable()
export class SchemaValidator {
  private readonly ajv = new Ajv({
    allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, validateFormats: false, logger: false,
    addUsedSchema: false, code: { regExp: linearRegExp },
  });
  private readonly cache = new Map<string, ValidateFunction>();

  /** Throws 400 `invalid_schema` naming `field` when `schema` does not compile. */
  assertCompiles(field: string, schema: Record<string, unknown> | null | undefined): void {
    if (!schema) return;
    try {
      this.compile(schema);
    } catch (error) {
      throw new AppError({
        status: 400, code: 'invalid_schema', title: titleFor(400), detail: `${field} is not a valid JSON Schema: ${(error as Error).message}`,
        errors: [{ field, code: 'invalid_schema', message: (error as Error).message }],
      });
    }
  }

  /** The field errors of `value` against `schema` (empty when valid), reported under `root` (e.g. `input`). */
  check(cacheKey: string, schema: Record<string, unknown> | null, value: unknown, root: string): FieldError[] {
    if (!schema) return [];
    const validate = this.compiled(cacheKey, schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => toFieldError(error, root));
  }

  private compiled(cacheKey: string, schema: Record<string, unknown>): ValidateFunction {
    let validate = this.cache.get(cacheKey);
    if (!validate) {
      try {
        validate = this.compile(schema);
      } catch {
        throw appError(500, 'internal_error', 'A stored schema no longer compiles.');
      }
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(cacheKey, validate);
    }
    return validate;
  }

  private compile(schema: Record<string, unknown>): ValidateFunction {
    try {
      return this.ajv.compile(schema);
    } finally {
      this.ajv.removeSchema(); // drops compiled user schemas from ajv's cache; the meta-schemas stay
    }
  }
}

function toFieldError(error: ErrorObject, root: string): FieldError {
  const path = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) path.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && params.additionalProperty) path.push(params.additionalProperty);
  const field = [root, ...path].join('.');
  const code = error.keyword === 'additionalProperties' ? 'unknown_field' : snake(error.keyword);
  return { field, code, message: `${field} ${error.message ?? 'is invalid'}` };
}

function snake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
