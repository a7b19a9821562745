import 'reflect-metadata';
import { AppError } from './errors.js';
import { CreateAgentRequest } from './runs/agents.js';
import { BuiltinExecutorSpec } from './runs/executor.js';
import { CreateRunRequest, ListRunsQuery } from './runs/runs.js';
import { parsePayload } from './validation.js';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsePayload', () => {
  it('keeps free-form JSON as sent, including keys named like Object.prototype members', () => {
    const input = { constructor: 'x', toString: { constructor: { nested: [1, { constructor: null }] } }, hasOwnProperty: 1 };
    const parsed = parsePayload(CreateRunRequest, { agentId: 'echo', input, metadata: { constructor: 'y' } });
    expect(parsed).toBeInstanceOf(CreateRunRequest);
    expect(parsed.input).toEqual(input);
    expect(parsed.metadata).toEqual({ constructor: 'y' });
  });

  it('still builds nested typed objects through their discriminator', () => {
    const parsed = parsePayload(CreateAgentRequest, { slug: 'a', name: 'A', executor: { kind: 'builtin', name: 'echo' } });
    expect(parsed.executor).toBeInstanceOf(BuiltinExecutorSpec);
  });

  it('still applies @Transform to query integers', () => {
    expect(parsePayload(ListRunsQuery, { limit: '5' }).limit).toBe(5);
    expect(refusal(() => parsePayload(ListRunsQuery, { limit: 'abc' })).code).toBe('validation_failed');
  });

  it('refuses inherited names at the top level and inside typed objects as unknown fields', () => {
    const top = refusal(() => parsePayload(CreateRunRequest, { agentId: 'echo', input: {}, constructor: 'x' }));
    expect(top.errors).toEqual([expect.objectContaining({ field: 'constructor', code: 'unknown_field' })]);
    const nested = refusal(() => parsePayload(CreateAgentRequest, { slug: 'a', name: 'A', executor: { kind: 'builtin', name: 'echo', constructor: 1 } }));
    expect(nested.errors).toEqual([expect.objectContaining({ field: 'executor.constructor', code: 'unknown_field' })]);
  });

  it('refuses a free-form field that is not an object', () => {
    const error = refusal(() => parsePayload(CreateRunRequest, { agentId: 'echo', input: 'text' }));
    expect(error.errors?.[0]).toMatchObject({ field: 'input' });
  });
});
