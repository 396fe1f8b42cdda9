import { describe, expect, it } from 'vitest';
import { locales, pickLocale, t } from './messages.ts';

describe('messages', () => {
  it('German has every English key, none empty', () => {
    expect(Object.keys(locales.de).sort()).toEqual(Object.keys(locales.en).sort());
    expect(Object.values(locales.de).every((text) => text.length > 0)).toBe(true);
  });

  it('picks data-locale, then the browser language, then English', () => {
    expect(pickLocale('de', 'en-US')).toBe('de');
    expect(pickLocale(undefined, 'de-AT')).toBe('de');
    expect(pickLocale('fr', 'es-ES')).toBe('en');
  });

  it('fills placeholders', () => {
    expect(t('en', 'voteFor', { title: 'Dark mode' })).toBe('Vote for Dark mode');
    expect(t('de', 'removeVoteFor', { title: 'Dark mode' })).toBe('Stimme für Dark mode zurücknehmen');
  });
});
