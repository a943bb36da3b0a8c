/** A database as some build stored it: Dexie's store syntax per table, and the rows. */
export interface DatabaseFixture {
  dbName: string;
  dexieVersion: number;
  stores: Record<string, string>;
  tables: Record<string, unknown[]>;
}

/**
 * Creates the database exactly as Dexie would for `stores` at `dexieVersion` (IndexedDB version
 * × 10) and puts the rows in. Self-contained, so Playwright can run it in a page (page.evaluate).
 */
export function seedDatabase(fixture: DatabaseFixture): Promise<void> {
  const keyPath = (spec: string): string | string[] => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec);
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(fixture.dbName, fixture.dexieVersion * 10);
    request.onupgradeneeded = () => {
      for (const [table, spec] of Object.entries(fixture.stores)) {
        const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
        const store = request.result.createObjectStore(table, { keyPath: keyPath(primary!) });
        for (const index of indexes) {
          const name = index.replace(/^[&*]/, '');
          store.createIndex(name, keyPath(name), { unique: index.startsWith('&'), multiEntry: index.startsWith('*') });
        }
      }
    };
    request.onerror = () => reject(new Error(String(request.error)));
    request.onsuccess = () => {
      const db = request.result;
      const names = Object.keys(fixture.tables);
      const tx = db.transaction(names, 'readwrite');
      for (const name of names) for (const row of fixture.tables[name]!) tx.objectStore(name).put(row);
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(new Error(String(tx.error)));
    };
  });
}
