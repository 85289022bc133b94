/**
 * Scrolls the window (only the window: scrollIntoView would also scroll the
 * app shell's containers and shift the fixed header) so `el` sits below the
 * header, and focuses it.
 */
export function revealAndFocus(el: HTMLElement | null | undefined): void {
  if (!el || typeof window === 'undefined') return;
  el.focus({ preventScroll: true });
  const top = el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 3;
  window.scrollTo({ top: Math.max(0, top) });
}

/**
 * Moves keyboard focus (and the view) to the first field with an error, so a
 * refused submit is never silent. Mantine marks inputs with data-path.
 */
export function focusFirstError(errors: Record<string, unknown>): void {
  const first = Object.keys(errors).find((k) => errors[k]);
  // The focus runs from a timer, which may fire after a test's DOM is gone.
  if (!first || typeof document === 'undefined' || typeof CSS === 'undefined') return;
  revealAndFocus(document.querySelector<HTMLElement>(`[data-path="${CSS.escape(first)}"]`));
}
