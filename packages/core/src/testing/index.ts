export { createTestDatabase, requireServices } from './postgres.js';
