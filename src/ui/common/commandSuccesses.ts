import type { CommandGateway } from '../../state';

/** A count of commands the gateway accepted from the views, so a refusal shown anywhere can step aside at the next success. */
export interface CommandSuccesses {
  count(): number;
  succeeded(): void;
  subscribe(onChange: () => void): () => void;
}

const byGateway = new WeakMap<CommandGateway, CommandSuccesses>();

/** The one counter of a gateway (one per app on the page, so tests with several apps keep theirs apart). */
export function successesOf(gateway: CommandGateway): CommandSuccesses {
  let successes = byGateway.get(gateway);
  if (!successes) {
    let count = 0;
    const listeners = new Set<() => void>();
    successes = {
      count: () => count,
      succeeded: () => {
        count += 1;
        for (const listener of listeners) listener();
      },
      subscribe: (onChange) => {
        listeners.add(onChange);
        return () => listeners.delete(onChange);
      },
    };
    byGateway.set(gateway, successes);
  }
  return successes;
}
