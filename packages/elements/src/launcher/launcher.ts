import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Placement } from '@floating-ui/dom';
import type * as Position from './position.js';
import { HeardBase, type ConfigProblem } from '../shared/heard-base.js';
import { launcherStrings, type LauncherStrings } from './launcher.strings.js';
import { launcherStyles } from './launcher.styles.js';

const PLACEMENTS: readonly Placement[] = [
  'top',
  'top-start',
  'top-end',
  'bottom',
  'bottom-start',
  'bottom-end',
  'left',
  'left-start',
  'left-end',
  'right',
  'right-start',
  'right-end',
];

/** Floating UI, loaded when a popover first opens (or its trigger is first pressed). */
let floating: Promise<typeof Position> | undefined;
const loadFloating = () => (floating ??= import('./position.js'));

/** The first element a keyboard would reach inside `root`, looking into shadow roots too. */
const firstFocusable = (root: Element | ShadowRoot): HTMLElement | undefined => {
  for (const child of root.children) {
    const candidate = child as HTMLElement;
    if (
      candidate.matches(
        'button:not([disabled]), input:not([disabled]), textarea, select, a[href], [tabindex]:not([tabindex="-1"])',
      )
    )
      return candidate;
    const inside = (candidate.shadowRoot && firstFocusable(candidate.shadowRoot)) || firstFocusable(candidate);
    if (inside) return inside;
  }
  return undefined;
};

/**
 * @summary Opens one widget in a popover, from a floating button or any element of the page.
 *
 * @slot - The widget to open, such as a `<heard-poll>` or `<heard-nps>`.
 * @csspart trigger - The floating button (absent with `for`).
 * @csspart panel - The popover around the widget.
 *
 * @cssprop --heard-accent - Colour of the floating button.
 * @cssprop --heard-on-accent - Text colour of the floating button.
 * @cssprop --heard-launcher-offset - Distance of the floating button from the viewport's corner.
 * @cssprop --heard-radius - Corner radius of the popover.
 * @cssprop --heard-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --heard-prompt-z-index - Stacking order of the floating button.
 * @cssprop --heard-padding - Space inside the error message of a wrong attribute.
 */
export class HeardLauncher extends HeardBase<LauncherStrings> {
  static override styles = [...HeardBase.styles, launcherStyles];

  protected override catalogs = launcherStrings;

  private get panel(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part~=panel]') ?? null;
  }

  private get button(): HTMLButtonElement | undefined {
    return this.renderRoot?.querySelector<HTMLButtonElement>('[part~=trigger]') ?? undefined;
  }

  static override get properties(): PropertyDeclarations {
    return {
      label: {},
      placement: {},
      for: {},
      open: { type: Boolean, reflect: true },
      floating: { type: Boolean, reflect: true },
    };
  }

  /** The floating button's text, and the popover's accessible name. */
  label = '';
  /** Where the popover opens beside its trigger: `top-end` (default), `bottom`, `left-start`, … */
  placement:
    | 'top'
    | 'top-start'
    | 'top-end'
    | 'bottom'
    | 'bottom-start'
    | 'bottom-end'
    | 'left'
    | 'left-start'
    | 'left-end'
    | 'right'
    | 'right-start'
    | 'right-end' = 'top-end';
  /** The id of an element on the page that opens the popover, instead of the floating button. */
  for = '';
  /** Whether the popover is open. */
  open = false;
  /** Set by the element when the floating button shows (no `for`), for styling: not for a page to set. */
  protected floating = true;

  private stopAutoUpdate: (() => void) | undefined;
  private anchor: HTMLElement | undefined;
  private openedByUser = false;
  private pressedWhileOpen = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.onPageFocus, true);
    this.stopAutoUpdate?.();
    this.anchor?.removeEventListener('click', this.onTriggerClick);
    this.anchor?.removeEventListener('pointerdown', this.onTriggerPointerDown);
  }

  /** Opens the popover and moves focus into the widget. */
  show(): void {
    this.openedByUser = true;
    this.open = true;
  }

  /** Closes the popover; focus returns to the trigger. */
  hide(): void {
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('for')) this.floating = !this.for;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('for')) this.connectAnchor();
    if (changed.has('open')) void this.sync();
    this.raise();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page: its floating button goes back to the top layer.
    if (this.hasUpdated) this.raise();
  }

  /**
   * The floating button is a manual popover, shown as soon as it is drawn: in the top layer it
   * stands above anything of the page, whatever its z-index, and under the page's own modal
   * dialogs and popovers opened after it.
   */
  private raise() {
    const button = this.button;
    if (button?.isConnected && !button.matches(':popover-open')) button.showPopover();
  }

  override render() {
    const problem = this.problem();
    if (problem) return this.renderProblem(problem);
    const label = this.label.trim() || this.t('feedback');
    return html`${
        this.for
          ? nothing
          : html`<button
              part="trigger"
              type="button"
              .popover=${'manual'}
              aria-haspopup="dialog"
              aria-expanded=${this.open ? 'true' : 'false'}
              aria-controls="panel"
              @pointerdown=${this.onTriggerPointerDown}
              @click=${this.onTriggerClick}
            >
              ${label}
            </button>`
      }
      <div part="panel" id="panel" .popover=${'auto'} role="dialog" aria-label=${label} @toggle=${this.onToggle}>
        <slot></slot>
      </div>`;
  }

  private problem(): ConfigProblem | undefined {
    if (!PLACEMENTS.includes(this.placement))
      return { attribute: 'placement', message: `"${this.placement}" must be one of ${PLACEMENTS.join(', ')}.` };
    if (this.for && !this.findAnchor())
      return { attribute: 'for', message: `no element with id "${this.for}" on this page.` };
    return undefined;
  }

  private findAnchor(): HTMLElement | undefined {
    const root = this.getRootNode() as Document | ShadowRoot;
    return (root.getElementById?.(this.for) ?? document.getElementById(this.for)) || undefined;
  }

  private get trigger(): HTMLElement | undefined {
    return this.for ? this.anchor : this.button;
  }

  private connectAnchor() {
    this.anchor?.removeEventListener('click', this.onTriggerClick);
    this.anchor?.removeEventListener('pointerdown', this.onTriggerPointerDown);
    this.anchor = this.for ? this.findAnchor() : undefined;
    if (!this.anchor) return;
    this.anchor.addEventListener('click', this.onTriggerClick);
    this.anchor.addEventListener('pointerdown', this.onTriggerPointerDown);
    this.anchor.setAttribute('aria-haspopup', 'dialog');
    this.anchor.setAttribute('aria-expanded', String(this.open));
  }

  /** Brings the popover in line with `open`: top layer, position, focus. */
  private async sync() {
    const panel = this.panel;
    const trigger = this.trigger;
    if (!panel || !trigger) return;
    this.anchor?.setAttribute('aria-expanded', String(this.open));
    if (this.open && !panel.matches(':popover-open')) {
      this.pressedWhileOpen = false;
      // Placed before it shows, so it never flashes where the browser would put it.
      const { autoUpdate } = await loadFloating();
      if (!this.open || !panel.isConnected || panel.matches(':popover-open')) return;
      // With its trigger as the source, Tab goes from the trigger into the popover and from its
      // end on to what follows the trigger, not to wherever the launcher stands in the page.
      (panel.showPopover as (options?: { source?: HTMLElement }) => void)({ source: trigger });
      document.addEventListener('focusin', this.onPageFocus, true);
      this.stopAutoUpdate = autoUpdate(trigger, panel, () => void this.place(trigger, panel));
      if (this.openedByUser) {
        const slotted = this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('*');
        await slotted?.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        (firstFocusable(this) ?? panel).focus();
      }
    } else if (!this.open && panel.matches(':popover-open')) {
      panel.hidePopover();
    }
  }

  private async place(trigger: HTMLElement, panel: HTMLElement) {
    await (await loadFloating()).place(trigger, panel, this.placement);
  }

  /** Before light dismiss closes the popover on a press of its own trigger, note it was open. */
  private readonly onTriggerPointerDown = () => {
    void loadFloating();
    this.pressedWhileOpen = this.open;
  };

  private readonly onTriggerClick = () => {
    if (this.pressedWhileOpen) {
      this.pressedWhileOpen = false;
      this.hide();
      return;
    }
    if (this.open) this.hide();
    else this.show();
  };

  /**
   * Focus went on to the page, not into the widget or to its trigger: the popover closes. Heard
   * on the page, not on the popover, so that it closes however focus got there (past the
   * trigger with Shift+Tab, back from the browser's own controls).
   */
  private readonly onPageFocus = (event: FocusEvent) => {
    const path = event.composedPath();
    if (!path.includes(this) && !(this.trigger && path.includes(this.trigger))) this.hide();
  };

  /** The popover closed itself (Esc, a click outside): follow, and give focus back. */
  private onToggle(event: ToggleEvent) {
    if (event.newState !== 'closed') return;
    document.removeEventListener('focusin', this.onPageFocus, true);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    const hadFocus = this.matches(':focus-within') || document.activeElement === document.body;
    this.open = false;
    this.openedByUser = false;
    if (hadFocus) this.trigger?.focus();
  }
}
