import { requireOrg, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KillSwitchesRepository } from '../../../kill-switches/kill-switches.repository.js';
import { RunsRepository } from '../../runs.repository.js';

/**
 * Tenancy asks before deleting an org. Under the admission lock: with runs still queued or
 * running it answers how many and changes nothing; with none it engages the org's kill switch in
 * the same transaction, so no run can be admitted between this answer and the deletion.
 */
@Injectable()
export class CloseOrgAdmission {
  constructor(private readonly dataSource: DataSource, private readonly runs: RunsRepository, private readonly switches: KillSwitchesRepository) {}

  async execute(ctx: RequestContext): Promise<{ live: number }> {
    const orgId = requireOrg(ctx);
    return this.dataSource.transaction(async (manager) => {
      await this.runs.lockOrg(manager, { orgId });
      const live = await this.runs.countLiveMatching(manager, { orgId });
      if (live === 0) await this.switches.engage(manager, orgId, 'organization deleted', ctx.principal.id);
      return { live };
    });
  }
}
