import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/http';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/** Load data for a part of a page: again when `key` changes or `reload` is called. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    let live = true;
    latest.current().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  return { data, error, reload: useCallback(() => setTick((t) => t + 1), []) };
}
