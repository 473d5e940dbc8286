// Masks personal data in free text before it is stored or logged. Each rule keeps just enough
// for a person to recognise their own data (last digits, first letter of an email).

const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
// Chinese resident ID: 17 digits and a check character.
const CN_ID = /(?<![\dA-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![\dA-Za-z])/g;
// Chinese mobile: 1[3-9]x xxxx xxxx, optionally with +86 and separators.
const CN_MOBILE = /(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?![\d])/g;
// Card numbers: 13–19 digits, optionally grouped by spaces or dashes; confirmed by Luhn.
const CARD = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
// Other phones need a phone-like shape (a leading + or grouped digits), so bare order numbers survive.
const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{2,4}[\s.-]\d{3,4}(?![\w])|\+\d{8,14}(?!\d)/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function maskDigitsKeepingLast(s: string, keep: number): string {
  let seen = 0;
  const total = s.replace(/\D/g, '').length;
  return s.replace(/\d/g, (d) => (++seen > total - keep ? d : '*'));
}

export function maskPii(text: string): string {
  return text
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(CN_ID, (_m, head: string, tail: string) => `${head}***********${tail}`)
    .replace(CN_MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(CARD, (m) => (luhn(m.replace(/\D/g, '')) ? maskDigitsKeepingLast(m, 4) : m))
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 8 ? maskDigitsKeepingLast(m, 4) : m));
}

/** Masks every string inside a JSON-like value (for log objects). */
export function maskPiiDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskPii(value) as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskPiiDeep(v, depth + 1)) as T;
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskPiiDeep(v, depth + 1);
  return out as T;
}
