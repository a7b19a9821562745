import { auditFromContext, Errors, newId, requireApplication, type ConnectionDto, type CreateConnectionRequest, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ownerColumns, ownerFromContext } from '../../connection-owner.js';
import { toConnectionDto } from '../../connection.mapper.js';
import { ConnectionsRepository } from '../../connections.repository.js';
import { credentialsAssociatedData, CredentialsCipher } from '../../../common/credentials-cipher.js';
import { ConnectionEntity } from '../../entities/connection.entity.js';

const MAX_CREDENTIALS_BYTES = 16 * 1024;

/** Stores a connection for the request's owner; the credentials are encrypted before they reach the database. */
@Injectable()
export class CreateConnection {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionsRepository,
    private readonly cipher: CredentialsCipher,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(ctx: RequestContext, input: CreateConnectionRequest): Promise<ConnectionDto> {
    const { orgId, applicationId } = requireApplication(ctx);
    const owner = ownerFromContext(ctx);
    if (Buffer.byteLength(JSON.stringify(input.credentials)) > MAX_CREDENTIALS_BYTES) {
      throw Errors.validation([{ field: 'credentials', code: 'too_large', message: `credentials must be at most ${MAX_CREDENTIALS_BYTES} bytes of JSON` }]);
    }
    const id = newId('con');
    const encrypted = this.cipher.encrypt(input.credentials, credentialsAssociatedData(orgId, id));
    const connection = Object.assign(new ConnectionEntity(), {
      id, orgId, applicationId, ...ownerColumns(owner), provider: input.provider, label: input.label ?? null,
      credentialsKeyIndex: encrypted.keyIndex, credentialsCiphertext: encrypted.ciphertext, createdAt: new Date(),
    });
    const dto = toConnectionDto(connection);
    await this.dataSource.transaction(async (manager) => {
      await this.connections.insert(manager, connection);
      await this.outbox.addEvent(manager, {
        type: 'connection.created', orgId, applicationId, data: dto,
        audit: auditFromContext(ctx, 'connection.create', { type: 'connection', id }, { provider: input.provider }),
        traceparent: ctx.traceparent,
      });
    });
    return dto;
  }
}
