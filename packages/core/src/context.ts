import type { AlertBus } from './alerts/bus.js';
import type { Clock } from './clock.js';
import type { RapportConfig } from './config.js';
import type { PrismaClient } from './db/client.js';
import type { ErrorMessageKey } from './error-messages.js';
import type { RequestOrigin } from './audit/service.js';
import type { Viewer } from './auth/viewer.js';
import type { Notifier } from './users/notifier.js';

export type { Viewer, StaffViewer, ApiKeyViewer } from './auth/viewer.js';
export type { PrincipalViewer } from './auth/principals.js';

export interface RapportContext {
  prisma: PrismaClient;
  /**
   * Where read-heavy reports read (statistics, metrics, sales reports): the read replica when
   * DATABASE_REPLICA_URL is set, else the same client as `prisma`. Reads only, under the same row
   * rules as any read; it may lag behind the primary by the replication delay, so writes and reads
   * that must see this request's own writes use `prisma`.
   */
  reportDb: PrismaClient;
  /** Who is asking, resolved from the request's credentials; null when none were presented (or they were refused). */
  viewer: Viewer | null;
  /** Why presented credentials were refused (expired token, revoked key, ...): the UNAUTHENTICATED message. */
  authProblem: ErrorMessageKey | null;
  origin: RequestOrigin;
  /** The request's Accept-Language header (HTTP, or the WebSocket upgrade): the language of a reader without a locale of their own. */
  acceptLanguage?: string | null;
  clock: Clock;
  config: RapportConfig;
  /** Where fired alerts arrive for live delivery (in-process, or Redis across instances). */
  alertBus: AlertBus;
  /** Delivers account links (invitations, password resets): a configured channel, or the log. */
  notifier: Notifier;
}
