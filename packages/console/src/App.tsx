import { LogoutDocument, ViewerDocument, type Tokens } from '@rapport/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Provider, useMutation, useQuery } from 'urql';
import { preferredLocale, type Locale } from './i18n.js';
import { href, useRoute } from './router.js';
import { AlertPanel } from './screens/AlertPanel.js';
import { CustomerDetail } from './screens/CustomerDetail.js';
import { CustomerList } from './screens/CustomerList.js';
import { Dashboard } from './screens/Dashboard.js';
import { Login } from './screens/Login.js';
import { Tasks } from './screens/Tasks.js';
import { TicketDetail } from './screens/TicketDetail.js';
import { Tickets } from './screens/Tickets.js';
import { Admin } from './screens/Admin.js';
import { Sales } from './screens/Sales.js';
import { Calls } from './screens/Calls.js';
import { Campaigns } from './screens/Campaigns.js';
import { Knowledge } from './screens/Knowledge.js';
import { browserTokenStore, connect, Session, useSession, type SessionState } from './session.js';
import { useT } from './util.js';

const LOCALE_KEY = 'rapport.locale';

export function App() {
  const [tokens, setTokens] = useState<Tokens | null>(null);
  const [locale, setLocaleState] = useState<Locale>(
    () => (localStorage.getItem(LOCALE_KEY) as Locale | null) ?? preferredLocale(navigator.languages),
  );
  const store = useMemo(() => browserTokenStore(setTokens), []);
  const signedIn = tokens ?? store.get();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const signedInAs = signedIn ? 'in' : 'out';
  // A new client per sign-in: nothing cached for one user is shown to the next.
  const rapport = useMemo(() => connect(store, () => localeRef.current), [store, signedInAs]);
  useEffect(() => () => rapport.dispose(), [rapport]);
  const setLocale = (next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  };
  const base: SessionState = {
    locale,
    setLocale,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    tokens: store,
    plugins: [],
    role: null,
  };
  return (
    <Provider value={rapport.client}>
      <Session.Provider value={base}>{signedIn ? <Shell base={base} /> : <Login />}</Session.Provider>
    </Provider>
  );
}

function Shell({ base }: { base: SessionState }) {
  const [{ data, error }] = useQuery({ query: ViewerDocument });
  const route = useRoute();
  const session: SessionState = {
    ...base,
    plugins: data?.deployment.plugins.map((p) => p.name) ?? [],
    role: data?.viewer?.role ?? null,
    viewerId: data?.viewer?.id,
  };
  if (error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    base.tokens.set(null);
    return null;
  }
  return (
    <Session.Provider value={session}>
      <Layout name={data?.viewer?.name} role={session.role}>
        <Screen route={route} />
      </Layout>
    </Session.Provider>
  );
}

function Layout({ name, role, children }: { name?: string | undefined; role: string | null; children: React.ReactNode }) {
  const t = useT();
  const session = useSession();
  const [, logout] = useMutation(LogoutDocument);
  const signOut = async () => {
    await logout({});
    session.tokens.set(null);
  };
  const manager = role === 'MANAGER' || role === 'ADMIN';
  return (
    <div className="shell">
      <header className="topbar">
        <strong className="brand">{t('appName')}</strong>
        <nav aria-label="main">
          <a href={href('customers')}>{t('customers')}</a>
          <a href={href('pool')}>{t('pool')}</a>
          <a href={href('tasks')}>{t('tasks')}</a>
          {manager && <a href={href('dashboard')}>{t('dashboard')}</a>}
          {session.plugins.includes('service') && <a href={href('tickets')}>{t('tickets')}</a>}
          {session.plugins.includes('sales') && <a href={href('sales')}>{t('sales')}</a>}
          {session.plugins.includes('marketing') && <a href={href('campaigns')}>{t('campaigns')}</a>}
          {session.plugins.includes('knowledge') && <a href={href('knowledge')}>{t('knowledge')}</a>}
          {session.plugins.includes('callcenter') && <a href={href('calls')}>{t('calls')}</a>}
          {role === 'ADMIN' && <a href={href('admin')}>{t('admin')}</a>}
        </nav>
        <div className="who">
          <span data-testid="viewer">
            {name} {role && <small>({role})</small>}
          </span>
          <button type="button" onClick={() => session.setLocale(session.locale === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('language')}
          </button>
          <button type="button" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <div className="body">
        <main>{children}</main>
        <AlertPanel />
      </div>
    </div>
  );
}

/** Screens of a plugin: shown only when the deployment has it on (`deployment.plugins`). */
const PLUGIN_SCREENS: Record<string, string> = { tickets: 'service', sales: 'sales', campaigns: 'marketing', knowledge: 'knowledge', calls: 'callcenter' };

function Screen({ route }: { route: string[] }) {
  const [screen, id] = route;
  const { plugins, role } = useSession();
  const plugin = screen ? PLUGIN_SCREENS[screen] : undefined;
  if (plugin && !plugins.includes(plugin)) return role ? <CustomerList pool={false} /> : null;
  switch (screen) {
    case 'customers':
      return id ? <CustomerDetail id={id} /> : <CustomerList pool={false} />;
    case 'pool':
      return <CustomerList pool />;
    case 'tasks':
      return <Tasks />;
    case 'dashboard':
      return <Dashboard />;
    case 'tickets':
      return id ? <TicketDetail id={id} /> : <Tickets />;
    case 'sales':
      return <Sales />;
    case 'admin':
      return <Admin />;
    case 'campaigns':
      return <Campaigns />;
    case 'knowledge':
      return <Knowledge />;
    case 'calls':
      return <Calls />;
    default:
      return <CustomerList pool={false} />;
  }
}
