import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';

export const EXECUTOR_KINDS = ['builtin', 'http', 'command'] as const;
export type ExecutorKind = (typeof EXECUTOR_KINDS)[number];

export const BUILTIN_EXECUTORS = ['echo', 'sleep', 'fail'] as const;
export type BuiltinExecutorName = (typeof BUILTIN_EXECUTORS)[number];

/** What an unknown `kind` is parsed into: it only fails validation, naming the accepted kinds. */
export class UnknownExecutorSpec {
  @IsIn(EXECUTOR_KINDS) kind!: string;
}

/** Built into the runner: `echo` returns the input, `sleep` waits `input.ms`, `fail` fails. */
export class BuiltinExecutorSpec {
  @Equals('builtin') kind!: 'builtin';
  @IsIn(BUILTIN_EXECUTORS) name!: BuiltinExecutorName;
}

/** POSTs `{runId, agentId, input, endUserId, connections}` to `url`; the JSON answer is the output. */
export class HttpExecutorSpec {
  @Equals('http') kind!: 'http';
  @IsString() @MaxLength(2048) @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }) url!: string;
  @IsOptional() @IsInt() @Min(1) @Max(3600) timeoutSeconds?: number;
}

/** A local process (input JSON on stdin, output JSON on stdout); runners refuse it unless configured to allow it. */
export class CommandExecutorSpec {
  @Equals('command') kind!: 'command';
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(64) @IsString({ each: true }) @MaxLength(4096, { each: true }) command!: string[];
}

export type ExecutorSpec = BuiltinExecutorSpec | HttpExecutorSpec | CommandExecutorSpec;

/** class-transformer discriminator on `kind`, for a property typed `ExecutorSpec`. */
export const ExecutorType = (): PropertyDecorator =>
  Type(() => UnknownExecutorSpec, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'kind',
      subTypes: [
        { value: BuiltinExecutorSpec, name: 'builtin' },
        { value: HttpExecutorSpec, name: 'http' },
        { value: CommandExecutorSpec, name: 'command' },
      ],
    },
  });
