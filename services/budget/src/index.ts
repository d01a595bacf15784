import 'reflect-metadata';

export { startBudgetService, type BudgetService, type BudgetServiceOptions } from './server.js';
export { buildBudgetSchema } from './schema.js';
export { fetchDemoInputs } from './seed/demo-inputs.js';
