/**
 * Where the launcher's popover goes, by Floating UI: loaded when a popover first opens, so a
 * page that never opens one never downloads it.
 */
import { autoUpdate, computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';

export { autoUpdate };

/** Puts `panel` beside `trigger`, flipping and shifting to stay in the viewport. */
export const place = async (trigger: HTMLElement, panel: HTMLElement, placement: Placement): Promise<void> => {
  const { x, y } = await computePosition(trigger, panel, {
    strategy: 'fixed',
    placement,
    // On a short viewport the panel (at most its height, by CSS) slides down into view
    // rather than starting above it.
    middleware: [offset(8), flip(), shift({ padding: 8, crossAxis: true })],
  });
  // Through the CSSOM: a strict CSP refuses style attributes, not style properties.
  panel.style.left = `${x}px`;
  panel.style.top = `${y}px`;
};
