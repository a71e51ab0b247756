export interface WebhookSettings {
  /** RAPPORT_WEBHOOK_ALLOW_PRIVATE: endpoints may be on loopback and private networks (tests, on-premises receivers). */
  allowPrivate: boolean;
  /** How often the dispatcher looks for deliveries to send. */
  intervalMs: number;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** The wait after the first failed attempt; it doubles with each failure, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** An endpoint is paused once it failed this many attempts in a row … */
  pauseAfterFailures: number;
  /** … over at least this long (both must hold). */
  pauseAfterMs: number;
}

export const WEBHOOK_DEFAULTS: WebhookSettings = {
  allowPrivate: false,
  intervalMs: 1_000,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  pauseAfterFailures: 20,
  pauseAfterMs: 24 * 3_600_000,
};
