import { CursorCodec } from '@agentry/persistence';
import { Module } from '@nestjs/common';
import { RunsConfig } from '../config/runs.config.js';
import { SchemaValidator } from './json-schema.js';

@Module({
  providers: [
    SchemaValidator,
    { provide: CursorCodec, useFactory: (config: RunsConfig) => new CursorCodec(config.CURSOR_SECRET), inject: [RunsConfig] },
  ],
  exports: [SchemaValidator, CursorCodec],
})
export class CommonModule {}
