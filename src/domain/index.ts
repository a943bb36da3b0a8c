export { Command, parseCommand } from './commands';
export type { CommandOf, CommandType } from './commands';
export { categoryOf, eventSchemas, eventTypes, isShopEvent, payloadProblem, pending } from './events';
export type { EventCategory, EventPayloads, EventType, ShopEvent, ShopPendingEvent } from './events';
export { decide, evolve, evolveAll, shopDecider, shopReadModel, streamsRead } from './shop';
export { initialShopState, emptyCart, sameSizes } from './state';
export type {
  Cart,
  CartLine,
  Customer,
  Order,
  OrderReturn,
  OrderStatus,
  PendingCheckout,
  PricedLine,
  Product,
  Return,
  ShopState,
} from './state';
export { onCheckoutEvent, onPlaceOrderRejected, pendingCheckouts } from './checkoutProcess';
export { describeEvent, namesFrom } from './audit';
export type { Names } from './audit';
export { formatCents, formatOff, parseAmountToCents } from './money';
export { countOf, formatCount } from './counts';
export { amountOff, subtotalOf } from './discounts';
export type { AppliedDiscount, DiscountCode } from './entitySchemas';
export { sampleShopCommands } from './sampleShop';
export {
  cartStream,
  customerStream,
  customerTag,
  discountCodeStream,
  orderStream,
  productStream,
  productTag,
  returnStream,
} from './streams';
export { whyInapplicable } from './replayRules';
export { basedOn, compensationOf, entitiesChanged, entitiesToRestore } from './restore';
export type { EntityKind, EntityValue, RestoredPayload, RestoreEntity, RestoreFacts } from './restore';
export { planRestore, planRevert } from './compensationPlan';
export type { CompensationPlan } from './compensationPlan';
export { wholeProcesses } from './wholeProcesses';
export type { ProcessOutcome, WholeState } from './wholeProcesses';
export { whyOrderCannot } from './orderRules';
export type { OrderAction } from './orderRules';
export { returnableBySku } from './orderReturns';
export { whyNotOnSale } from './rules';
export { decideHistoryImport, guestCustomerId, importedOrderId, importedReturnId, shopFacts } from './historyImport';
export type { ImportedInvoice, ImportedLine, ImportedProduct, ImportPlan, ShopFacts } from './historyImport';
export { applyShopChanges, shopChanges, shopFromSnapshotRows, shopSnapshotRows, shopToJson, splitShopChanges } from './state';
export type { ShopChanges, ShopEntities, ShopListKey } from './state';
export { collectionKeys, collectionOfKind, collections, entityKinds, historySources, isCollectionKey, lists } from './collections';
export type { CollectionEntry, CollectionKey, Collections, EntityOf, HistorySources, RestoredEvent } from './collections';
export { slices, commandOwners, eventOwners } from './slices';
export type { ShopSlice } from './slices';
export type { CommandIn, EventIn, Slice } from './slice';
export { describeShopChanges, entityGroup } from './changeSentences';
export type { ChangeGroup } from './changeSentences';
export { changeWords } from './entityChangeWords';
export type { ChangeWords } from './entityChangeWords';
export { fieldLabel, formatValue, formatWhen } from './fieldWords';
export { isInternalId, namedValue, nodeLabel, pathInWords } from './pathWords';
