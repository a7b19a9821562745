import type { ListMembershipsReply } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { MembershipsRepository } from '../../memberships.repository.js';

/** For GET /me: the orgs a user belongs to, with the role in each. */
@Injectable()
export class ListMemberships {
  constructor(private readonly memberships: MembershipsRepository) {}

  async execute(userId: string): Promise<ListMembershipsReply> {
    const rows = await this.memberships.listForUser(userId);
    return { data: rows.map((row) => ({ orgId: row.org_id, orgName: row.org_name, role: row.role })) };
  }
}
