import { describe, expect, it, vi } from 'vitest';
import { formatBytes, readStorage, requestPersistence } from '../../../src/pwa/storage';

describe('storage status', () => {
  it('asks for persistence only when not yet granted, and copes with browsers lacking the API', async () => {
    const granted = { persisted: vi.fn(async () => true), persist: vi.fn(async () => true) };
    await expect(requestPersistence(granted)).resolves.toBe(true);
    expect(granted.persist).not.toHaveBeenCalled();

    const refused = { persisted: vi.fn(async () => false), persist: vi.fn(async () => false) };
    await expect(requestPersistence(refused)).resolves.toBe(false);
    expect(refused.persist).toHaveBeenCalledTimes(1);

    await expect(requestPersistence(undefined)).resolves.toBeNull();
  });

  it('reads usage, quota and persistence, leaving unknowns as null', async () => {
    const storage = { estimate: async () => ({ usage: 1234, quota: 10_000 }), persisted: async () => false };
    await expect(readStorage(storage)).resolves.toEqual({ usage: 1234, quota: 10_000, persisted: false });
    await expect(readStorage({})).resolves.toEqual({ usage: null, quota: null, persisted: null });
  });

  it('formats byte counts for people', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatBytes(12_345_678_901)).toBe('12.3 GB');
  });
});
