import { LoginDocument, tokensOf } from '@rapport/client';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../session.js';
import { useT } from '../util.js';

export function Login() {
  const t = useT();
  const session = useSession();
  const [{ fetching, error }, login] = useMutation(LoginDocument);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ input: { email, password } });
    const tokens = tokensOf(result.data?.login);
    if (tokens) {
      session.tokens.set(tokens);
      if (!window.location.hash) window.location.hash = '#/customers';
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('appName')}</h1>
        <label>
          {t('email')}
          <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="error">
            {t('signInFailed')}
          </p>
        )}
        <button type="submit" disabled={fetching}>
          {t('signIn')}
        </button>
        <button type="button" className="link" onClick={() => session.setLocale(session.locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}
