import { describe, expect, it } from 'vitest';
import { maskPii, maskPiiDeep } from './pii.js';

describe('maskPii', () => {
  it('keeps the first 3 and last 4 digits of a Chinese mobile number', () => {
    expect(maskPii('我的手机是13812345678')).toBe('我的手机是138****5678');
    expect(maskPii('call +86 138-1234-5678 please')).toBe('call 138****5678 please');
  });

  it('masks emails down to their first letter and domain', () => {
    expect(maskPii('write to jane.doe@example.com now')).toBe('write to j***@example.com now');
  });

  it('masks card numbers that pass Luhn, keeping the last four', () => {
    expect(maskPii('card 4111 1111 1111 1111')).toBe('card **** **** **** 1111');
    expect(maskPii('card 4111111111111111.')).toBe('card ************1111.');
  });

  it('leaves order numbers and digit runs that are not cards alone', () => {
    expect(maskPii('order 10023456 and code E1042 and XR-200')).toBe('order 10023456 and code E1042 and XR-200');
    expect(maskPii('ref 1234567890123')).toBe('ref 1234567890123'); // fails Luhn
  });

  it('masks international and grouped phone numbers', () => {
    expect(maskPii('ring me on +44 20 7946 0958')).toBe('ring me on +** ** **** 0958');
    expect(maskPii('(415) 555-0132')).toBe('(***) ***-0132');
  });

  it('masks Chinese ID numbers', () => {
    expect(maskPii('身份证 11010519491231002X')).toBe('身份证 110***********002X');
  });

  it('masks strings nested in log objects', () => {
    expect(maskPiiDeep({ msg: 'a@b.co', n: 3, inner: ['13812345678'] })).toEqual({ msg: 'a***@b.co', n: 3, inner: ['138****5678'] });
  });
});
