import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../common/prepared-query.js';
import { MembershipEntity } from './entities/membership.entity.js';

/** One row answering "may this user act in this org and application", see `resolve`. */
export interface ResolvedMembershipRow {
  role: string;
  /** The custom role's permissions; null for a built-in role (or a custom role that is gone). */
  custom_permissions: string[] | null;
  api_version: string;
  application_id: string | null;
}

export interface MembershipSummaryRow {
  org_id: string;
  org_name: string;
  role: string;
}

const RESOLVE_SQL = `
  SELECT m."role", r."permissions" AS "custom_permissions", o."api_version", a."id" AS "application_id"
  FROM "tenancy"."memberships" m
  JOIN "tenancy"."organizations" o ON o."id" = m."org_id" AND o."deleted_at" IS NULL
  LEFT JOIN "tenancy"."roles" r ON r."org_id" = m."org_id" AND r."id" = m."role"
  LEFT JOIN "tenancy"."applications" a
    ON a."org_id" = m."org_id" AND a."deleted_at" IS NULL AND a."id" = COALESCE($3::text, o."default_application_id")
  WHERE m."org_id" = $1 AND m."user_id" = $2`;

@Injectable()
export class MembershipsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, membership: MembershipEntity): Promise<void> {
    await manager.getRepository(MembershipEntity).insert(membership);
  }

  /**
   * Membership, role permissions, pinned version and application in one query (primary-key
   * lookups only), prepared once per connection. No row: not a member of a live org.
   * `application_id` null: the application is not the org's, or is deleted.
   */
  async resolve(scope: OrgScope, userId: string, applicationId: string | null): Promise<ResolvedMembershipRow | null> {
    const rows = await preparedQuery<ResolvedMembershipRow>(this.dataSource, 'tenancy_resolve_membership', RESOLVE_SQL, [scope.orgId, userId, applicationId]);
    return rows[0] ?? null;
  }

  /**
   * The actor's and the target's memberships, locked until the transaction ends, in user-id
   * order so that two managers acting on each other cannot deadlock.
   */
  async lockPair(manager: EntityManager, scope: OrgScope, actorId: string, targetId: string): Promise<{ actor: MembershipEntity | null; target: MembershipEntity | null }> {
    const rows = await manager.getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId AND m.user_id IN (:...ids)', { orgId: scope.orgId, ids: [actorId, targetId] })
      .orderBy('m.user_id')
      .setLock('pessimistic_write')
      .getMany();
    return { actor: rows.find((m) => m.userId === actorId) ?? null, target: rows.find((m) => m.userId === targetId) ?? null };
  }

  async find(manager: EntityManager, scope: OrgScope, userId: string): Promise<MembershipEntity | null> {
    return manager.getRepository(MembershipEntity).findOneBy({ orgId: scope.orgId, userId });
  }

  async updateRole(manager: EntityManager, scope: OrgScope, userId: string, role: string): Promise<void> {
    await manager.getRepository(MembershipEntity).update({ orgId: scope.orgId, userId }, { role, updatedAt: new Date() });
  }

  async remove(manager: EntityManager, scope: OrgScope, userId: string): Promise<void> {
    await manager.getRepository(MembershipEntity).delete({ orgId: scope.orgId, userId });
  }

  /** Members of an org by user id, newest user first. */
  list(scope: OrgScope, afterUserId: string | undefined, take: number): Promise<MembershipEntity[]> {
    const query = this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId', { orgId: scope.orgId })
      .orderBy('m.user_id', 'DESC')
      .take(take);
    if (afterUserId !== undefined) query.andWhere('m.user_id < :afterUserId', { afterUserId });
    return query.getMany();
  }

  /** Every live org a user belongs to (for GET /me), newest org first. */
  listForUser(userId: string): Promise<MembershipSummaryRow[]> {
    return this.dataSource.query(
      `SELECT m."org_id", o."name" AS "org_name", m."role"
       FROM "tenancy"."memberships" m
       JOIN "tenancy"."organizations" o ON o."id" = m."org_id" AND o."deleted_at" IS NULL
       WHERE m."user_id" = $1
       ORDER BY m."org_id" DESC`,
      [userId],
    );
  }
}
