import { Subjects, type RequestContext } from '@agentry/contracts';
import { Controller, Delete, Get, Put } from '@nestjs/common';
import { Context, JsonBody } from '../../core/context.decorator.js';
import { PlatformAdmin } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';

/** Platform administration: dashboard sessions of the users listed in PLATFORM_ADMINS. */
@Controller('admin')
export class AdminController {
  constructor(private readonly services: Services) {}

  @Get('kill-switch') @PlatformAdmin('platform:kill-switch')
  killSwitch(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.runs.getPlatformKillSwitch, ctx, {});
  }

  /** Body `{reason}`: every queued and running run on the platform is cancelled; new runs get 503 until DELETE. */
  @Put('kill-switch') @PlatformAdmin('platform:kill-switch')
  engageKillSwitch(@Context() ctx: RequestContext, @JsonBody() body: unknown) {
    return this.services.call(Subjects.runs.engagePlatformKillSwitch, ctx, body);
  }

  @Delete('kill-switch') @PlatformAdmin('platform:kill-switch')
  releaseKillSwitch(@Context() ctx: RequestContext) {
    return this.services.call(Subjects.runs.releasePlatformKillSwitch, ctx, {});
  }
}
