import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { DEFAULT_CURRENCY } from '@/config/env';
import { WorkspaceCurrencyDocument } from '@/gql/graphql';
import { useSession } from './session-context';

const CurrencyContext = createContext<string>(DEFAULT_CURRENCY);

/** An ISO 4217 code Intl can format with, or the default. */
export function usableCurrency(code: string | null | undefined): string {
  const c = code?.trim().toUpperCase();
  return c && /^[A-Z]{3}$/.test(c) ? c : DEFAULT_CURRENCY;
}

/** Money is shown in `currency` below (tests, stories). */
export function CurrencyProvider({ currency, children }: { currency: string; children: ReactNode }) {
  return <CurrencyContext.Provider value={usableCurrency(currency)}>{children}</CurrencyContext.Provider>;
}

/**
 * Loads the workspace currency once the user is signed in and shows money
 * in it; the default stands in while it loads. The query shares the cached
 * Workspace with the settings screen, so a saved change applies at once.
 */
export function WorkspaceCurrencyProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [res] = useQuery({ query: WorkspaceCurrencyDocument, pause: session.status !== 'signed-in' });
  return <CurrencyProvider currency={usableCurrency(res.data?.workspace.settings.currency)}>{children}</CurrencyProvider>;
}

/** The currency money figures are shown in. */
export function useCurrency(): string {
  return useContext(CurrencyContext);
}
