// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cookieStorage, defaultRecordStorage, mirroredStorage, readLogRecord, writeLogRecord } from '../../../src/state/logRecord';

const clearCookies = () => {
  for (const pair of document.cookie.split('; ').filter(Boolean)) document.cookie = `${pair.split('=')[0]}=; max-age=0; path=/`;
};

afterEach(() => {
  localStorage.clear();
  clearCookies();
});

describe('the log record kept outside IndexedDB', () => {
  it('round-trips through a cookie, whatever the name and value hold', () => {
    const cookies = cookieStorage(document);
    cookies.setItem('rewind:log-record:shop; a=b', '{"logId":"x,y;z","position":12}');
    cookies.setItem('other', 'plain');
    expect(cookies.getItem('rewind:log-record:shop; a=b')).toBe('{"logId":"x,y;z","position":12}');
    expect(cookies.getItem('other')).toBe('plain');
    expect(cookies.getItem('rewind:log-record:shop')).toBeNull();
  });

  it('is written to localStorage and the cookie, and read from the cookie once the site’s storage is evicted', () => {
    writeLogRecord(defaultRecordStorage()!, 'shop', { logId: 'a', position: 40 });
    expect(JSON.parse(localStorage.getItem('rewind:log-record:shop')!)).toEqual({ logId: 'a', position: 40 });
    // Eviction takes localStorage with IndexedDB; cookies are kept apart by the browser.
    localStorage.clear();
    expect(readLogRecord(defaultRecordStorage()!, 'shop')).toEqual({ logId: 'a', position: 40 });
  });

  it('prefers the first store that has the record, so a fresher localStorage wins over a cookie not yet flushed', () => {
    const first = new Map([['k', 'new']]);
    const second = new Map([['k', 'old']]);
    const asStorage = (items: Map<string, string>) => ({
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    });
    const both = mirroredStorage(asStorage(first), asStorage(second));
    expect(both.getItem('k')).toBe('new');
    first.clear();
    expect(both.getItem('k')).toBe('old');
    both.setItem('k', 'next');
    expect([first.get('k'), second.get('k')]).toEqual(['next', 'next']);
  });

  it('reads a damaged cookie as no record', () => {
    document.cookie = `${encodeURIComponent('rewind:log-record:shop')}=%E0%A4%A; path=/`;
    expect(readLogRecord(cookieStorage(document), 'shop')).toBeNull();
  });
});
