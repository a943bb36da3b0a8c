import { describe, expect, it } from 'vitest';
import { watchConnectivity } from '../../../src/pwa/connectivity';

describe('watchConnectivity', () => {
  it('reports the current state at once and every change after, until stopped', () => {
    const source = Object.assign(new EventTarget(), { navigator: { onLine: true } });
    const seen: boolean[] = [];
    const stop = watchConnectivity(source, (online) => seen.push(online));

    source.navigator.onLine = false;
    source.dispatchEvent(new Event('offline'));
    source.navigator.onLine = true;
    source.dispatchEvent(new Event('online'));
    stop();
    source.dispatchEvent(new Event('offline'));

    expect(seen).toEqual([true, false, true]);
  });
});
