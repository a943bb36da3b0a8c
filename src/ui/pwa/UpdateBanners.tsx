import { useShopView } from '../runtimeContext';
import { usePwa, usePwaStatus } from './pwaContext';

/**
 * Tells the user a new version is waiting (service worker) or that another tab moved the
 * database on (Dexie upgrade). Either way the tab reloads only when they say so.
 */
export function UpdateBanners() {
  const pwa = usePwa();
  const updateReady = usePwaStatus((s) => s.updateReady);
  const upgradeRequired = useShopView((v) => v.upgradeRequired);
  const upgradeBlocked = useShopView((v) => v.upgradeBlocked);
  const historyReplaced = useShopView((v) => v.historyReplaced);

  return (
    <div className="banners" role="status">
      {upgradeRequired ? (
        <div className="banner">
          <span>Rewind was updated in another tab — reload to keep working. Nothing you saved is lost.</span>
          <button onClick={() => window.location.reload()}>Reload</button>
        </div>
      ) : (
        updateReady && (
          <div className="banner">
            <span>A new version is ready — Reload to use it.</span>
            <button onClick={() => void pwa.applyUpdate()}>Reload</button>
          </div>
        )
      )}
      {historyReplaced && (
        <div className="banner">
          <span>The history was replaced in another tab — reload to see it. This tab will not change anything until then.</span>
          <button onClick={() => window.location.reload()}>Reload</button>
        </div>
      )}
      {upgradeBlocked && (
        <div className="banner">
          <span>Rewind is waiting for other Rewind tabs to close or reload, so it can update its storage.</span>
        </div>
      )}
    </div>
  );
}
