import { describe, expect, it, vi } from 'vitest';
import { watchInstallPrompt, type InstallSource, type InstallState } from '../../../src/pwa/install';

function fakeWindow(standalone = false) {
  const media = Object.assign(new EventTarget(), { matches: standalone });
  const source: InstallSource & EventTarget = Object.assign(new EventTarget(), { matchMedia: () => media });
  return { source, media };
}

function offer(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  return Object.assign(event, {
    prompt: vi.fn(async () => {}),
    userChoice: Promise.resolve({ outcome, platform: 'web' }),
  });
}

describe('watchInstallPrompt', () => {
  it('offers installation only after the browser does, and keeps its own button instead of the infobar', () => {
    const { source } = fakeWindow();
    const states: InstallState[] = [];
    watchInstallPrompt(source, (s) => states.push(s));
    expect(states.at(-1)).toEqual({ installAvailable: false, installed: false });

    const event = offer('accepted');
    source.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(states.at(-1)).toEqual({ installAvailable: true, installed: false });
  });

  it('shows the browser dialog once and withdraws the offer whatever the user chose', async () => {
    const { source } = fakeWindow();
    const states: InstallState[] = [];
    const prompt = watchInstallPrompt(source, (s) => states.push(s));
    const event = offer('dismissed');
    source.dispatchEvent(event);

    await expect(prompt.install()).resolves.toBe('dismissed');
    expect(event.prompt).toHaveBeenCalledTimes(1);
    expect(states.at(-1)?.installAvailable).toBe(false);
    await expect(prompt.install()).resolves.toBe('unavailable');
  });

  it('hides the offer once installed, and never offers it when already running standalone', () => {
    const installedLater = fakeWindow();
    const states: InstallState[] = [];
    watchInstallPrompt(installedLater.source, (s) => states.push(s));
    installedLater.source.dispatchEvent(offer('accepted'));
    installedLater.source.dispatchEvent(new Event('appinstalled'));
    expect(states.at(-1)).toEqual({ installAvailable: false, installed: true });

    const standalone = fakeWindow(true);
    const standaloneStates: InstallState[] = [];
    watchInstallPrompt(standalone.source, (s) => standaloneStates.push(s));
    standalone.source.dispatchEvent(offer('accepted'));
    expect(standaloneStates.at(-1)).toEqual({ installAvailable: false, installed: true });
  });

  it('follows a switch of display mode and stops listening when stopped', () => {
    const { source, media } = fakeWindow();
    const onChange = vi.fn();
    const prompt = watchInstallPrompt(source, onChange);
    media.matches = true;
    media.dispatchEvent(new Event('change'));
    expect(onChange).toHaveBeenLastCalledWith({ installAvailable: false, installed: true });

    prompt.stop();
    const calls = onChange.mock.calls.length;
    source.dispatchEvent(offer('accepted'));
    media.dispatchEvent(new Event('change'));
    expect(onChange).toHaveBeenCalledTimes(calls);
  });
});
