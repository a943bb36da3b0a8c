import type { UpcasterTable } from '../es';

/**
 * The shop's upcasters: event type → (schema version it lifts from → step), read by the page and
 * every worker through openShopLog (see docs/decisions/002-schema-changes.md). Each type's
 * current version is 1 + its steps, and must equal src/domain/schemaVersions.ts.
 */
export const shopUpcasters: UpcasterTable = {
  // v2 added the customer's email; customers registered before had none.
  CustomerRegistered: { 1: (payload) => ({ ...(payload as object), email: null }) },
};
