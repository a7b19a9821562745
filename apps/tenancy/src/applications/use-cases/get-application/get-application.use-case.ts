import { Errors, isId, type ApplicationDto, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { applicationScopeOf } from '../../application-scope.js';
import { toApplicationDto } from '../../application.mapper.js';
import { ApplicationsRepository } from '../../applications.repository.js';

@Injectable()
export class GetApplication {
  constructor(private readonly applications: ApplicationsRepository) {}

  async execute(ctx: RequestContext, id: string): Promise<ApplicationDto> {
    const scope = applicationScopeOf(ctx);
    const app = isId('app', id) ? await this.applications.findById(scope, id) : null;
    if (!app) throw Errors.notFound('application');
    return toApplicationDto(app);
  }
}
