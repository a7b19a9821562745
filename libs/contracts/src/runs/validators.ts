import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A plain object with at most `max` keys, each at most `maxKeyLength` characters. */
export function MaxKeys(max: number, maxKeyLength = 40, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxKeys',
      constraints: [max, maxKeyLength],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) &&
          Object.keys(value).length <= max && Object.keys(value).every((key) => key.length >= 1 && key.length <= maxKeyLength),
        defaultMessage: (args) => `${args?.property ?? "value"} must be an object with at most ${max} keys of 1..${maxKeyLength} characters`,
      },
    },
    options,
  );
}

/** `agentId` is an `agt_` id or a slug. */
export const AGENT_REF_MAX_LENGTH = 64;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
