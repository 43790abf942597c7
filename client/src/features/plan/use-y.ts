import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** Anything Yjs can observe deeply: a root map, an array, a fragment. */
type Observable = Pick<Y.AbstractType<Y.YEvent<never>>, 'observeDeep' | 'unobserveDeep'>;

const versions = new WeakMap<object, number>();

/**
 * Re-render when `type` or anything inside it changes; returns a number that
 * grows with every change. Read the values through `PlanDoc` after calling it.
 */
export function useObserveDeep(type: Observable): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        versions.set(type, (versions.get(type) ?? 0) + 1);
        onChange();
      };
      type.observeDeep(handler);
      return () => type.unobserveDeep(handler);
    },
    [type],
  );
  return useSyncExternalStore(subscribe, () => versions.get(type) ?? 0);
}
