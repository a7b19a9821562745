import { appError, Errors } from '@agentry/contracts';

export const AgentErrors = {
  notFound: () => Errors.notFound('agent'),
  versionNotFound: () => Errors.notFound('agent version'),
  slugTaken: (slug: string) => appError(409, 'slug_taken', `An agent with the slug "${slug}" already exists in this application.`),
};
