import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { categoriesQuery, featuredQuery } from './api/catalog';
import { App, queryClient } from './App';
import { session } from './auth/session';
import { platformQuery } from './queries';
import '@ocop/shared/base.css';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Started here rather than in an effect so that it runs exactly once: the API revokes a session
// whose refresh token is presented twice.
void session.restore();

/**
 * On the home page, index.html has already asked for the first screen's data (see its preload
 * script), usually answered by the time this script has run. Waiting for it here, briefly, lets the
 * first paint show the province, the categories and the featured products at once, instead of
 * placeholders followed by a second render while the page should be settling.
 */
const FIRST_SCREEN_WAIT_MS = 1_500;

async function firstScreenData(): Promise<void> {
  if (location.pathname !== '/') return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all([
      queryClient.prefetchQuery(platformQuery),
      queryClient.prefetchQuery(categoriesQuery),
      queryClient.prefetchQuery(featuredQuery),
    ]),
    new Promise((done) => (timer = setTimeout(done, FIRST_SCREEN_WAIT_MS))),
  ]);
  clearTimeout(timer);
}

void firstScreenData().then(() => {
  // As a transition, the first render yields to the browser every few milliseconds instead of
  // holding the main thread in one long task: a phone stays responsive while the app starts.
  startTransition(() => {
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});
