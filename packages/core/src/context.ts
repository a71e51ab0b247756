import type { Clock } from './clock.js';
import type { RapportConfig } from './config.js';
import type { PrismaClient } from './db/client.js';
import type { UserRole } from './generated/prisma/client.js';

/** Who is asking. Until sign-in exists the server acts as the configured demo user. */
export interface Viewer {
  kind: 'user';
  id: string;
  role: UserRole;
  email: string;
  name: string;
}

export interface RapportContext {
  prisma: PrismaClient;
  viewer: Viewer | null;
  clock: Clock;
  config: RapportConfig;
}
