/** @module The API key, kept for this tab only (sessionStorage), never in a URL or a cookie. */
const KEY = 'feedback-dashboard-api-key';

export const session = {
  apiKey: (): string | null => sessionStorage.getItem(KEY),
  signIn: (apiKey: string): void => sessionStorage.setItem(KEY, apiKey),
  signOut: (): void => sessionStorage.removeItem(KEY),
};
