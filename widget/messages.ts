/** @module Every string the widget shows, in English and German; `{name}` placeholders are filled by `t`. */

const en = {
  feedback: 'Feedback',
  close: 'Close',
  trending: 'Trending',
  top: 'Top',
  new: 'New',
  loadMore: 'Load more',
  suggest: 'Suggest an idea',
  title: 'Title',
  description: 'Description',
  submit: 'Submit',
  submitted: 'Thanks, your feedback was submitted',
  voteFor: 'Vote for {title}',
  removeVoteFor: 'Remove vote for {title}',
  votes: '{title}: {count} votes',
  comments: 'Comments',
  noComments: 'No comments yet',
  comment: 'Comment',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  send: 'Send',
  cancel: 'Cancel',
  back: 'Back to the list',
  ideas: 'Ideas',
  roadmap: 'Roadmap',
  empty: 'No feedback yet',
  failed: 'That did not work; please try again',
  anonymous: 'Anonymous',
  language: 'Language',
  team: 'Team',
  similar: 'Similar ideas',
  deleted: 'This comment was deleted',
  hidden: 'This comment was hidden by a moderator',
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const de: Messages = {
  feedback: 'Feedback',
  close: 'Schließen',
  trending: 'Im Trend',
  top: 'Top',
  new: 'Neu',
  loadMore: 'Mehr laden',
  suggest: 'Idee vorschlagen',
  title: 'Titel',
  description: 'Beschreibung',
  submit: 'Absenden',
  submitted: 'Danke, dein Feedback wurde gesendet',
  voteFor: 'Für {title} stimmen',
  removeVoteFor: 'Stimme für {title} zurücknehmen',
  votes: '{title}: {count} Stimmen',
  comments: 'Kommentare',
  noComments: 'Noch keine Kommentare',
  comment: 'Kommentar',
  reply: 'Antworten',
  replyTo: 'Antwort an {name}',
  send: 'Senden',
  cancel: 'Abbrechen',
  back: 'Zurück zur Liste',
  ideas: 'Ideen',
  roadmap: 'Roadmap',
  empty: 'Noch kein Feedback',
  failed: 'Das hat nicht geklappt; bitte versuche es noch einmal',
  anonymous: 'Anonym',
  language: 'Sprache',
  team: 'Team',
  similar: 'Ähnliche Ideen',
  deleted: 'Dieser Kommentar wurde gelöscht',
  hidden: 'Dieser Kommentar wurde von der Moderation ausgeblendet',
};

export const locales = { en, de } satisfies Record<string, Messages>;
export type Locale = keyof typeof locales;
export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

/** The first supported language among the candidates (`de-AT` → `de`), else English. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.slice(0, 2).toLowerCase();
    if (language && language in locales) return language as Locale;
  }
  return 'en';
}

export function t(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return locales[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
