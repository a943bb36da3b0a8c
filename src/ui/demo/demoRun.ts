import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CommandGateway, DemoProgress } from '../../state';
import { describeError } from '../common/describeError';
import { countOf, formatCount } from '../../domain';
import { demoSummary } from './demoSummary';

/**
 * One demo run per page, kept outside the components: the panel on an empty shop disappears as
 * soon as the first events land, and Settings shows the same run.
 */
export type DemoPlace = 'offer' | 'settings';

export interface DemoRunView {
  progress: DemoProgress | null;
  /** Where the running generation was started, so its progress stays in that place. */
  runningFrom: DemoPlace | null;
  outcome: { kind: 'done' | 'cancelled' | 'error'; text: string } | null;
}

const store = createStore<DemoRunView>(() => ({ progress: null, runningFrom: null, outcome: null }));
let controller: AbortController | null = null;

export const useDemoRun = <T>(selector: (view: DemoRunView) => T): T => useStore(store, selector);

export async function startDemoRun(gateway: CommandGateway, events: number, from: DemoPlace): Promise<void> {
  if (controller) return;
  controller = new AbortController();
  const { signal } = controller;
  store.setState({ progress: { events: 0, target: events, commands: 0, rejected: 0 }, runningFrom: from, outcome: null });
  try {
    const result = await gateway.generateDemoHistory({ events, signal, onProgress: (progress) => store.setState({ progress }) });
    store.setState({ outcome: { kind: 'done', text: demoSummary(result) } });
  } catch (error) {
    const written = store.getState().progress?.events ?? 0;
    store.setState({
      outcome: signal.aborted
        ? { kind: 'cancelled', text: `Cancelled after ${countOf(written, 'event')}; those stay in the log.` }
        : { kind: 'error', text: describeError(error) },
    });
  } finally {
    controller = null;
    store.setState({ progress: null, runningFrom: null });
  }
}

export function cancelDemoRun(): void {
  controller?.abort();
}

export const count = formatCount;
