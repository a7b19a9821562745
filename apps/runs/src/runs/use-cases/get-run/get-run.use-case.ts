import { isId, type RequestContext, type RunDto, type RunIdRequest } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { endUserScope } from '../../../common/tenant.js';
import { RunErrors } from '../../run-errors.js';
import { toRunDto } from '../../run.mapper.js';
import { RunsRepository } from '../../runs.repository.js';

/** The hot path: one prepared, indexed query. Another tenant's or end-user's run is 404. */
@Injectable()
export class GetRun {
  constructor(private readonly runs: RunsRepository) {}

  async execute(ctx: RequestContext, input: RunIdRequest): Promise<RunDto> {
    if (!isId('run', input.id)) throw RunErrors.notFound();
    const run = await this.runs.findVisible(endUserScope(ctx), input.id);
    if (!run) throw RunErrors.notFound();
    return toRunDto(run);
  }
}
