// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { backupRecordStorage, cookieStorage, readLogRecord, writeLogRecord } from '../../../src/state/logRecord';

const clearCookies = () => {
  for (const pair of document.cookie.split('; ').filter(Boolean)) document.cookie = `${pair.split('=')[0]}=; max-age=0; path=/`;
};

afterEach(clearCookies);

describe('the backup of the log record, in a cookie', () => {
  it('round-trips whatever the name and value hold', () => {
    const cookies = cookieStorage(document);
    cookies.setItem('rewind:log-record:shop; a=b', '{"logId":"x,y;z","position":12}');
    cookies.setItem('other', 'plain');
    expect(cookies.getItem('rewind:log-record:shop; a=b')).toBe('{"logId":"x,y;z","position":12}');
    expect(cookies.getItem('other')).toBe('plain');
    expect(cookies.getItem('rewind:log-record:shop')).toBeNull();
  });

  it('is a cookie of the page, apart from localStorage', () => {
    writeLogRecord(backupRecordStorage()!, 'shop', { logId: 'a', position: 40 });
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toContain(encodeURIComponent('rewind:log-record:shop'));
    expect(readLogRecord(backupRecordStorage()!, 'shop')).toEqual({ logId: 'a', position: 40 });
  });

  it('reads a damaged cookie as no record', () => {
    document.cookie = `${encodeURIComponent('rewind:log-record:shop')}=%E0%A4%A; path=/`;
    expect(readLogRecord(cookieStorage(document), 'shop')).toBeNull();
  });
});
