import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { session } from './auth/session';
import '@ocop/shared/base.css';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Started here rather than in an effect so that it runs exactly once: the API revokes a session
// whose refresh token is presented twice.
void session.restore();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
