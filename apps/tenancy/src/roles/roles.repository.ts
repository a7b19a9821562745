import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RoleEntity } from './entities/role.entity.js';

/** An org's custom roles (built-in roles are not stored). */
@Injectable()
export class RolesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, role: RoleEntity): Promise<void> {
    await manager.getRepository(RoleEntity).insert(role);
  }

  find(scope: OrgScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<RoleEntity | null> {
    return manager.getRepository(RoleEntity).findOneBy({ orgId: scope.orgId, id });
  }

  /** Held until the transaction ends, so the role cannot be deleted while it is being given. */
  findForShare(manager: EntityManager, scope: OrgScope, id: string): Promise<RoleEntity | null> {
    return manager.getRepository(RoleEntity).findOne({ where: { orgId: scope.orgId, id }, lock: { mode: 'pessimistic_read' } });
  }

  findForUpdate(manager: EntityManager, scope: OrgScope, id: string): Promise<RoleEntity | null> {
    return manager.getRepository(RoleEntity).findOne({ where: { orgId: scope.orgId, id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(manager: EntityManager, role: RoleEntity): Promise<void> {
    await manager.getRepository(RoleEntity).update({ orgId: role.orgId, id: role.id }, { name: role.name, permissions: role.permissions, updatedAt: role.updatedAt });
  }

  async remove(manager: EntityManager, scope: OrgScope, id: string): Promise<void> {
    await manager.getRepository(RoleEntity).delete({ orgId: scope.orgId, id });
  }

  /** Members holding the role, and pending invitations that would give it. */
  async usage(manager: EntityManager, scope: OrgScope, id: string): Promise<{ members: number; invitations: number }> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*)::int FROM "tenancy"."memberships" WHERE "org_id" = $1 AND "role" = $2) AS "members",
              (SELECT count(*)::int FROM "tenancy"."invitations" WHERE "org_id" = $1 AND "role" = $2
                 AND "accepted_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > now()) AS "invitations"`,
      [scope.orgId, id],
    );
    return row as { members: number; invitations: number };
  }

  /** Newest first; `afterId` continues a previous page. */
  list(scope: OrgScope, afterId: string | undefined, take: number): Promise<RoleEntity[]> {
    const query = this.dataSource
      .getRepository(RoleEntity)
      .createQueryBuilder('r')
      .where('r.org_id = :orgId', { orgId: scope.orgId })
      .orderBy('r.id', 'DESC')
      .take(take);
    if (afterId !== undefined) query.andWhere('r.id < :afterId', { afterId });
    return query.getMany();
  }
}
