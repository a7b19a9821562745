import { CURRENT_API_VERSION } from '@agentry/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI at /api/openapi.json and a browsable reference at /api/docs. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Agentry API')
    .setDescription('The multi-tenant runtime platform for AI agents. Errors are RFC 9457 problem documents with a stable `code`.')
    .setVersion(CURRENT_API_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ask_live_… API key' }, 'apiKey')
    .addCookieAuth('agentry_session', { type: 'apiKey', in: 'cookie', name: 'agentry_session' }, 'session')
    .addGlobalParameters(
      { name: 'Appstrate-Version', in: 'header', required: false, schema: { type: 'string', example: CURRENT_API_VERSION } },
      { name: 'Appstrate-User', in: 'header', required: false, schema: { type: 'string', example: 'eu_…' } },
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: false });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
}
