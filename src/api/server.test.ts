import { describe, expect, it } from 'vitest';
import { safeName } from './server.js';

describe('uploaded file names', () => {
  it.each([
    ['guide.md', 'guide.md'],
    ['../../etc/passwd', 'passwd'],
    ['..\\\\windows\\\\evil.pdf', 'evil.pdf'],
    ['.bashrc', 'bashrc'],
    ['说明书 v2.pdf', '说明书_v2.pdf'],
    ['', 'upload'],
  ])('%j is stored as %j', (name, stored) => {
    expect(safeName(name)).toBe(stored);
  });
});
