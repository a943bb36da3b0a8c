import type { ReadModel } from '../../src/es';
import { shopReadModel, type ShopState } from '../../src/domain';

/** The shop's read model (of `version`), counting the events it folds. */
export function countingModel(version = shopReadModel.version): ReadModel<ShopState> & { folded: number } {
  const model = {
    ...shopReadModel,
    version,
    folded: 0,
    evolve(state: ShopState, event: Parameters<ReadModel<ShopState>['evolve']>[1]) {
      model.folded += 1;
      return shopReadModel.evolve(state, event);
    },
    evolveAll(state: ShopState, events: Parameters<NonNullable<ReadModel<ShopState>['evolveAll']>>[1]) {
      model.folded += events.length;
      return shopReadModel.evolveAll!(state, events);
    },
  };
  return model;
}
