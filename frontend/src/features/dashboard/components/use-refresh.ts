import { useEffect, useRef } from 'react';

/** Calls `refetch` whenever `key` changes after the first render. */
export function useRefreshOn(key: unknown, refetch: () => void) {
  const seen = useRef(key);
  useEffect(() => {
    if (seen.current !== key) {
      seen.current = key;
      refetch();
    }
  }, [key, refetch]);
}
