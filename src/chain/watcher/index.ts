export {
  allMarketEventKinds,
  type LogPosition,
  type MarketEvent,
  type MarketEventKind,
  marketEventAbis,
  toMarketEvents,
} from './marketEvents.ts'
export {
  type BlockRef,
  type ChainWatcher,
  type StartChainWatcherParameters,
  startChainWatcher,
  type WatcherPosition,
  type WatcherProgress,
  type WatcherReorg,
  type WatcherStore,
  type WatcherUpdate,
} from './startChainWatcher.ts'
