import { API_VERSIONS, BuiltinExecutorSpec, classTransformerMetadata, CommandExecutorSpec, HttpExecutorSpec, isGrantableToApiKey, type Class } from '@agentry/contracts';
import type { OpenAPIObject } from '@nestjs/swagger';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { ROUTE_ACCESS, type RouteAccess } from '../core/route-metadata.js';
import { ROUTE_CONTROLLERS } from '../routes/route-controllers.js';
import { OPERATION_SHAPES } from './operation-shapes.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
type Parameter = { name: string; in: 'header' | 'query' | 'path' | 'cookie'; required?: boolean; description?: string; schema: Schema };
type Operation = { operationId?: string; parameters?: Parameter[]; requestBody?: unknown; responses?: Record<string, unknown>; security?: unknown[]; tags?: string[] };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const SCHEMA_OPTIONS = { refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: classTransformerMetadata as never };

/**
 * Fills in what Nest's generator cannot see, because handlers forward bodies untouched: request
 * bodies and query parameters (from the contract classes the services validate with), who may
 * call each route (API key and/or session), the headers the edge reads, and problem responses.
 */
export function describeOperations(document: OpenAPIObject): void {
  const access = routeAccessByOperation();
  const schemas = (document.components ??= {}).schemas ??= {};
  Object.assign(schemas, { Problem: PROBLEM_SCHEMA, ...executorSchemas() });

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const route = access.get(op.operationId ?? '');
      if (!path.startsWith('/api/')) {
        Object.assign(op, { security: [], tags: ['operations'], parameters: (op.parameters ?? []).filter((p) => p.in === 'path') });
        continue;
      }
      op.tags = [tagOf(op.operationId)];
      op.security = securityOf(route);
      op.parameters = [...pathParameters(op.parameters ?? [], pathParams), ...edgeHeaders(route, method)];
      const shape = OPERATION_SHAPES[op.operationId ?? ''];
      if (shape?.query) {
        const paging = shape.extraQuery ? ['limit', 'cursor'] : [];
        op.parameters.push(...queryParameters(shape.query, [...pathParams, ...paging]));
      }
      for (const extra of shape?.extraQuery ?? []) op.parameters.push({ ...extra, in: 'query' });
      if (shape?.description) Object.assign(op, { description: shape.description });
      if (shape?.produces) {
        const ok = Object.keys(op.responses ?? {}).find((status) => status.startsWith('2')) ?? '200';
        op.responses = { ...op.responses, [ok]: { description: 'OK', content: Object.fromEntries(shape.produces.map((type) => [type, {}])) } };
      }
      if (shape?.body) {
        const contract = schemaOf(shape.body);
        const required = method !== 'post' || (contract.required ?? []).some((name) => name !== 'id');
        op.requestBody = { required, content: { 'application/json': { schema: bodySchema(contract, pathParams) } } };
      }
      op.responses = { ...op.responses, default: { description: 'A problem document', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } };
    }
  }
  dropDanglingRefs(document, new Set(Object.keys(schemas)));
}

/** Every `{param}` of the path, declared (Nest leaves out the ones a controller prefix holds). */
function pathParameters(declared: Parameter[], names: string[]): Parameter[] {
  const present = new Map(declared.filter((p) => p.in === 'path').map((p) => [p.name, p]));
  return names.map((name) => present.get(name) ?? { name, in: 'path', required: true, schema: { type: 'string' } });
}

/**
 * The schema generator writes `$ref: Object` / `Array` for untyped objects and arrays; no such
 * component exists, so they become plain types (the document must validate).
 */
function dropDanglingRefs(node: unknown, known: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string') {
      const name = String((value as { $ref: string }).$ref).replace('#/components/schemas/', '');
      if (!known.has(name)) {
        (node as Record<string, unknown>)[key] = name === 'Array' ? { type: 'array' } : { type: 'object' };
        continue;
      }
    }
    dropDanglingRefs(value, known);
  }
}

function routeAccessByOperation(): Map<string, RouteAccess> {
  const found = new Map<string, RouteAccess>();
  for (const controller of ROUTE_CONTROLLERS) {
    const classAccess = Reflect.getMetadata(ROUTE_ACCESS, controller) as RouteAccess | undefined;
    for (const method of Object.getOwnPropertyNames(controller.prototype)) {
      if (method === 'constructor') continue;
      const handler = (controller.prototype as unknown as Record<string, unknown>)[method];
      const methodAccess = typeof handler === 'function' ? (Reflect.getMetadata(ROUTE_ACCESS, handler) as RouteAccess | undefined) : undefined;
      found.set(`${controller.name}_${method}`, methodAccess ?? classAccess ?? {});
    }
  }
  return found;
}

function tagOf(operationId = ''): string {
  return operationId.replace(/Controller_.*$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function securityOf(route: RouteAccess | undefined): unknown[] {
  if (!route || route.public) return [];
  // Permissions never grantable to a key (org, members, invitations, roles, api-keys) make a session route.
  if (route.sessionOnly || route.userLevel || (route.permission && !isGrantableToApiKey(route.permission))) return [{ session: [] }];
  return [{ apiKey: [] }, { session: [] }];
}

function edgeHeaders(route: RouteAccess | undefined, method: string): Parameter[] {
  const text = (description: string, example?: string): Schema => ({ type: 'string', description, ...(example ? { example } : {}) });
  const headers: Parameter[] = [{
    name: 'Appstrate-Version', in: 'header', schema: { type: 'string', enum: [...API_VERSIONS] },
    description: 'API version; default: the org\'s pinned version, then the current one. The response says which served it.',
  }];
  if (route?.public) return method === 'get' ? [] : headers;
  if (!route?.sessionOnly && !route?.userLevel) {
    headers.push({ name: 'Appstrate-User', in: 'header', schema: text('Act for this end-user (API keys with end-users:impersonate only).', 'eu_01J…') });
  }
  if (!route?.userLevel) {
    headers.push(
      { name: 'X-Org-Id', in: 'header', schema: text('Sessions: the org to act in. API keys: must match the key if sent.', 'org_01J…') },
      { name: 'X-Application-Id', in: 'header', schema: text('Sessions: the application (default: the org\'s default one).', 'app_01J…') },
    );
  }
  if (method !== 'get') headers.push({ name: 'X-CSRF-Token', in: 'header', schema: text('Sessions only: equal to the agentry_csrf cookie.') });
  if (method === 'post') headers.push({ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', minLength: 1, maxLength: 255, description: 'Replays the first outcome of this request for 24 h.' } });
  return headers;
}

function schemaOf(cls: Class<object>): Schema {
  const schema = targetConstructorToSchema(cls, SCHEMA_OPTIONS) as Schema;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    // The executor is a union chosen by `kind`; the generator sees only its base class.
    if (name === 'executor') schema.properties![name] = { oneOf: EXECUTOR_CLASSES.map((c) => ({ $ref: `#/components/schemas/${c.name}` })), discriminator: { propertyName: 'kind' } };
    else if (property.$ref === undefined && Object.keys(property).length === 0) schema.properties![name] = { description: 'Any JSON value.' };
  }
  return schema;
}

/** The body without the path's ids (the gateway fills those in), refusing anything else. */
function bodySchema(schema: Schema, pathParams: string[]): Schema {
  const hidden = new Set([...pathParams, 'id']);
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !hidden.has(name)));
  const required = (schema.required ?? []).filter((name) => !hidden.has(name));
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

function queryParameters(cls: Class<object>, pathParams: string[]): Parameter[] {
  const schema = schemaOf(cls);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !pathParams.includes(name) && name !== 'id')
    .map(([name, property]) => ({ name, in: 'query' as const, required: (schema.required ?? []).includes(name), schema: property }));
}

const EXECUTOR_CLASSES = [BuiltinExecutorSpec, HttpExecutorSpec, CommandExecutorSpec];

function executorSchemas(): Record<string, Schema> {
  return Object.fromEntries(EXECUTOR_CLASSES.map((c) => [c.name, { ...(targetConstructorToSchema(c, SCHEMA_OPTIONS) as Schema), additionalProperties: false }]));
}

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details. A 5xx never carries internal details.',
  required: ['type', 'title', 'status', 'code', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://docs.agentry.dev/errors/validation_failed' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable, snake_case: what a client branches on.', example: 'validation_failed' },
    requestId: { type: 'string', example: 'req_01J…' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};
