import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { InvitationEntity } from './entities/invitation.entity.js';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, invitation: InvitationEntity): Promise<void> {
    await manager.getRepository(InvitationEntity).insert(invitation);
  }

  /** A new invitation for the same email replaces a pending one. */
  async revokePending(manager: EntityManager, scope: OrgScope, email: string): Promise<void> {
    await manager.getRepository(InvitationEntity).update({ orgId: scope.orgId, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  findForUpdate(manager: EntityManager, scope: OrgScope, id: string): Promise<InvitationEntity | null> {
    return manager.getRepository(InvitationEntity).findOne({ where: { orgId: scope.orgId, id }, lock: { mode: 'pessimistic_write' } });
  }

  /** By the token's hash: the token is the only thing the invitee holds. */
  findByTokenHash(tokenHash: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<InvitationEntity | null> {
    return manager.getRepository(InvitationEntity).findOne({ where: { tokenHash }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async markRevoked(manager: EntityManager, invitation: InvitationEntity): Promise<void> {
    await manager.getRepository(InvitationEntity).update({ id: invitation.id }, { revokedAt: invitation.revokedAt });
  }

  async markAccepted(manager: EntityManager, invitation: InvitationEntity): Promise<void> {
    await manager.getRepository(InvitationEntity).update({ id: invitation.id }, { acceptedAt: invitation.acceptedAt, acceptedBy: invitation.acceptedBy });
  }

  /** Newest first; `beforeId` continues a previous page. */
  list(scope: OrgScope, beforeId: string | undefined, take: number): Promise<InvitationEntity[]> {
    return this.dataSource.getRepository(InvitationEntity).find({
      where: { orgId: scope.orgId, ...(beforeId ? { id: LessThan(beforeId) } : {}) }, order: { id: 'DESC' }, take,
    });
  }
}
