import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { SettingsController } from './settings.controller.js';
import { SettingsRepository } from './settings.repository.js';
import { GetQuotas } from './use-cases/get-quotas/get-quotas.use-case.js';
import { GetSettings } from './use-cases/get-settings/get-settings.use-case.js';
import { UpdateQuotas } from './use-cases/update-quotas/update-quotas.use-case.js';
import { UpdateSettings } from './use-cases/update-settings/update-settings.use-case.js';

@Module({
  imports: [CommonModule],
  controllers: [SettingsController],
  providers: [SettingsRepository, GetSettings, UpdateSettings, GetQuotas, UpdateQuotas],
  exports: [SettingsRepository],
})
export class SettingsModule {}
