// How account links reach people. A channel (e-mail, chat, ...) implements `deliver`; core only knows this.

/** A one-time link for a user: an invitation to set a first password, or a password reset. */
export interface AccountMessage {
  kind: 'invitation' | 'passwordReset';
  to: { userId: string; email: string; name: string; locale: string };
  /** `<RAPPORT_APP_URL>/set-password?token=…` or `/reset-password?token=…`: a secret until used. */
  link: string;
  expiresAt: Date;
}

export interface Notifier {
  deliver(message: AccountMessage): Promise<void>;
}

/**
 * With no channel configured: development and tests print the link to the log (so a developer can
 * follow it); production prints only that it could not be delivered, since the link is a credential.
 */
export function logNotifier(env: 'development' | 'production' | 'test', log: (line: string) => void = console.log): Notifier {
  return {
    async deliver(message) {
      const what = message.kind === 'invitation' ? 'Invitation' : 'Password reset';
      if (env === 'production') {
        log(`${what} for ${message.to.email} not delivered: no notification channel is configured`);
        return;
      }
      log(`${what} for ${message.to.email} (valid until ${message.expiresAt.toISOString()}): ${message.link}`);
    },
  };
}
