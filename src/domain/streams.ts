/** Stream (aggregate) ids: one per product, customer, cart, order, return and discount code. */
export const productStream = (sku: string) => `product-${sku}`;
export const customerStream = (customerId: string) => `customer-${customerId}`;
export const cartStream = (customerId: string) => `cart-${customerId}`;
export const orderStream = (orderId: string) => `order-${orderId}`;
export const returnStream = (returnId: string) => `return-${returnId}`;
export const discountCodeStream = (code: string) => `discount-${code}`;

/** Tags index the log by the people and things an event concerns. */
export const customerTag = (customerId: string) => `customer:${customerId}`;
export const productTag = (sku: string) => `product:${sku}`;
export const discountCodeTag = (code: string) => `discount:${code}`;
