import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { AppRouter } from './app/router';
import { createSession } from './app/session';

const session = createSession();
void session.restore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider session={session}>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
