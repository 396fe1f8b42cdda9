/**
 * @module
 * `<feedback-widget>`: a launcher button and a dialog panel in an open shadow root. The panel
 * lists a board's feedback (sort tabs, "load more"), takes new feedback, votes with an
 * optimistic update rolled back on error, opens an item with its threaded comments for replies,
 * suggests similar ideas while a title is typed, and shows the public roadmap. State changes
 * re-render the panel's body; focus is kept by each control's `data-k` key, typed text lives in
 * the state.
 */
import type { Branding, PublicRoadmap, WidgetApi, WidgetConfig } from './api.ts';
import { h, type Child } from './dom.ts';
import type { Identity } from './identity.ts';
import { imageUrl } from './image-url.ts';
import { localeNames, locales, t, type Locale, type MessageKey } from './messages.ts';
import { SimilarLookup } from './similar.ts';
import { appendPage, confirmVote, rollbackVote, threadComments, toggleVote, type Comment, type Feedback, type ListState, type Sort, type Thread } from './state.ts';
import css from './styles.css';

export type WidgetEvent = 'vote' | 'submit';
export const LIST_PAINTED_MARK = 'feedback-widget:list-painted';

export interface WidgetSetup {
  api: WidgetApi;
  apiOrigin: string;
  identity: Identity;
  locale: Locale;
  board?: string;
  roadmap?: string;
}

const SORTS: [Sort, MessageKey][] = [['trending', 'trending'], ['vote_count', 'top'], ['created_at', 'new']];
const FOCUSABLE = 'button:not([disabled]), input, textarea, select, [href]';

export class FeedbackWidgetElement extends HTMLElement {
  private setup!: WidgetSetup;
  private config?: WidgetConfig;
  private branding?: Branding;
  private board = '';
  private view: 'list' | 'item' | 'roadmap' = 'list';
  private sort: Sort = 'trending';
  private list: ListState = { items: [], voted: new Set() };
  private pending = new Set<number>();
  private itemId?: number;
  private comments: Comment[] = [];
  private replyTo?: Comment;
  private roadmapData?: PublicRoadmap;
  private draft = { title: '', description: '', comment: '' };
  private error = '';
  private painted = false;
  private returnFocus?: HTMLElement;
  private listeners = new Map<WidgetEvent, ((detail: unknown) => void)[]>();
  private readonly root = this.attachShadow({ mode: 'open' });
  private readonly launcher = h('button', { class: 'launcher', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', onclick: () => this.toggle() });
  private readonly panel = h('div', { class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'fw-title', hidden: true });
  private readonly live = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  // Kept across renders and filled in place, so only a new answer is announced, and typing is not interrupted.
  private readonly similarBox = h('div', { class: 'similar', 'aria-live': 'polite' });
  private similar: Feedback[] = [];
  private similarLookup!: SimilarLookup;

  start(setup: WidgetSetup): void {
    this.setup = setup;
    this.similarLookup = new SimilarLookup((title) => setup.api.similar(this.board, title), (items) => this.showSimilar(items));
    // A constructed stylesheet, not a <style> element: a host page's CSP without 'unsafe-inline' allows it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    this.root.adoptedStyleSheets = [sheet];
    this.root.append(this.launcher, this.panel, this.live);
    this.root.addEventListener('keydown', (event) => this.onKey(event as KeyboardEvent));
    this.render();
    const config = setup.api.config();
    const branding = setup.api.branding();
    // With data-board the list loads alongside the configuration, not after it.
    const firstPage = setup.board ? this.loadPage(setup.board) : config.then((c) => this.loadPage(setup.board ?? c.defaultBoard ?? 'main'));
    config.then((c) => {
      this.config = c;
      this.dataset.theme = c.theme;
      this.dataset.position = c.position;
      this.render();
    }, () => undefined);
    branding.then((b) => {
      this.branding = b;
      this.style.setProperty('--fw-primary', b.primaryColor);
      this.style.setProperty('--fw-accent', b.accentColor);
      this.style.setProperty('--fw-font', b.fontFamily);
      this.render();
    }, () => undefined);
    firstPage.catch(() => this.fail());
  }

  on(event: WidgetEvent, listener: (detail: unknown) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  private emit(event: WidgetEvent, detail: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(detail);
  }

  open(): void {
    if (!this.panel.hidden) return;
    const active = document.activeElement;
    this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : this.launcher;
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.render();
    this.focusables()[0]?.focus();
  }

  close(): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    (this.returnFocus === this ? this.launcher : this.returnFocus ?? this.launcher).focus();
  }

  private toggle(): void {
    if (this.panel.hidden) this.open();
    else this.close();
  }

  identify(identity: Identity): void {
    this.setup.identity = identity;
    this.list = { ...this.list, voted: new Set() };
    this.render();
    void this.loadVotes(this.list.items);
  }

  setLocale(locale: Locale): void {
    this.setup.locale = locale;
    this.showSimilar(this.similar);
    this.render();
  }

  private t(key: MessageKey, values?: Record<string, string | number>): string {
    return t(this.setup.locale, key, values);
  }

  private announce(text: string): void {
    this.live.textContent = text;
  }

  private fail(): void {
    this.error = this.t('failed');
    this.announce(this.error);
    this.render();
  }

  private async loadPage(board: string, cursor?: string): Promise<void> {
    this.board = board;
    const sort = this.sort;
    const page = await this.setup.api.list(board, sort, cursor);
    if (sort !== this.sort) return;
    this.list = appendPage(cursor ? this.list : { ...this.list, items: [] }, page.items, page.cursor);
    this.render();
    await this.loadVotes(page.items);
  }

  /** Marks what the user already voted for, in one call per page. */
  private async loadVotes(items: Feedback[]): Promise<void> {
    const voted = await this.setup.api.votedIds(this.setup.identity, items.map((i) => i.id)).catch(() => []);
    if (voted.length === 0) return;
    this.list = { ...this.list, voted: new Set([...this.list.voted, ...voted]) };
    this.render();
  }

  private async vote(item: Feedback): Promise<void> {
    if (this.pending.has(item.id)) return;
    this.pending.add(item.id);
    const { next, voting } = toggleVote(this.list, item.id);
    this.list = next;
    this.render();
    try {
      if (voting) this.list = confirmVote(this.list, item.id, (await this.setup.api.vote(this.board, this.setup.identity, item.id)).voteCount);
      else await this.setup.api.unvote(this.board, this.setup.identity, item.id);
      const count = this.list.items.find((i) => i.id === item.id)?.voteCount ?? 0;
      this.error = '';
      this.announce(this.t('votes', { title: item.title, count }));
      this.emit('vote', { id: item.id, voted: voting });
    } catch {
      this.list = rollbackVote(this.list, item.id, voting);
      this.error = this.t('failed');
      this.announce(this.error);
    } finally {
      this.pending.delete(item.id);
      this.render();
    }
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    try {
      const created = await this.setup.api.create(this.board, this.setup.identity, this.draft.title.trim(), this.draft.description.trim());
      this.list = { ...this.list, items: [created, ...this.list.items] };
      this.draft = { ...this.draft, title: '', description: '' };
      this.similarLookup.input('');
      this.error = '';
      this.announce(this.t('submitted'));
      this.emit('submit', created);
    } catch {
      this.fail();
    }
    this.render();
  }

  private showSimilar(items: Feedback[]): void {
    this.similar = items;
    this.similarBox.replaceChildren(
      ...(items.length === 0 ? [] : [
        h('h4', { id: 'fw-similar' }, this.t('similar')),
        h('ul', { 'aria-labelledby': 'fw-similar' }, ...items.map((item) => h('li', {}, h('button', { class: 'open', type: 'button', 'data-k': `similar-${item.id}`, onclick: () => void this.openItem(item) }, item.title)))),
      ]),
    );
  }

  private async openItem(item: Feedback): Promise<void> {
    // A suggestion not loaded yet joins the list, so voting on it updates like any other item.
    if (!this.list.items.some((i) => i.id === item.id)) {
      this.list = appendPage(this.list, [item], this.list.cursor);
      void this.loadVotes([item]);
    }
    this.view = 'item';
    this.itemId = item.id;
    this.comments = [];
    this.replyTo = undefined;
    this.render();
    this.focusables()[0]?.focus();
    try {
      this.comments = await this.setup.api.comments(this.board, item.id);
    } catch {
      this.fail();
    }
    this.render();
  }

  private async sendComment(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity() || this.itemId === undefined) return;
    try {
      const created = await this.setup.api.reply(this.board, this.setup.identity, this.itemId, this.draft.comment.trim(), this.replyTo?.id);
      this.comments = [...this.comments, created];
      this.draft.comment = '';
      this.replyTo = undefined;
      this.error = '';
      this.announce(this.t('submitted'));
    } catch {
      this.fail();
    }
    this.render();
  }

  private async showRoadmap(): Promise<void> {
    this.view = 'roadmap';
    this.render();
    if (this.roadmapData || !this.setup.roadmap) return;
    try {
      this.roadmapData = await this.setup.api.roadmap(this.setup.roadmap);
    } catch {
      this.fail();
    }
    this.render();
  }

  private setSort(sort: Sort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.list = { items: [], voted: this.list.voted };
    this.render();
    this.loadPage(this.board, undefined).catch(() => this.fail());
  }

  private focusables(): HTMLElement[] {
    return [...this.panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
  }

  private onKey(event: KeyboardEvent): void {
    if (this.panel.hidden) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    if (event.key !== 'Tab') return;
    // Focus stays in the open panel: Tab from the last control goes to the first and back.
    const focusables = this.focusables();
    const first = focusables[0];
    const last = focusables.at(-1);
    const active = this.root.activeElement;
    if (event.shiftKey && (active === first || !this.panel.contains(active))) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && (active === last || !this.panel.contains(active))) {
      event.preventDefault();
      first?.focus();
    }
  }

  private render(): void {
    this.launcher.textContent = this.t('feedback');
    if (this.panel.hidden) return;
    const focusKey = (this.root.activeElement as HTMLElement | null)?.dataset?.k;
    const name = this.branding?.name ?? this.t('feedback');
    const logo = this.branding?.logoUrl;
    const showRoadmap = Boolean(this.config?.showRoadmap && this.setup.roadmap);
    this.panel.replaceChildren(
      h(
        'header',
        {},
        logo && h('img', { src: imageUrl(logo, 56, this.setup.apiOrigin), alt: '' }),
        h('h2', { id: 'fw-title' }, name),
        h(
          'select',
          { 'aria-label': this.t('language'), 'data-k': 'locale', onchange: (e) => this.setLocale((e.target as HTMLSelectElement).value as Locale) },
          ...Object.keys(locales).map((l) => h('option', { value: l, selected: l === this.setup.locale }, localeNames[l as Locale])),
        ),
        h('button', { 'aria-label': this.t('close'), 'data-k': 'close', onclick: () => this.close() }, '×'),
      ),
      ...(showRoadmap ? [h(
          'nav',
          {},
          h('button', { 'data-k': 'nav-ideas', 'aria-current': this.view !== 'roadmap' ? 'page' : false, onclick: () => ((this.view = 'list'), this.render()) }, this.t('ideas')),
          h('button', { 'data-k': 'nav-roadmap', 'aria-current': this.view === 'roadmap' ? 'page' : false, onclick: () => void this.showRoadmap() }, this.t('roadmap')),
        )] : []),
      h('div', { class: 'body' }, this.error && h('p', { class: 'error', role: 'alert' }, this.error), ...this.renderView()),
    );
    if (focusKey) this.panel.querySelector<HTMLElement>(`[data-k="${focusKey}"]`)?.focus();
    if (!this.painted && this.list.items.length > 0) {
      this.painted = true;
      performance.mark(LIST_PAINTED_MARK);
    }
  }

  private renderView(): Child[] {
    if (this.view === 'roadmap') return this.renderRoadmap();
    const item = this.list.items.find((i) => i.id === this.itemId);
    if (this.view === 'item' && item) return this.renderItem(item);
    return this.renderList();
  }

  private voteButton(item: Feedback): HTMLButtonElement {
    const voted = this.list.voted.has(item.id);
    return h(
      'button',
      {
        class: 'vote',
        'data-k': `vote-${item.id}`,
        'aria-pressed': String(voted),
        'aria-label': this.t(voted ? 'removeVoteFor' : 'voteFor', { title: item.title }),
        onclick: () => void this.vote(item),
      },
      h('span', { 'aria-hidden': 'true' }, '▲'),
      h('span', {}, item.voteCount),
    );
  }

  private renderList(): Child[] {
    return [
      h(
        'div',
        { role: 'tablist' },
        ...SORTS.map(([sort, label]) =>
          h('button', { role: 'tab', 'data-k': `sort-${sort}`, 'aria-selected': String(sort === this.sort), onclick: () => this.setSort(sort) }, this.t(label)),
        ),
      ),
      this.list.items.length === 0 && this.painted ? h('p', { class: 'meta' }, this.t('empty')) : null,
      h(
        'ul',
        { class: 'items' },
        ...this.list.items.map((item) =>
          h(
            'li',
            { class: 'item' },
            this.voteButton(item),
            h(
              'div',
              {},
              h('button', { class: 'open', 'data-k': `open-${item.id}`, onclick: () => void this.openItem(item) }, item.title),
              h('div', { class: 'meta' }, `${item.commentCount} · ${this.t('comments')}`),
            ),
          ),
        ),
      ),
      this.list.cursor &&
        h('button', { 'data-k': 'more', onclick: () => void this.loadPage(this.board, this.list.cursor).catch(() => this.fail()) }, this.t('loadMore')),
      h(
        'form',
        { onsubmit: (e) => void this.submit(e) },
        h('h3', {}, this.t('suggest')),
        h('label', {}, this.t('title'), h('input', { name: 'title', 'data-k': 'title', required: true, minlength: 3, maxlength: 200, value: this.draft.title, oninput: (e) => this.similarLookup.input((this.draft.title = (e.target as HTMLInputElement).value)) })),
        this.similarBox,
        h('label', {}, this.t('description'), h('textarea', { name: 'description', 'data-k': 'description', maxlength: 10000, value: this.draft.description, oninput: (e) => (this.draft.description = (e.target as HTMLTextAreaElement).value) })),
        h('button', { type: 'submit', class: 'primary', 'data-k': 'submit' }, this.t('submit')),
      ),
    ];
  }

  private renderThread(thread: Thread): HTMLLIElement {
    const { comment } = thread;
    const author = comment.authorName ?? (comment.isAdmin ? this.t('team') : this.t('anonymous'));
    // The API keeps a deleted or hidden comment in its place, without text or author; its replies stay under it.
    const removed = comment.isDeleted ? 'deleted' : comment.isHidden ? 'hidden' : undefined;
    return h(
      'li',
      { class: 'comment' },
      ...(removed
        ? [h('p', { class: 'meta' }, this.t(removed))]
        : [
            h('div', { class: 'meta' }, author),
            h('p', {}, comment.body),
            h('button', { 'data-k': `reply-${comment.id}`, 'aria-label': this.t('replyTo', { name: author }), onclick: () => this.startReply(comment) }, this.t('reply')),
          ]),
      thread.replies.length > 0 && h('ul', {}, ...thread.replies.map((reply) => this.renderThread(reply))),
    );
  }

  private startReply(comment: Comment): void {
    this.replyTo = comment;
    this.render();
    this.panel.querySelector<HTMLElement>('[data-k="comment"]')?.focus();
  }

  private renderItem(item: Feedback): Child[] {
    const replyName = this.replyTo && (this.replyTo.authorName ?? this.t('anonymous'));
    return [
      h('button', { 'data-k': 'back', onclick: () => ((this.view = 'list'), this.render()) }, `← ${this.t('back')}`),
      h('div', { class: 'item' }, this.voteButton(item), h('div', {}, h('h3', {}, item.title), item.description && h('p', {}, item.description))),
      h('h4', {}, this.t('comments')),
      this.comments.length === 0 ? h('p', { class: 'meta' }, this.t('noComments')) : h('ul', { class: 'thread' }, ...threadComments(this.comments).map((thread) => this.renderThread(thread))),
      h(
        'form',
        { onsubmit: (e) => void this.sendComment(e) },
        h('label', {}, replyName ? this.t('replyTo', { name: replyName }) : this.t('comment'), h('textarea', { name: 'comment', 'data-k': 'comment', required: true, maxlength: 5000, value: this.draft.comment, oninput: (e) => (this.draft.comment = (e.target as HTMLTextAreaElement).value) })),
        h('button', { type: 'submit', class: 'primary', 'data-k': 'send' }, this.t('send')),
        this.replyTo && h('button', { type: 'button', 'data-k': 'cancel-reply', onclick: () => ((this.replyTo = undefined), this.render()) }, this.t('cancel')),
      ),
    ];
  }

  private renderRoadmap(): Child[] {
    const roadmap = this.roadmapData;
    if (!roadmap) return [];
    return [
      h('h3', {}, roadmap.name),
      ...roadmap.phases.map((phase) => h('section', {}, h('h4', {}, phase.name), h('ul', {}, ...phase.items.map((item) => h('li', { class: 'item' }, item.title))))),
    ];
  }
}
