/**
 * `<heard-dashboard>`: the page. It asks for the admin token once (the collector keeps the
 * session in an HttpOnly cookie), lists the widgets that heard something, and shows one at a
 * time (`#nps/<id>`, `#polls/<id>`, `#boards/<id>`, `#betas/<id>`) with the date range, the
 * grouping, and exports of what it shows; `#webhooks` lists the endpoints the collector posts
 * to. The views and their charts load once signed in.
 */
import type { WidgetActivity } from '@heard/protocol';
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AdminApi, ApiError, session, type Session } from './api.js';
import { LANGUAGES, initialLang, wordsFor, type Lang, type Words } from './i18n.js';
import { appStyles } from './app.styles.js';
import { viewStyles } from './styles.js';
import { messageOf, rangeQuery, type Filters } from './view.js';
import { KINDS, routeOf, widgetsOf, type Route, type Widget } from './widgets.js';

const LANG_KEY = 'heard-dashboard-lang';
/**
 * When this browser's session ends, as the collector said at sign-in. Not the session itself
 * (the HttpOnly cookie is): it only spares asking the collector, and logging its refusal in
 * the console, when there is no session to ask about.
 */
const SESSION_KEY = 'heard-dashboard-session';

const remember = (expiresAt: string | undefined) =>
  expiresAt ? localStorage.setItem(SESSION_KEY, expiresAt) : localStorage.removeItem(SESSION_KEY);
const mayBeSignedIn = () => Date.parse(localStorage.getItem(SESSION_KEY) ?? '') > Date.now();

export class HeardDashboard extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      phase: { state: true },
      words: { state: true },
      api: { state: true },
      widgets: { state: true },
      route: { state: true },
      filters: { state: true },
      problem: { state: true },
      busy: { state: true },
      revision: { state: true },
    };
  }

  static override styles = [viewStyles, appStyles];

  private phase: 'checking' | 'signed-out' | 'signed-in' = 'checking';
  private words: Words = wordsFor(initialLang(localStorage.getItem(LANG_KEY), navigator.languages));
  private api?: AdminApi;
  private widgets?: Widget[];
  private route?: Route;
  private filters: Filters = { from: '', to: '', by: 'week' };
  private problem = '';
  private busy = false;
  /** Counts the team's changes, so that the history reads its log again after each. */
  private revision = 0;
  private get tokenField(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#token');
  }
  private get heading(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('main h2');
  }
  /** Set when the team chose a view: its heading takes focus once shown. */
  private chose = false;
  private readonly onHash = () => {
    const route = routeOf(location.hash);
    if (!route) return;
    this.route = route;
    this.chose = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
  }

  private async start() {
    if (!mayBeSignedIn()) {
      this.phase = 'signed-out';
      return;
    }
    try {
      await this.signedIn(await session.current());
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) console.error('heard-dashboard:', error);
      remember(undefined);
      this.phase = 'signed-out';
    }
  }

  private async signedIn({ csrf, expiresAt }: Session): Promise<void> {
    remember(expiresAt);
    const api = new AdminApi(csrf);
    api.onSignedOut = () => {
      remember(undefined);
      this.phase = 'signed-out';
      this.problem = this.words.t('sessionEnded');
    };
    const [widgets] = await Promise.all([this.loadWidgets(api), import('./views.js')]);
    this.api = api;
    this.phase = 'signed-in';
    this.showWidgets(widgets);
  }

  private async loadWidgets(api: AdminApi): Promise<Widget[] | Error> {
    try {
      return widgetsOf((await api.get<{ widgets: WidgetActivity[] }>('/widgets')).widgets);
    } catch (error) {
      console.error('heard-dashboard:', error);
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private showWidgets(widgets: Widget[] | Error) {
    if (widgets instanceof Error) {
      this.problem = this.words.t('loadFailed', { message: messageOf(widgets) });
      return;
    }
    this.widgets = widgets;
    this.problem = '';
    const first = widgets[0];
    this.route = routeOf(location.hash) ?? (first && { kind: first.kind, id: first.id });
  }

  private async signIn(event: SubmitEvent) {
    event.preventDefault();
    const token = this.tokenField?.value ?? '';
    this.busy = true;
    try {
      await this.signedIn(await session.signIn(token));
      await this.updateComplete;
      this.heading?.focus();
    } catch (error) {
      // A wrong token is the answer the form shows, not a fault to log.
      if (!(error instanceof ApiError && error.status === 401)) console.error('heard-dashboard:', error);
      this.problem = messageOf(error);
      this.tokenField?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async signOut() {
    if (this.api)
      await session.signOut(this.api.csrf).catch((error: unknown) => console.error('heard-dashboard:', error));
    remember(undefined);
    this.api = undefined;
    this.widgets = undefined;
    this.phase = 'signed-out';
  }

  private setLang(lang: Lang) {
    localStorage.setItem(LANG_KEY, lang);
    this.words = wordsFor(lang);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('words')) document.documentElement.lang = this.words.lang;
    if (changed.has('words') || changed.has('route') || changed.has('phase')) {
      const { route, words } = this;
      // The title names the view shown, as a screen reader says when the page changes.
      document.title =
        this.phase === 'signed-in' && route
          ? `${route.kind === 'webhooks' ? words.t('webhooks') : `${route.id} · ${words.kind(route.kind)}`} — ${words.t('title')}`
          : words.t('title');
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.chose && changed.has('route')) {
      this.chose = false;
      // Focus on the view's heading: a screen reader says which view it is, and Tab goes on from there.
      this.heading?.focus();
    }
  }

  private setFilter(name: keyof Filters, value: string) {
    this.filters = { ...this.filters, [name]: value };
  }

  private renderLanguage() {
    return html`<label
      >${this.words.t('language')}
      <select @change=${(event: Event) => this.setLang((event.target as HTMLSelectElement).value as Lang)}>
        ${LANGUAGES.map(
          ({ tag, name }) =>
            html`<option value=${tag} lang=${tag} ?selected=${tag === this.words.lang}>${name}</option>`,
        )}
      </select>
    </label>`;
  }

  override render() {
    const { words } = this;
    if (this.phase === 'checking') return html`<p role="status">${words.t('loading')}</p>`;
    if (this.phase === 'signed-out') return this.renderSignIn(words);
    // The skip control is a button, not a link to #main: a URL's fragment cannot name an
    // element in a shadow root, so such a link would lead nowhere for the browser and axe.
    return html`
      <header>
        <button type="button" class="skip" @click=${this.skip}>${words.t('skip')}</button>
        <h1>${words.t('title')}</h1>
        <div class="row">
          ${this.renderLanguage()}
          <button type="button" @click=${() => void this.signOut()}>${words.t('signOut')}</button>
        </div>
      </header>
      <div class="layout">
        <nav aria-label=${words.t('views')}>${this.renderWidgets(words)}${this.renderSettings(words)}</nav>
        <main id="main" tabindex="-1" @hd-changed=${() => this.revision++}>${this.renderMain(words)}</main>
      </div>
    `;
  }

  private skip() {
    this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
  }

  private renderSignIn(words: Words) {
    return html`<main class="card sign-in" id="main">
      <h1>${words.t('signInTitle')}</h1>
      <form @submit=${this.signIn}>
        <label for="token">${words.t('tokenLabel')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          required
          aria-describedby="token-help token-problem"
          aria-invalid=${this.problem ? 'true' : 'false'}
        />
        <p id="token-help" class="muted">
          ${words.t('tokenHelp')} <code>--admin-token</code> / <code>HEARD_ADMIN_TOKEN</code>
        </p>
        <p id="token-problem" role="alert">${this.problem}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${words.t(this.busy ? 'signingIn' : 'signIn')}
        </button>
      </form>
      ${this.renderLanguage()}
    </main>`;
  }

  private renderWidgets(words: Words) {
    if (!this.widgets) return html`<p role="status">${words.t('loading')}</p>`;
    return KINDS.map((kind) => {
      const widgets = this.widgets?.filter((widget) => widget.kind === kind) ?? [];
      if (!widgets.length) return nothing;
      return html`<h2>${words.kind(kind)}</h2>
        <ul>
          ${widgets.map((widget) => {
            const current = this.route?.kind === kind && this.route.id === widget.id;
            return html`<li>
              <a href="#${kind}/${encodeURIComponent(widget.id)}" aria-current=${current ? 'page' : 'false'}
                ><span>${widget.id}</span><small>${words.t('events', { count: widget.events })}</small></a
              >
            </li>`;
          })}
        </ul>`;
    });
  }

  private renderSettings(words: Words) {
    const current = this.route?.kind === 'webhooks';
    return html`<h2>${words.t('settings')}</h2>
      <ul>
        <li><a href="#webhooks" aria-current=${current ? 'page' : 'false'}>${words.t('webhooks')}</a></li>
      </ul>`;
  }

  private renderMain(words: Words) {
    if (this.problem) return html`<p role="alert">${this.problem}</p>`;
    const { route, api, filters } = this;
    // A link to a widget shows it even before the list (read at sign-in) knows it.
    if (!route && this.widgets && !this.widgets.length) return html`<p>${words.t('nothingYet')}</p>`;
    if (!route || !api) return nothing;
    if (route.kind === 'webhooks') {
      return html`<h2 tabindex="-1">${words.t('webhooks')}</h2>
        <hd-webhooks .api=${api} .words=${words}></hd-webhooks>`;
    }
    const path = `/widgets/${encodeURIComponent(route.id)}/export`;
    const range = rangeQuery(filters);
    return html`
      <h2 tabindex="-1">${route.id} <span class="muted">· ${words.kind(route.kind)}</span></h2>
      <div class="toolbar" role="group" aria-label=${words.t('filters')}>
        <div class="row">
          <label
            >${words.t('from')}
            <input
              type="date"
              .value=${filters.from}
              max=${ifDefined(filters.to || undefined)}
              @change=${(event: Event) => this.setFilter('from', (event.target as HTMLInputElement).value)}
          /></label>
          <label
            >${words.t('to')}
            <input
              type="date"
              .value=${filters.to}
              min=${ifDefined(filters.from || undefined)}
              @change=${(event: Event) => this.setFilter('to', (event.target as HTMLInputElement).value)}
          /></label>
          ${
            route.kind === 'boards'
              ? nothing
              : html`<label
                  >${words.t('by')}
                  <select @change=${(event: Event) => this.setFilter('by', (event.target as HTMLSelectElement).value)}>
                    <option value="week" ?selected=${filters.by === 'week'}>${words.t('week')}</option>
                    <option value="month" ?selected=${filters.by === 'month'}>${words.t('month')}</option>
                  </select></label
                >`
          }
        </div>
        <div class="row">
          <a class="button" download href=${api.link(path, { ...range, format: 'csv' })}>${words.t('exportCsv')}</a>
          <a class="button" download href=${api.link(path, { ...range, format: 'ndjson' })}
            >${words.t('exportNdjson')}</a
          >
        </div>
      </div>
      ${
        route.kind === 'nps'
          ? html`<hd-nps .api=${api} .words=${words} .widget=${route.id} .filters=${filters}></hd-nps>`
          : route.kind === 'polls'
            ? html`<hd-poll .api=${api} .words=${words} .widget=${route.id} .filters=${filters}></hd-poll>`
            : route.kind === 'boards'
              ? html`<hd-board .api=${api} .words=${words} .widget=${route.id} .filters=${filters}></hd-board>`
              : html`<hd-beta .api=${api} .words=${words} .widget=${route.id} .filters=${filters}></hd-beta>`
      }
      ${
        route.kind === 'nps'
          ? nothing
          : html`<hd-history .api=${api} .words=${words} .widget=${route.id} .revision=${this.revision}></hd-history>`
      }
    `;
  }
}
