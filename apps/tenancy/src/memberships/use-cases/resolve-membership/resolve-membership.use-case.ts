import { Errors, isId, type MembershipResolution, type ResolveMembershipRequest } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { permissionsOfRole } from '../../../roles/role-permissions.js';
import { MembershipsRepository } from '../../memberships.repository.js';

/**
 * The gateway's hot path: one query. Not a member, unknown or malformed org → 404; an
 * application that is not the org's (or is deleted) → 404 too, never another tenant's data.
 */
@Injectable()
export class ResolveMembership {
  constructor(private readonly memberships: MembershipsRepository) {}

  async execute(input: ResolveMembershipRequest): Promise<MembershipResolution> {
    const { userId, orgId, applicationId } = input;
    if (!isId('usr', userId) || !isId('org', orgId)) throw Errors.notFound('organization');
    if (applicationId !== undefined && !isId('app', applicationId)) throw Errors.notFound('application');
    const row = await this.memberships.resolve({ orgId }, userId, applicationId ?? null);
    if (!row) throw Errors.notFound('organization');
    if (!row.application_id) throw Errors.notFound('application');
    return {
      orgId, userId, role: row.role, permissions: permissionsOfRole(row.role, row.custom_permissions),
      applicationId: row.application_id, apiVersion: row.api_version,
    };
  }
}
