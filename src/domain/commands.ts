// zod/mini: the same schemas, tree-shakable, a third of the bytes of the chained API.
import * as z from 'zod/mini';
import { ValidationError } from '../es';
import type { CommandIn } from './slice';
import { slices, type ShopSlice } from './slices';

/** Every command, by type, composed from the slices. Commands are imperative; each becomes zero or more past-tense events. */
export const Command = z.discriminatedUnion(
  'type',
  slices.flatMap((slice) => Object.values(slice.commands)) as unknown as [z.ZodMiniObject<{ type: z.ZodMiniLiteral<string> }>],
) as unknown as z.ZodMiniType<Command>;

type CommandsOf<S> = S extends { readonly commands: infer CS extends Record<string, z.ZodMiniType> } ? CommandIn<CS> : never;
export type Command = CommandsOf<ShopSlice>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Checks raw input against the command schemas; a failure lists each problem in plain words. */
export function parseCommand(input: unknown): Command {
  const result = Command.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}
