import { describe, expect, it } from 'vitest';
import { NO_REWRITES, parseTailRewrites, rewrittenSince, withRewrite } from '../../../src/es/tailRewrites';

describe('the record of tail rewrites', () => {
  const twice = withRewrite(withRewrite(NO_REWRITES, { after: 40, from: 'h1', to: 'h2' }), { after: 25, from: 'h2', to: 'h3' });

  it('tells a reader what to fold again since its pin: from the earliest rewrite, under the identity the rewrites gave', () => {
    expect(rewrittenSince(twice, 2, 'h3', 'h3')).toBeNull();
    expect(rewrittenSince(twice, 1, 'h2', 'h3')).toEqual({ after: 25, identity: 'h3', count: 2 });
    expect(rewrittenSince(twice, 0, 'h1', 'h3')).toEqual({ after: 25, identity: 'h3', count: 2 });
  });

  it('gives no identity when the rewrites do not explain the log’s name now (a whole history replaced too)', () => {
    expect(rewrittenSince(twice, 0, 'h1', 'imported')?.identity).toBeNull();
    expect(rewrittenSince(twice, 0, 'other', 'h3')?.identity).toBeNull();
  });

  it('folds everything again for a reader further behind than the rewrites kept', () => {
    let many = NO_REWRITES;
    for (let i = 0; i < 40; i += 1) many = withRewrite(many, { after: 100 + i, from: `h${i}`, to: `h${i + 1}` });
    expect(rewrittenSince(many, 2, 'h2', 'h40')).toEqual({ after: 0, identity: null, count: 40 });
    expect(rewrittenSince(many, 30, 'h30', 'h40')).toEqual({ after: 130, identity: 'h40', count: 40 });
  });

  it('reads a missing or unreadable record as no rewrites, and round-trips a stored one', () => {
    expect(parseTailRewrites(undefined)).toEqual(NO_REWRITES);
    expect(parseTailRewrites('{not json')).toEqual(NO_REWRITES);
    expect(parseTailRewrites('{"count":"3"}')).toEqual(NO_REWRITES);
    expect(parseTailRewrites(JSON.stringify(twice))).toEqual(twice);
  });
});
