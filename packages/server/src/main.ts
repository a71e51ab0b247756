import { loadConfig } from '@rapport/core';
import { startRapport } from './startup.js';

async function main() {
  const config = loadConfig();
  const { app } = await startRapport({ config });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: draining requests…`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`rapport: shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`rapport: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
