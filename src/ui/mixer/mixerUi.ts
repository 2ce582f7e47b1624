/**
 * What the mixer panel asks of the app, with every call made safe for a click handler (failures become
 * notices through runAction). Keeps the components free of the controller's class and of the engine.
 */
import type { ReferenceFile } from '../../mixer/intake';
import type { SlotId } from '../../mixer/slotIds';
import type { HistoryEntry } from './historyStore';
import { runAction } from '../runAction';

export interface MixerActions {
  fillFromFile(slot: SlotId, file: ReferenceFile): Promise<void>;
  fillFromHistory(slot: SlotId, entry: HistoryEntry): void;
  setLocked(slot: SlotId, locked: boolean): void;
  clear(slot: SlotId): void;
  clearAll(): void;
  swap(a: SlotId, b: SlotId): void;
  shuffle(): void;
}

export type MixerUi = { [K in keyof MixerActions]: (...args: Parameters<MixerActions[K]>) => void };

export function mixerUi(actions: MixerActions): MixerUi {
  const wrap =
    <A extends unknown[]>(f: (...args: A) => unknown) =>
    (...args: A) =>
      runAction(() => f(...args) as void | Promise<unknown>);
  return {
    fillFromFile: wrap(actions.fillFromFile.bind(actions)),
    fillFromHistory: wrap(actions.fillFromHistory.bind(actions)),
    setLocked: wrap(actions.setLocked.bind(actions)),
    clear: wrap(actions.clear.bind(actions)),
    clearAll: wrap(actions.clearAll.bind(actions)),
    swap: wrap(actions.swap.bind(actions)),
    shuffle: wrap(actions.shuffle.bind(actions)),
  };
}
