import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createShopRuntime } from './state';
import { App } from './ui/App';
import { RuntimeProvider } from './ui/runtimeContext';
import './ui/styles.css';

const runtime = createShopRuntime();
void runtime.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RuntimeProvider runtime={runtime}>
      <App />
    </RuntimeProvider>
  </StrictMode>,
);
