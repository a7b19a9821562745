import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export const END_USER_METADATA_MAX_KEYS = 50;
export const END_USER_METADATA_MAX_KEY_LENGTH = 40;
export const END_USER_METADATA_MAX_VALUE_LENGTH = 500;

/** String-to-string metadata (Stripe style). On PATCH a value may be null: that key is removed. */
export type EndUserMetadata = Record<string, string>;
export type EndUserMetadataPatch = Record<string, string | null>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rule(name: string, check: (value: Record<string, unknown>) => string | null, options?: ValidationOptions) {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name, target: target.constructor, propertyName: propertyName as string, options,
      validator: {
        // The shape itself (an object) is IsObject's job.
        validate: (value: unknown) => !isPlainObject(value) || check(value) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${(isPlainObject(args.value) && check(args.value)) || 'is invalid'}`,
      },
    });
  };
}

/** At most 50 keys (error code `metadata_max_keys`). */
export const EndUserMetadataMaxKeys = (options?: ValidationOptions) =>
  rule('metadataMaxKeys', (v) => (Object.keys(v).length > END_USER_METADATA_MAX_KEYS ? `has more than ${END_USER_METADATA_MAX_KEYS} keys` : null), options);

/** Keys of 1..40 characters (error code `metadata_key_length`). */
export const EndUserMetadataKeyLength = (options?: ValidationOptions) =>
  rule('metadataKeyLength', (v) => {
    const bad = Object.keys(v).find((k) => k.length < 1 || k.length > END_USER_METADATA_MAX_KEY_LENGTH);
    return bad === undefined ? null : `key "${bad.slice(0, 60)}" must be 1 to ${END_USER_METADATA_MAX_KEY_LENGTH} characters`;
  }, options);

/** Values are strings of at most 500 characters, or null when `allowNull` (error code `metadata_value`). */
export const EndUserMetadataValues = (allowNull: boolean, options?: ValidationOptions) =>
  rule('metadataValue', (v) => {
    for (const [key, value] of Object.entries(v)) {
      if (value === null && allowNull) continue;
      if (typeof value !== 'string') return `value of "${key}" must be a string${allowNull ? ' or null' : ''}`;
      if (value.length > END_USER_METADATA_MAX_VALUE_LENGTH) return `value of "${key}" is longer than ${END_USER_METADATA_MAX_VALUE_LENGTH} characters`;
    }
    return null;
  }, options);
