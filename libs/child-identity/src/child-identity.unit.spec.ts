import { childIdentityFromCpr } from './child-identity';
import { childRefOf } from './child-ref';

describe('childIdentityFromCpr', () => {
  it('keeps the pseudonym, birth date and sex, and never the CPR', () => {
    const identity = childIdentityFromCpr('020416-4002', 's'.repeat(32));
    expect(identity).toEqual({ childRef: childRefOf('020416-4002', 's'.repeat(32)), childBirthDate: '2016-04-02', childSex: 'female' });
    expect(JSON.stringify(identity)).not.toContain('4002');
  });
  it('refuses an impossible CPR with a 422-kind error naming the field', () => {
    expect(() => childIdentityFromCpr('310218-4001', 's'.repeat(32), 'children[2].childCpr')).toThrow(expect.objectContaining({ code: 'CHILD.INVALID_CPR', kind: 'invalid', message: expect.stringMatching(/^children\[2\]\.childCpr /) }));
  });
});

describe('childRefOf', () => {
  it('is the same with or without the hyphen, differs by secret, and hides the CPR', () => {
    const secret = 'x'.repeat(32);
    expect(childRefOf('010118-4001', secret)).toBe(childRefOf('0101184001', secret));
    expect(childRefOf('010118-4001', secret)).not.toBe(childRefOf('010118-4001', 'y'.repeat(32)));
    expect(childRefOf('010118-4001', secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});
