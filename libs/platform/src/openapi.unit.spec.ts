import { longestMatch } from './openapi';

describe('longestMatch: the longest text a pattern accepts (the maxLength a pattern implies)', () => {
  it.each([
    ['^\\d{6}-?\\d{4}$', 11],
    ['^\\d{3}$', 3],
    ['^[0-9a-f]{64}$', 64],
    ['^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$', 100],
    ['^\\d{4}-(0[1-9]|1[0-2])$', 7],
    ['^(?:ab|c)x$', 3],
    ['^[\\x21-\\x7E]{1,200}$', 200],
    ['^[\\]a]{2}$', 2],
  ])('%s: %i', (pattern, longest) => {
    expect(longestMatch(pattern)).toBe(longest);
  });

  it.each(['^a+$', '^a*$', '^a{2,}$', '^(?!x)a$', 'a{3}', '^a{3}', '^(a)\\1$', '^[A-Z0-9_.]+$'])('%s: none', (pattern) => {
    expect(longestMatch(pattern)).toBeUndefined();
  });
});
