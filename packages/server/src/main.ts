import { loadConfig } from '@rapport/core';
import { createLogger } from './logger.js';
import { startRapport } from './startup.js';
import type { RapportApp } from './app.js';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  let app: RapportApp | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Still starting (migrating, seeding): nothing is being served, so there is nothing to drain.
    if (!app) {
      logger.info(`${signal} received during start-up: exiting`);
      process.exit(0);
    }
    logger.info({ delayMs: config.shutdownDelayMs, graceMs: config.shutdownGraceMs }, `${signal} received: draining requests…`);
    app.close().then(
      () => {
        logger.info('Stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ err: error }, `shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  ({ app } = await startRapport({ config, logger }));
}

main().catch((error: unknown) => {
  console.error(`rapport: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
