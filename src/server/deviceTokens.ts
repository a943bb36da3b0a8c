import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';

/** Who a request speaks for, once its token is checked. */
export interface Device {
  deviceId: string;
  shopId: string;
  name: string;
}

export type TokenCheck = { ok: true; device: Device } | { ok: false; reason: 'unknown' | 'revoked' };

const PREFIX = 'rwd_';
/** Only the hash is stored: a copy of the database does not hand out working tokens. */
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const SHOP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const isShopId = (value: string) => SHOP_ID.test(value);

/** Device tokens, created by the shop's owner (the server's command line), stored hashed, revocable. */
/** How long a checked token is believed without asking the database again: a revocation by another server process takes this long. */
const BELIEVED_MS = 2_000;

export class DeviceTokens {
  private readonly checked = new Map<string, { result: TokenCheck; until: number }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new device of `shopId`; the token is shown once and cannot be read back. */
  async create(shopId: string, name: string): Promise<{ device: Device; token: string }> {
    if (!isShopId(shopId)) throw new Error('A shop id is 1 to 64 letters, digits, "-" or "_", starting with a letter or digit.');
    const deviceName = name.trim();
    if (deviceName.length === 0 || deviceName.length > 100) throw new Error('A device name is 1 to 100 characters.');
    const token = PREFIX + randomBytes(32).toString('base64url');
    const device = { deviceId: randomUUID(), shopId, name: deviceName };
    await this.pool.query('INSERT INTO rewind_device_tokens (device_id, shop_id, device_name, token_hash) VALUES ($1, $2, $3, $4)', [
      device.deviceId,
      shopId,
      deviceName,
      hashOf(token),
    ]);
    return { device, token };
  }

  /** True when a device was revoked now; false when there is no such device or it already was. */
  async revoke(deviceId: string): Promise<boolean> {
    for (const [hash, { result }] of this.checked) if (result.ok && result.device.deviceId === deviceId) this.checked.delete(hash);
    const result = await this.pool.query('UPDATE rewind_device_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [
      deviceId,
    ]);
    return result.rowCount === 1;
  }

  async list(shopId: string): Promise<Array<Device & { revoked: boolean }>> {
    const { rows } = await this.pool.query<{ device_id: string; device_name: string; revoked_at: Date | null }>(
      'SELECT device_id, device_name, revoked_at FROM rewind_device_tokens WHERE shop_id = $1 ORDER BY created_at',
      [shopId],
    );
    return rows.map((r) => ({ deviceId: r.device_id, shopId, name: r.device_name, revoked: r.revoked_at !== null }));
  }

  async check(token: string): Promise<TokenCheck> {
    if (!token.startsWith(PREFIX) || token.length > 200) return { ok: false, reason: 'unknown' };
    const hash = hashOf(token);
    const cached = this.checked.get(hash);
    if (cached && cached.until > this.now()) return cached.result;
    const result = await this.lookUp(hash);
    if (this.checked.size > 10_000) this.checked.clear();
    this.checked.set(hash, { result, until: this.now() + BELIEVED_MS });
    return result;
  }

  private async lookUp(hash: string): Promise<TokenCheck> {
    const { rows } = await this.pool.query<{ device_id: string; shop_id: string; device_name: string; revoked_at: Date | null }>(
      'SELECT device_id, shop_id, device_name, revoked_at FROM rewind_device_tokens WHERE token_hash = $1',
      [hash],
    );
    const row = rows[0];
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
    return { ok: true, device: { deviceId: row.device_id, shopId: row.shop_id, name: row.device_name } };
  }
}
