import 'reflect-metadata';

export { startWorksService, type WorksService, type WorksServiceOptions } from './server.js';
export { buildWorksSchema } from './schema.js';
export { loadWorksEnv } from './env.js';
export { worksCsvQuery } from './modules/dataset/works-csv.js';
