import { openSyncDatabase } from './syncDatabase';
import { createSyncServer } from './syncServer';
import { DeviceTokens } from './deviceTokens';

const usage = `Rewind sync server.
  npm run sync-server                                   serve (DATABASE_URL, PORT=8787, HOST=127.0.0.1, ALLOWED_ORIGIN=*)
  npm run sync-server -- token create <shop> <device name>   prints a new device token, once
  npm run sync-server -- token list <shop>
  npm run sync-server -- token revoke <device id>`;

async function main(args: string[]): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error(`DATABASE_URL is not set (e.g. postgres://user@127.0.0.1:5432/rewind).\n\n${usage}`);
  const db = await openSyncDatabase(url);
  if (args[0] === 'token') {
    const tokens = new DeviceTokens(db.pool);
    try {
      const [, action, ...rest] = args;
      if (action === 'create' && rest.length >= 2) {
        const { device, token } = await tokens.create(rest[0]!, rest.slice(1).join(' '));
        console.log(`Device "${device.name}" of shop ${device.shopId} (id ${device.deviceId}).\nToken (shown once): ${token}`);
      } else if (action === 'list' && rest.length === 1) {
        for (const d of await tokens.list(rest[0]!)) console.log(`${d.deviceId}  ${d.name}${d.revoked ? '  (revoked)' : ''}`);
      } else if (action === 'revoke' && rest.length === 1) {
        console.log((await tokens.revoke(rest[0]!)) ? 'Revoked.' : 'No such device, or it was already revoked.');
      } else {
        console.log(usage);
        process.exitCode = 2;
      }
    } finally {
      await db.close();
    }
    return;
  }
  const sync = createSyncServer({ db, allowedOrigin: process.env.ALLOWED_ORIGIN, log: (line) => console.log(line) });
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  sync.server.listen(port, host, () => console.log(`Rewind sync server on http://${host}:${port} (backend ${db.backendId})`));
  const stop = () => void sync.close().then(() => db.close());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
