import { requireOrg, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RunsRepository } from '../../runs.repository.js';

/** Tenancy asks before deleting an org: how many of its runs are queued or running. */
@Injectable()
export class CountLiveRuns {
  constructor(private readonly dataSource: DataSource, private readonly runs: RunsRepository) {}

  async execute(ctx: RequestContext): Promise<{ live: number }> {
    return { live: await this.runs.countLiveMatching(this.dataSource.manager, { orgId: requireOrg(ctx) }) };
  }
}
