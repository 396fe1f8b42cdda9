/** @module The feedback-activity panel: items, votes and comments per day, and the top items by trend. */
import type { FeedbackActivity } from './api.ts';
import { el } from './dom.ts';

export function activityPanel(activity: FeedbackActivity): HTMLElement {
  const days = el(
    'table',
    { 'aria-label': 'Activity per day' },
    el('thead', {}, el('tr', {}, ...['Day', 'Items', 'Votes', 'Comments'].map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...activity.days.map((d) => el('tr', {}, el('th', { scope: 'row' }, d.date), el('td', {}, String(d.items)), el('td', {}, String(d.votes)), el('td', {}, String(d.comments))))),
  );
  const top = el(
    'ol',
    { 'aria-label': 'Top items by trend' },
    ...activity.topItems.map((i) => el('li', {}, `${i.title} `, el('span', { class: 'muted' }, `(${i.board}, ${i.voteCount} votes, ${i.commentCount} comments)`))),
  );
  return el('div', { class: 'activity' }, el('div', {}, el('h3', {}, 'Per day'), days), el('div', {}, el('h3', {}, 'Top items by trend'), top));
}
