import { usePwa, usePwaStatus } from './pwaContext';

/** Shown only while the browser offers installation and the app is not installed. */
export function InstallButton() {
  const pwa = usePwa();
  const available = usePwaStatus((s) => s.installAvailable && !s.installed);
  if (!available) return null;
  return (
    <button className="install-button" onClick={() => void pwa.install()}>
      Install app
    </button>
  );
}
