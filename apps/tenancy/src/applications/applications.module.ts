import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { CreateApplication } from './use-cases/create-application/create-application.use-case.js';
import { DeleteApplication } from './use-cases/delete-application/delete-application.use-case.js';
import { GetApplication } from './use-cases/get-application/get-application.use-case.js';
import { ListApplications } from './use-cases/list-applications/list-applications.use-case.js';
import { UpdateApplication } from './use-cases/update-application/update-application.use-case.js';

@Module({
  imports: [CommonModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsRepository, CreateApplication, ListApplications, GetApplication, UpdateApplication, DeleteApplication],
  exports: [ApplicationsRepository],
})
export class ApplicationsModule {}
