import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { inertPwa, type PwaController, type PwaStatus } from '../../pwa';

// Without a provider (component tests, or a view rendered on its own) nothing is offered.
const PwaContext = createContext<PwaController>(inertPwa());

export function PwaProvider({ pwa, children }: { pwa: PwaController; children: ReactNode }) {
  return <PwaContext.Provider value={pwa}>{children}</PwaContext.Provider>;
}

export function usePwa(): PwaController {
  return useContext(PwaContext);
}

export function usePwaStatus<T>(selector: (status: PwaStatus) => T): T {
  return useStore(usePwa().store, selector);
}
