import { describe, expect, it } from 'vitest';
import { afterFailure, lockedFor } from './sign-in-throttle.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, seconds));

describe('sign-in throttle', () => {
  it('locks at the limit within the window, for lockSeconds', () => {
    let state = afterFailure(null, at(0), 3, 60);
    state = afterFailure(state, at(10), 3, 60);
    expect(state).toMatchObject({ failures: 2, lockedUntil: null });
    state = afterFailure(state, at(20), 3, 60);
    expect(state.lockedUntil).toEqual(at(80));
    expect(lockedFor([state], at(30))).toBe(50);
    expect(lockedFor([state], at(80))).toBeNull();
  });

  it('starts over once the window or the lock has passed', () => {
    const old = afterFailure(afterFailure(null, at(0), 3, 60), at(1), 3, 60);
    expect(afterFailure(old, at(61), 3, 60)).toEqual({ failures: 1, windowStart: at(61), lockedUntil: null });
    const locked = { failures: 3, windowStart: at(0), lockedUntil: at(30) };
    expect(afterFailure(locked, at(31), 3, 60)).toEqual({ failures: 1, windowStart: at(31), lockedUntil: null });
  });

  it('reports the latest of several locks', () => {
    expect(lockedFor([{ lockedUntil: at(10) }, { lockedUntil: at(40) }, { lockedUntil: null }], at(0))).toBe(40);
    expect(lockedFor([], at(0))).toBeNull();
  });
});
