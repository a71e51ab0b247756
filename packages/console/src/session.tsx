import { createRapportClient, type RapportClient, type Tokens, type TokenStore } from '@rapport/client';
import { createContext, useContext } from 'react';
import type { Locale } from './i18n.js';

const KEY = 'rapport.tokens';

/** Tokens kept in localStorage so a reload stays signed in; the refresh token rotates on use. */
export function browserTokenStore(onChange: (tokens: Tokens | null) => void): TokenStore {
  return {
    get() {
      const raw = localStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as Tokens) : null;
    },
    set(tokens) {
      if (tokens) localStorage.setItem(KEY, JSON.stringify(tokens));
      else localStorage.removeItem(KEY);
      onChange(tokens);
    },
  };
}

export function connect(tokens: TokenStore, locale: () => Locale): RapportClient {
  const url = new URL('/graphql', window.location.href).toString();
  return createRapportClient({ url, tokens, headers: () => ({ 'accept-language': locale() }) });
}

export interface SessionState {
  locale: Locale;
  setLocale(locale: Locale): void;
  timeZone: string;
  tokens: TokenStore;
  plugins: string[];
  role: string | null;
  /** The signed-in user's id (the graph's global id), once the viewer query answered. */
  viewerId?: string | undefined;
}

export const Session = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(Session);
  if (!session) throw new Error('useSession outside <Session.Provider>');
  return session;
}
