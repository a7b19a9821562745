import type { ApplicationDto } from '@agentry/contracts';
import type { ApplicationEntity } from './entities/application.entity.js';

export function toApplicationDto(app: ApplicationEntity): ApplicationDto {
  return { id: app.id, object: 'application', name: app.name, isDefault: app.isDefault, createdAt: app.createdAt.toISOString() };
}
