/**
 * What a corner prompt does beyond an inline survey, loaded when a prompt arms (before it can
 * appear): Esc closes it from anywhere on the page; focus that went into it goes back where it
 * came from when it closes; and it moves to the other edge of the viewport rather than hide
 * what has focus on the page (WCAG 2.4.11).
 */

export interface Prompt {
  /** The element itself. */
  host: HTMLElement;
  /** The person closes the prompt. */
  dismiss(): void;
  /** Moves the prompt to the top edge (`top`) or back (''). */
  move(edge: string): void;
}

/** The element that has focus, inside shadow roots too. */
export const focused = (): HTMLElement | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
};

const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

/**
 * Watches the page while the prompt is open; the function it returns stops, and gives focus
 * back to where it came from if it is in the prompt.
 */
export const watch = ({ host, dismiss, move }: Prompt, from: HTMLElement | null): (() => void) => {
  let cameFrom = from;
  let top = false;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) dismiss();
  };
  /** Moves to the other edge when the card covers what has focus on the page. */
  const avoid = (target: EventTarget | null) => {
    const card = host.shadowRoot?.querySelector('[part~=base]');
    if (card && target instanceof Element && overlap(target.getBoundingClientRect(), card.getBoundingClientRect())) {
      top = !top;
      move(top ? 'top' : '');
    }
  };
  const onFocusIn = (event: FocusEvent) => {
    if (event.composedPath().includes(host)) {
      const previous = event.relatedTarget;
      if (previous instanceof HTMLElement && previous !== host) cameFrom = previous;
      return;
    }
    avoid(event.target);
  };
  // What had focus as the prompt appeared, once the card is drawn.
  requestAnimationFrame(() => avoid(focused()));
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('focusin', onFocusIn);
  return () => {
    document.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('focusin', onFocusIn);
    move('');
    if (host.matches(':focus-within') && cameFrom?.isConnected) cameFrom.focus();
  };
};
