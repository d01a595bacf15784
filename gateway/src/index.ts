export { startGateway, type GatewayOptions, type RunningGateway } from './server.js';
export { issueOfficialToken, identityFromAuthorization } from './auth.js';
export { composeSupergraph } from './compose.js';
export { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs.js';
export { loadGatewayEnv } from './env.js';
