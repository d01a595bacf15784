export { startGateway, type GatewayOptions, type RunningGateway } from './server.js';
export { issueOfficialToken, identityFromAuthorization } from './auth.js';
export { composeSupergraph, withoutPrivate } from './compose.js';
export { SUBGRAPHS, SUPERGRAPH_PATHS, type ApiVariant } from './subgraphs.js';
export { loadGatewayEnv } from './env.js';
export { ApiKeyStore, ApiKeyError, KEY_MARK, SCOPES, type AgencyRef, type ApiKeyRecord, findAgency } from './api-keys.js';
