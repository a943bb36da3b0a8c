/** Chromium's event for "this site can be installed"; not in the DOM typings. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

/** The slice of `window` the install prompt needs; a fake in tests. */
export interface InstallSource extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  matchMedia(query: string): Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
}

export interface InstallState {
  installAvailable: boolean;
  installed: boolean;
}

export interface InstallPrompt {
  /** Shows the browser's install dialog; resolves with what the user chose. */
  install(): Promise<'accepted' | 'dismissed' | 'unavailable'>;
  stop(): void;
}

/**
 * Keeps the browser's install offer for a button of our own instead of its mini-infobar, and
 * withdraws the button once the app is installed or already runs as one.
 */
export function watchInstallPrompt(source: InstallSource, onChange: (state: InstallState) => void): InstallPrompt {
  const standalone = source.matchMedia('(display-mode: standalone)');
  let offer: BeforeInstallPromptEvent | null = null;
  let installedNow = false;
  const report = () => {
    const installed = installedNow || standalone.matches;
    onChange({ installed, installAvailable: offer !== null && !installed });
  };
  const onOffer = (event: Event) => {
    event.preventDefault();
    offer = event as BeforeInstallPromptEvent;
    report();
  };
  const onInstalled = () => {
    offer = null;
    installedNow = true;
    report();
  };

  source.addEventListener('beforeinstallprompt', onOffer);
  source.addEventListener('appinstalled', onInstalled);
  standalone.addEventListener('change', report);
  report();

  return {
    async install() {
      const current = offer;
      if (!current) return 'unavailable';
      // An offer can be shown once; the browser sends a new one if the user may try again.
      offer = null;
      report();
      await current.prompt();
      const { outcome } = await current.userChoice;
      return outcome;
    },
    stop() {
      source.removeEventListener('beforeinstallprompt', onOffer);
      source.removeEventListener('appinstalled', onInstalled);
      standalone.removeEventListener('change', report);
    },
  };
}
