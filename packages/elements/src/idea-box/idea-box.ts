import { html, isServer, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { FILL_MS, IDEA_TITLE_MAX, IDEA_TITLE_MIN, LONG_TEXT } from '@heard/protocol/limits';
import type { Idea, IdeaStatus, SimilarIdeas } from '@heard/sdk';
import { give, given } from '../shared/gave.js';
import { AGAIN_MS, HeardElement, type ConfigProblem } from '../shared/heard-element.js';
import { PendingProof } from '../shared/proof.js';
import { idProblem } from '../shared/id-problem.js';
import { ideaBoxStrings, type IdeaBoxStrings } from './idea-box.strings.js';
import { HeardIdeaVoteEvent, HeardSubmitEvent } from './idea-box.events.js';
import { ideaBoxStyles } from './idea-box.styles.js';
// Its events' types, and the map that types `addEventListener('heard-…')`, come with the class.
export type { HeardIdeaVoteEvent, HeardSubmitEvent } from './idea-box.events.js';

type Sort = 'top' | 'new' | 'trending';
const SORTS: readonly Sort[] = ['top', 'new', 'trending'];
const STATUSES: readonly IdeaStatus[] = ['open', 'planned', 'in_progress', 'shipped', 'declined'];
const SORT_LABEL = { top: 'sortTop', new: 'sortNew', trending: 'sortTrending' } as const;
/** Wait after the last keystroke before looking for similar ideas. */
const SIMILAR_AFTER_MS = 300;

/**
 * @summary Lets people suggest ideas, vote for the ones they want, and see what became of them.
 *
 * @csspart base - The box around the board.
 * @csspart list - The list of ideas.
 * @csspart idea - One idea.
 * @csspart vote - An idea's vote button (pressed when the person voted).
 * @csspart status - An idea's status badge.
 * @csspart form - The new-idea form.
 * @csspart submit - The post button.
 * @csspart error - An error message.
 *
 * @cssprop --heard-accent - Colour of pressed vote buttons, the button and notices.
 * @cssprop --heard-on-accent - Text colour on the accent colour.
 * @cssprop --heard-background - Background of the box.
 * @cssprop --heard-foreground - Text colour.
 * @cssprop --heard-muted - Colour of descriptions.
 * @cssprop --heard-border - Colour of borders.
 * @cssprop --heard-track - Background of notices.
 * @cssprop --heard-error - Colour of errors.
 * @cssprop --heard-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --heard-radius - Corner radius.
 * @cssprop --heard-gap - Space between the parts.
 * @cssprop --heard-padding - Space inside the box.
 *
 * @fires {HeardIdeaVoteEvent} heard-idea-vote - The person voted for an idea or took the vote back.
 * @fires {HeardSubmitEvent} heard-submit - The person posted a new idea.
 */
export class HeardIdeaBox extends HeardElement<IdeaBoxStrings> {
  static override styles = [...HeardElement.styles, ideaBoxStyles];

  protected override catalogs = ideaBoxStrings;

  static override get properties(): PropertyDeclarations {
    return {
      ideas: { state: true },
      nextCursor: { state: true },
      loading: { state: true },
      failure: { state: true },
      notice: { state: true },
      similar: { state: true },
      titleError: { state: true },
      posting: { state: true },
      waiting: { state: true },
      announcement: { state: true },
      board: {},
      sort: {},
      status: {},
      pageSize: { type: Number, attribute: 'page-size' },
      compact: { type: Boolean, reflect: true },
      noSubmit: { type: Boolean, attribute: 'no-submit' },
    };
  }

  private ideas: Idea[] = [];
  private nextCursor: string | null = null;
  private loading = true;
  private failure = '';
  private notice = '';
  private similar: SimilarIdeas['ideas'] = [];
  private titleError = '';
  /** A new idea on its way: '' (none), 'sending', or 'saved' (waiting for the network). */
  /** The new idea: being sent, saved to be sent, posted (said on screen until the next one). */
  private posting: '' | 'sending' | 'saved' | 'posted' = '';
  /** Votes that wait in the outbox for the network. */
  private waiting = 0;
  private announcement = '';

  /** The board's id: ideas are kept under it. Required. */
  board = '';
  /** The first order: `top` (default), `new` or `trending`. */
  sort: 'top' | 'new' | 'trending' = 'top';
  /** Show only ideas of one status: `open`, `planned`, `in_progress`, `shipped`, `declined`. */
  status: '' | 'open' | 'planned' | 'in_progress' | 'shipped' | 'declined' = '';
  /** Ideas per page. */
  pageSize = 20;
  /** A denser layout without descriptions, for a launcher popover. */
  compact = false;
  /** Hides the new-idea form. */
  noSubmit = false;

  private loadedFor = '';
  /** List reads started: only the latest one's answer is shown. */
  private reads = 0;
  private similarTimer: ReturnType<typeof setTimeout> | undefined;
  private similarRequest: AbortController | undefined;
  private openedAt = performance.now();
  private readonly proof = new PendingProof();

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = `${this.board}|${this.sort}|${this.status}|${this.pageSize}`;
    if (changed.size && !isServer && !this.problem() && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load(true);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.similarTimer);
    this.similarRequest?.abort();
  }

  override render() {
    const problem = this.problem();
    if (problem) return this.renderProblem(problem);
    return html`<section part="base" aria-label=${this.t('ideas')}>
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      <div class="toolbar">
        <label
          >${this.t('sortBy')}
          <select @change=${this.onSort} .value=${this.sort}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === this.sort}>${this.t(SORT_LABEL[sort])}</option>`)}
          </select>
        </label>
        <label
          >${this.t('filterStatus')}
          <select @change=${this.onFilter}>
            <option value="" ?selected=${!this.status}>${this.t('allStatuses')}</option>
            ${STATUSES.map((status) => html`<option value=${status} ?selected=${status === this.status}>${this.t(status)}</option>`)}
          </select>
        </label>
      </div>
      ${this.failure ? html`<p part="error" class="error" role="alert">${this.failure}</p>` : nothing}
      ${this.waiting ? html`<p class="muted">${this.t('saved')}</p>` : nothing}
      ${this.loading && !this.ideas.length ? html`<p class="muted">${this.t('loading')}</p>` : this.renderList()}
      ${this.noSubmit ? nothing : this.renderForm()}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </section>`;
  }

  private renderList() {
    if (!this.ideas.length) return this.failure ? nothing : html`<p class="muted">${this.t('empty')}</p>`;
    return html`<ol part="list">
        ${this.ideas.map(
          (idea) =>
            html`<li part="idea">
              <button
                part="vote"
                type="button"
                aria-pressed=${idea.voted ? 'true' : 'false'}
                @click=${() => this.toggleVote(idea)}
              >
                <span aria-hidden="true">▲</span><span>${idea.votes}</span
                ><span class="visually-hidden"> ${this.t('votesFor', { title: idea.title, count: idea.votes })}</span>
              </button>
              <div>
                <p class="title"><bdi>${idea.title}</bdi> <span part="status">${this.t(idea.status)}</span></p>
                ${idea.description ? html`<p class="description">${idea.description}</p>` : nothing}
                ${idea.statusNote ? html`<p class="description note">${this.t(idea.status)}: ${idea.statusNote}</p>` : nothing}
              </div>
            </li>`,
        )}
      </ol>
      ${this.nextCursor ? html`<button class="secondary" type="button" @click=${() => this.load(false)}>${this.t('loadMore')}</button>` : nothing}`;
  }

  private renderForm() {
    const busy = this.posting === 'sending' || this.posting === 'saved';
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-busy=${busy ? 'true' : 'false'}
      @submit=${this.onSubmit}
      @focusin=${this.onFocusIn}
    >
      <strong>${this.t('newIdea')}</strong>
      <label
        >${this.t('title')}
        <input
          name="title"
          type="text"
          maxlength=${IDEA_TITLE_MAX}
          aria-invalid=${this.titleError ? 'true' : 'false'}
          aria-describedby=${this.titleError ? 'title-error' : nothing}
          ?readonly=${busy}
          @input=${this.onTitleInput}
        />
      </label>
      ${this.titleError ? html`<p id="title-error" part="error" class="error" role="alert">${this.titleError}</p>` : nothing}
      <div aria-live="polite">
        ${
          this.similar.length
            ? html`<p>${this.t('similar')}</p>
                <ul class="similar">
                  ${this.similar.map((idea) => html`<li><bdi>${idea.title}</bdi> (${this.count(idea.votes)})</li>`)}
                </ul>`
            : nothing
        }
      </div>
      <label
        >${this.t('description')}
        <textarea name="description" maxlength=${LONG_TEXT} ?readonly=${busy}></textarea>
      </label>
      <div class="trap" aria-hidden="true"><input name="website" type="text" tabindex="-1" autocomplete="off" /></div>
      ${this.posting === 'saved' || this.posting === 'posted' ? html`<p class="muted">${this.t(this.posting)}</p>` : nothing}
      <div>
        <button part="submit" class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? this.t('posting') : this.t('submit')}
        </button>
      </div>
    </form>`;
  }

  private problem(): ConfigProblem | undefined {
    const badId = idProblem('board', this.board, 'the board ideas are kept under');
    if (badId) return badId;
    if (!SORTS.includes(this.sort))
      return { attribute: 'sort', message: `"${this.sort}" must be one of ${SORTS.join(', ')}.` };
    if (this.status && !STATUSES.includes(this.status as IdeaStatus))
      return { attribute: 'status', message: `"${this.status}" must be one of ${STATUSES.join(', ')}.` };
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 100)
      return { attribute: 'page-size', message: `"${this.pageSize}" must be a whole number from 1 to 100.` };
    return this.clientProblem();
  }

  private count(votes: number) {
    return this.t('votes', { count: votes });
  }

  private async load(reset: boolean) {
    await this.updateComplete;
    await this.seen();
    const read = ++this.reads;
    this.loading = true;
    try {
      const query = { sort: this.sort, limit: String(this.pageSize), ...(this.status ? { status: this.status } : {}) };
      const page = await this.patiently((signal) =>
        this.heard.ideas(this.board, reset ? query : { ...query, cursor: this.nextCursor ?? '' }, signal),
      );
      // A newer read (another sort, filter or a post) shows what is true now: this one is stale.
      if (read !== this.reads) return;
      if (!page) throw new Error('not read');
      // Reads name nobody: which ideas this person voted for, this browser remembers.
      const gave = this.votes();
      // A vote still in the outbox is not in the endpoint's count yet: shown as given all the same.
      const waiting = new Map<string, number>();
      for (const event of this.heard.pending())
        if (event.widget === this.board && (event.type === 'idea.vote' || event.type === 'idea.unvote'))
          waiting.set(event.data.idea, event.type === 'idea.vote' ? 1 : -1);
      const ideas = page.ideas.map((idea) =>
        idea.id in gave ? { ...idea, voted: !!gave[idea.id], votes: idea.votes + (waiting.get(idea.id) ?? 0) } : idea,
      );
      this.ideas = reset ? ideas : [...this.ideas, ...ideas];
      this.nextCursor = page.nextCursor;
      this.failure = '';
      this.closeTheLoop(ideas, gave);
    } catch {
      if (read !== this.reads) return;
      this.failure = this.t('loadFailed');
      // Tried once more, quietly, unless something newer is read meanwhile.
      if (reset) setTimeout(() => this.isConnected && read === this.reads && void this.load(true), AGAIN_MS);
    } finally {
      if (read === this.reads) this.loading = false;
    }
  }

  /**
   * What this browser gave each idea, by id: the status the idea had when this person voted
   * for it or last saw it (so the box can tell them what became of it), or 0 after an un-vote.
   */
  private votes(): Record<string, IdeaStatus | 0> {
    return given(this.heard, `gave:ideas:${this.board}`) ?? {};
  }

  /** Tells the person what became of the ideas they voted for since they last looked. */
  private closeTheLoop(ideas: Idea[], gave: Record<string, IdeaStatus | 0>) {
    const changed = ideas.filter((idea) => gave[idea.id] && gave[idea.id] !== idea.status);
    // Written only when there is something new to remember: a page load alone writes nothing.
    if (changed.length) {
      give(this.heard, `gave:ideas:${this.board}`, {
        ...gave,
        ...Object.fromEntries(changed.map((idea) => [idea.id, idea.status])),
      });
      this.notice = changed
        .map((idea) => this.t('changed', { status: this.t(idea.status), title: idea.title }))
        .join(' ');
      this.announcement = this.notice;
    }
  }

  /** Votes at once on screen; puts it back, and says why, if the endpoint refuses. */
  private async toggleVote(idea: Idea) {
    const voted = !idea.voted;
    const swap = (target: Idea, to: boolean) =>
      (this.ideas = this.ideas.map((i) =>
        i.id === target.id ? { ...i, voted: to, votes: i.votes + (to ? 1 : -1) } : i,
      ));
    swap(idea, voted);
    this.failure = '';
    this.dispatchEvent(new HeardIdeaVoteEvent(idea.id, voted));
    const memory = `gave:ideas:${this.board}`;
    const before = this.votes();
    let waiting = false;
    try {
      const sent = this.heard.send(
        voted ? 'idea.vote' : 'idea.unvote',
        this.board,
        { idea: idea.id },
        { locale: this.language },
      );
      give(this.heard, memory, { ...before, [idea.id]: voted ? idea.status : 0 });
      await this.delivery(sent, () => {
        waiting = true;
        this.waiting++;
        this.announcement = this.t('saved');
      });
    } catch (error) {
      give(this.heard, memory, before);
      swap(idea, !voted);
      this.failure = this.t('refused', { message: await this.problemOf(error) });
      this.announcement = '';
    } finally {
      if (waiting) this.waiting--;
    }
  }

  private onSort(event: Event) {
    this.sort = (event.target as HTMLSelectElement).value as this['sort'];
  }

  private onFilter(event: Event) {
    this.status = (event.target as HTMLSelectElement).value as this['status'];
  }

  /** Looks for likely duplicates once typing pauses: one request per pause, not per key. */
  private onTitleInput(event: Event) {
    const q = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.similarTimer);
    this.similarRequest?.abort();
    if (q.length < IDEA_TITLE_MIN) {
      this.similar = [];
      return;
    }
    this.similarTimer = setTimeout(() => {
      const request = (this.similarRequest = new AbortController());
      this.heard
        .similarIdeas(this.board, q, request.signal)
        .then((found) => (this.similar = found.ideas))
        .catch(() => (this.similar = []));
    }, SIMILAR_AFTER_MS);
  }

  private onFocusIn() {
    if (!this.clientProblem()) this.proof.start(this.heard);
  }

  /**
   * Posts a new idea. The form keeps what the person wrote until the endpoint has it — then it
   * empties and says so — and gives it back with why if the endpoint refuses it.
   */
  private async onSubmit(event: Event) {
    event.preventDefault();
    if (this.posting === 'sending' || this.posting === 'saved') return;
    const form = event.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const title = field('title').trim();
    if ([...title].length < IDEA_TITLE_MIN) {
      this.titleError = this.t('titleTooShort', { min: IDEA_TITLE_MIN });
      await this.updateComplete;
      form.querySelector<HTMLInputElement>('[name=title]')?.focus();
      return;
    }
    this.titleError = '';
    const description = field('description').trim();
    this.posting = 'sending';
    this.announcement = this.t('posting');
    const proof = await this.proof.take(this.heard);
    const fillMs = Math.min(FILL_MS, Math.round(performance.now() - this.openedAt));
    const memory = `gave:ideas:${this.board}`;
    const before = this.votes();
    try {
      const sent = this.heard.send(
        'idea.create',
        this.board,
        {
          title,
          ...(description ? { description } : {}),
          form: { honeypot: field('website').slice(0, 200), fillMs, ...proof },
        },
        { locale: this.language },
      );
      // Whoever proposes an idea votes for it: the collector counts it so.
      give(this.heard, memory, { ...before, [sent.id]: 'open' });
      this.dispatchEvent(new HeardSubmitEvent(title));
      await this.delivery(sent, () => {
        this.posting = 'saved';
        this.announcement = this.t('saved');
      });
      form.reset();
      this.similar = [];
      this.announcement = this.t('posted');
      this.posting = 'posted';
      await this.load(true);
    } catch (error) {
      give(this.heard, memory, before);
      this.posting = '';
      this.announcement = '';
      this.titleError = this.t('notPosted', { message: await this.problemOf(error) });
    }
  }
}
