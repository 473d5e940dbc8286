import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it('detects English', () => {
    expect(detectLanguage('Hello, how do I reset my password?')).toBe('en');
  });

  it('detects Chinese', () => {
    expect(detectLanguage('退款多久到账')).toBe('zh');
    expect(detectLanguage('无法登录，怎么办？')).toBe('zh');
  });

  it('treats Chinese with brand names and codes as Chinese', () => {
    // 5 Han vs 6 Latin letters: Han counts triple
    expect(detectLanguage('我的XR-200连不上Wi-Fi')).toBe('zh');
    expect(detectLanguage('XR-200 连不上网')).toBe('zh');
    expect(detectLanguage('E1042 是什么错误')).toBe('zh');
  });

  it('treats English with one Chinese word as English', () => {
    expect(detectLanguage("my Lumen 灯 won't turn on")).toBe('en');
  });

  it('treats a bare code or product name as English (Latin script)', () => {
    expect(detectLanguage('XR-200')).toBe('en');
    expect(detectLanguage('E1042')).toBe('en');
  });

  it('returns other for non-Latin, non-Han scripts', () => {
    expect(detectLanguage('Как сбросить пароль?')).toBe('other');
    expect(detectLanguage('안녕하세요')).toBe('other');
    expect(detectLanguage('مرحبا، كيف حالك')).toBe('other');
  });

  it('returns other when there are no letters at all', () => {
    expect(detectLanguage('')).toBe('other');
    expect(detectLanguage('12345 !!! 😀')).toBe('other');
  });

  it('is script-level: Latin-script languages other than English route as en', () => {
    // Documented as a script-level detector; Spanish is not told apart from English.
    expect(detectLanguage('¿Cómo puedo restablecer mi contraseña?')).toBe('en');
  });

  it('routes mostly-Cyrillic text with a Latin code as other', () => {
    expect(detectLanguage('Ошибка E1042 при запуске устройства')).toBe('other');
  });
});
