export { startGateway, type RunningGateway } from './start-gateway.js';
export { GatewayConfig } from './config/gateway.config.js';
export { gatewayMigrations } from './database/migrations/index.js';
