/**
 * What `theme="auto"` follows: the page the element stands on, then the system. The palette
 * picks each colour by the host's `color-scheme` (theme.styles.ts), inherited from the page:
 * dark where the page says `dark`, the system's where it says `light dark`. Pages often paint
 * a dark background without saying so, or a light one inside a dark page: the first
 * background behind the element that is not transparent decides first, as the element's
 * `dark` or `light` custom state, set when it connects (a `theme` attribute outranks it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Keeps an element's `dark` / `light` custom state in line with the page behind it. */
export class SchemeController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private states?: CustomStateSet;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    try {
      const states = (this.states ??= this.host.attachInternals().states);
      states.clear();
      // Up the flat tree: out of a shadow root to its host.
      for (
        let node: Element | null = this.host;
        (node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host);
      ) {
        const colour = getComputedStyle(node).backgroundColor;
        const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
        if (a === 0) continue;
        // Darker than the grey on which black and white text contrast equally (luminance
        // 0.18; sRGB channels squared are near enough linear light). A colour in another space
        // (oklch(…), color(…)) is not read: the page's color-scheme decides.
        if (colour.startsWith('rgb'))
          states.add(0.2126 * r ** 2 + 0.7152 * g ** 2 + 0.0722 * b ** 2 < 11704 ? 'dark' : 'light');
        break;
      }
    } catch {
      // An element that took its internals itself follows the page's color-scheme alone.
    }
  }
}
