import { describe, expect, it } from 'vitest';
import { chooseDurability, chosenDurability } from '../../../src/state';

describe('the durability chosen for this browser', () => {
  it('is the browser default until strict is chosen, and back when unchosen', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    expect(chosenDurability(storage)).toBe('default');
    chooseDurability(storage, 'strict');
    expect(chosenDurability(storage)).toBe('strict');
    chooseDurability(storage, 'default');
    expect(chosenDurability(storage)).toBe('default');
    items.set('rewind:durability', 'bogus');
    expect(chosenDurability(storage)).toBe('default');
  });
});
