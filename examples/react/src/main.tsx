import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      server={params.get('server') ?? 'ws://127.0.0.1:8080/live'}
      room={params.get('room') ?? 'demo'}
    />
  </StrictMode>,
);
