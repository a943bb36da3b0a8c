import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startPwa } from './pwa';
import { connectDevToolsIfPresent, createShopRuntime, TimeMachine } from './state';
import { App } from './ui/App';
import { currentParams, replaceParams } from './ui/common/useHashRoute';
import { RuntimeProvider } from './ui/runtimeContext';
import { PwaProvider } from './ui/pwa/pwaContext';
import './ui/styles.css';

const runtime = createShopRuntime({ sync: true });
const timeMachine = new TimeMachine(runtime);
const linkedCursor = currentParams().get('at');
const pwa = startPwa();

const ready = runtime.start().then(async () => {
  // Page load → present state ready, as the benchmarks read it (tests/bench).
  performance.mark('rewind:state-ready');
  await timeMachine.init(linkedCursor !== null && /^\d+$/.test(linkedCursor) ? Number(linkedCursor) : null);
  // A link the time machine did not follow (past the newest event, or no position) opens the present: the URL says so.
  if (linkedCursor !== null && timeMachine.store.getState().cursor === null) {
    const params = currentParams();
    params.delete('at');
    replaceParams(params);
  }
  await connectDevToolsIfPresent(runtime, timeMachine);
});

// The handle benchmarks and end-to-end tests drive the app through (page.evaluate); nothing in
// the app reads it. `ready` settles once the runtime started and the time machine is set up.
Object.assign(window, { rewind: { runtime, timeMachine, ready } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RuntimeProvider runtime={runtime} timeMachine={timeMachine}>
      <PwaProvider pwa={pwa}>
        <App />
      </PwaProvider>
    </RuntimeProvider>
  </StrictMode>,
);
