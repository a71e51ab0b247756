export { staffAlerts, type AlertWithRecipient } from './alerts.js';
export { createPreparedTestDatabase, createTestDatabase, dropTemplateDatabases, postgresAvailable, requireServices } from './postgres.js';
export { openMigratedEmbedded, openPreparedEmbedded, TEMPLATES_ENV } from './prepared.js';
export {
  databaseKinds,
  describeOnDatabases,
  endpointUrl,
  errorOf,
  postGraphQL,
  signInAt,
  startTestServer,
  TEST_NOW,
  userErrorOf,
  type ClientOptions,
  type DatabaseKind,
  type EndpointClient,
  type GraphQLResponse,
  type RawResponse,
  type TestClient,
  type TestServer,
  type TestServerOptions,
} from './server.js';
