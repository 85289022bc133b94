import { useMediaQuery } from '@mantine/hooks';

/** Below Mantine's `sm` breakpoint (48em): phone layouts. */
export const MOBILE_QUERY = '(max-width: 48em)';

/** Read synchronously on the first render, so phones never flash the desktop table. */
export function useIsMobile(): boolean {
  const initial = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(MOBILE_QUERY).matches : false;
  return useMediaQuery(MOBILE_QUERY, initial, { getInitialValueInEffect: false }) ?? false;
}
