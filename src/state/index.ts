export { createShopRuntime } from './shopRuntime';
export type { RuntimeOptions, RuntimeStatus, ShopRuntime, ShopView } from './shopRuntime';
