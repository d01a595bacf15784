import 'reflect-metadata';

export { startParticipationService, type ParticipationService, type ParticipationServiceOptions } from './server.js';
export { buildParticipationSchema } from './schema.js';
export { loadParticipationEnv } from './env.js';
