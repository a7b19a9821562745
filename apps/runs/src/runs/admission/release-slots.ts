import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrgQuotas } from './org-quotas.js';
import { RunDispatcher } from './run-dispatcher.js';

/** Dispatches waiting runs of these orgs, one transaction each, with quotas fetched outside any transaction. */
@Injectable()
export class ReleaseSlots {
  constructor(private readonly dataSource: DataSource, private readonly quotas: OrgQuotas, private readonly dispatcher: RunDispatcher) {}

  async forOrgs(orgIds: Iterable<string>): Promise<number> {
    let dispatched = 0;
    for (const orgId of new Set(orgIds)) {
      const quotas = await this.quotas.get(orgId);
      const ids = await this.dataSource.transaction((manager) => this.dispatcher.releaseSlot(manager, { orgId }, quotas));
      dispatched += ids.length;
    }
    return dispatched;
  }
}
