import type { UpcasterTable } from '../es';

/**
 * The shop's upcasters: event type → (schema version it lifts from → step). Empty while every
 * stored event has its first shape; the first change of shape is one entry here (see
 * docs/decisions/002-schema-changes.md), and the page and every worker read through it.
 */
export const shopUpcasters: UpcasterTable = {};
