import { CURRENT_API_VERSION } from '@agentry/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeOperations } from './describe-operations.js';

/** OpenAPI at /api/openapi.json and a browsable reference at /api/docs. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Agentry API')
    .setDescription(
      'The multi-tenant runtime platform for AI agents. Errors are RFC 9457 problem documents (`application/problem+json`) ' +
      'with a stable `code`; every response carries `Request-Id`. See docs/using-the-api.md in the repository.',
    )
    .setVersion(CURRENT_API_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'ask_live_<38 base62>', description: 'A scoped API key, bound to one org and one application.' }, 'apiKey')
    .addCookieAuth('agentry_session', { type: 'apiKey', in: 'cookie', name: 'agentry_session', description: 'Dashboard session; unsafe methods also need X-CSRF-Token.' }, 'session')
    .build();
  const document = SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: false });
  describeOperations(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
}
