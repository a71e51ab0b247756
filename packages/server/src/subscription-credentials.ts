import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { unauthenticated, type Authentication, type ErrorMessageKey, type RapportContext } from '@rapport/core';

type Check = () => Promise<ErrorMessageKey | null>;

/** The stream's last result; its error carries the catalogue's texts, so it reads in the reader's language. */
function refusal(problem: ErrorMessageKey): ExecutionResult {
  const error = unauthenticated(problem);
  return { errors: [new GraphQLError(error.message, { extensions: error.extensions, originalError: error })] };
}

/**
 * Passes a subscription's events on while `check` finds its credentials good (null), and checks again
 * every `intervalMs` between events. Once they are refused, the source is ended (unsubscribing it) and
 * the stream's last result is UNAUTHENTICATED with the reason.
 */
export function heldToCredentials<T>(source: AsyncIterable<T>, check: Check, intervalMs: number): AsyncIterableIterator<T | ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  let state: 'open' | 'refused' | 'done' = 'open';
  let last: ExecutionResult | null = null;
  let signal: (value: IteratorResult<T>) => void = () => {};
  const refusedWhileWaiting = new Promise<IteratorResult<T>>((resolve) => (signal = resolve));
  const DONE: IteratorResult<never> = { value: undefined, done: true };

  const stop = async () => {
    clearInterval(timer);
    await events.return?.();
  };
  const refuse = async (problem: ErrorMessageKey) => {
    if (state !== 'open') return;
    state = 'refused';
    last = refusal(problem);
    signal(DONE);
    await stop();
  };
  const takeLast = (): IteratorResult<T | ExecutionResult> => {
    const result = last;
    last = null;
    state = 'done';
    return result ? { value: result, done: false } : DONE;
  };
  let checking = false;
  const timer = setInterval(() => {
    if (checking || state !== 'open') return;
    checking = true;
    // A failed check (database unreachable) is tried again; the next event checks too.
    check()
      .then((problem) => (problem ? refuse(problem) : undefined))
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, intervalMs);
  timer.unref();

  return {
    async next() {
      if (state !== 'open') return takeLast();
      const event = await Promise.race([events.next(), refusedWhileWaiting]);
      if (state !== 'open') return takeLast();
      if (event.done) {
        state = 'done';
        clearInterval(timer);
        return event;
      }
      const problem = await check();
      if (problem) {
        await refuse(problem);
        return takeLast();
      }
      return event;
    },
    async return() {
      state = 'done';
      last = null;
      await stop();
      return DONE;
    },
    async throw(error: unknown) {
      state = 'done';
      await stop();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Every subscription of the endpoint is held to the credentials that opened it: they are
 * authenticated again (as an HTTP request would be, one statement) before each event is delivered
 * and every `intervalMs` in between, and the viewer is refreshed, so sign-out, refresh-token reuse,
 * a revoked key or a deactivated account ends the stream at once. The access token's signature and
 * expiry are judged as of the subscription's start (`openedAt`): a stream outlives the token's
 * 15 minutes, never its session.
 */
export function useCredentialsPerEvent(
  reauthenticate: (context: RapportContext, openedAt: Date) => Promise<Authentication>,
  now: () => Date,
  intervalMs: number,
): Plugin<RapportContext> {
  return {
    onSubscribe: ({ args }) => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) return;
        const context = args.contextValue;
        const openedAt = now();
        const check: Check = async () => {
          const { viewer, problem } = await reauthenticate(context, openedAt);
          if (!viewer) return problem ?? 'auth.signInFirst';
          context.viewer = viewer;
          return null;
        };
        setResult(heldToCredentials(result, check, intervalMs) as never);
      },
    }),
  };
}
