// Renders the PNG icons from public/icons/*.svg and screenshots the running app for the manifest.
// Run once after changing the icon or the look of the shop, then commit the PNGs:
//   npx vite build && npx vite preview --port 4176 &  node scripts/render-pwa-images.mjs http://localhost:4176
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { chromium } from '@playwright/test';

const baseUrl = process.argv[2];
const publicDir = new URL('../public/', import.meta.url);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

const icons = [
  { svg: 'icons/icon.svg', png: 'icons/icon-192.png', size: 192 },
  { svg: 'icons/icon.svg', png: 'icons/icon-512.png', size: 512 },
  { svg: 'icons/icon-maskable.svg', png: 'icons/icon-maskable-512.png', size: 512 },
  { svg: 'icons/icon-maskable.svg', png: 'icons/apple-touch-icon-180.png', size: 180 },
];

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  for (const { svg, png, size } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = await readFile(new URL(svg, publicDir), 'utf8');
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${markup}`,
    );
    await page.screenshot({ path: new URL(png, publicDir).pathname, omitBackground: true });
    await page.close();
  }

  if (baseUrl) {
    const shots = [
      { png: 'screenshots/shop-wide.png', width: 1280, height: 720 },
      { png: 'screenshots/shop-narrow.png', width: 720, height: 1280 },
    ];
    for (const { png, width, height } of shots) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(baseUrl);
      await page.getByRole('button', { name: 'Load sample shop' }).click();
      await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
      await page.getByRole('button', { name: 'Add White teapot to cart' }).click();
      await page.getByTestId('cart-total').waitFor();
      await page.screenshot({ path: new URL(png, publicDir).pathname });
      await context.close();
    }
  }
} finally {
  await browser.close();
}
