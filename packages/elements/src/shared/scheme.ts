/**
 * What `theme="auto"` follows: the page the element stands on, then the system. The palette
 * picks each colour by the host's `color-scheme` (theme.styles.ts), inherited from the page:
 * dark where the page says `dark`, the system's where it says `light dark`. Pages often paint
 * a dark background without saying so, or a light one inside a dark page: the first
 * background behind the element that is not transparent decides first, as the element's
 * `dark` or `light` custom state, checked when it connects or its theme changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { theme: string };

/** `dark` or `light` by the first opaque background behind `element`; undefined when the canvas shows. */
export const behind = (element: Element): 'dark' | 'light' | undefined => {
  // Up the flat tree: out of a shadow root to its host.
  for (let node: Element | null = element; (node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host);) {
    const colour = getComputedStyle(node).backgroundColor;
    const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
    if (a === 0) continue;
    // A colour in another space (oklch(…), color(…)) is not read here: the page's scheme decides.
    if (!colour.startsWith('rgb')) return undefined;
    // Darker than the grey on which black and white text contrast equally (luminance 0.18);
    // sRGB channels squared are close enough to linear light for the choice.
    return 0.2126 * r ** 2 + 0.7152 * g ** 2 + 0.0722 * b ** 2 < 0.18 * 255 ** 2 ? 'dark' : 'light';
  }
  return undefined;
};

/** Keeps an element's `dark` / `light` custom state in line with the page while its theme is `auto`. */
export class SchemeController implements ReactiveController {
  private readonly host: Host;
  private states?: CustomStateSet;
  private theme?: string;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.check();
  }

  hostUpdated(): void {
    if (this.host.theme !== this.theme) this.check();
  }

  private check() {
    const { host } = this;
    this.theme = host.theme;
    try {
      const states = (this.states ??= host.attachInternals().states);
      states.clear();
      // Forced themes are the stylesheet's alone.
      const scheme = host.theme === 'auto' && behind(host);
      if (scheme) states.add(scheme);
    } catch {
      // An element that took its internals itself follows the page's color-scheme alone.
    }
  }
}
