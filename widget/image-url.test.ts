import { describe, expect, it } from 'vitest';
import { imageUrl } from './image-url.ts';

describe('imageUrl', () => {
  it('resizes through /cdn-cgi/image in production and keeps the original locally', () => {
    expect(imageUrl('https://cdn.example.com/logo.png', 56, 'https://feedback.example.com')).toBe(
      'https://feedback.example.com/cdn-cgi/image/width=56,format=auto/https://cdn.example.com/logo.png',
    );
    expect(imageUrl('https://cdn.example.com/logo.png', 56, 'http://127.0.0.1:8787')).toBe('https://cdn.example.com/logo.png');
    expect(imageUrl('https://cdn.example.com/logo.png', 56, 'http://localhost:8787')).toBe('https://cdn.example.com/logo.png');
  });
});
