/** Data for one part of a page: loading, error and a reload, shared by the feature sections. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/http';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  /** True until the answer for the current `key` (or the last reload) has come in. */
  loading: boolean;
  /** Load again from the server. */
  reload: () => void;
  /** Replace the data with what a command answered, without a round trip. */
  set: (data: T) => void;
}

interface State<T> {
  /** The request this state answers. */
  request: string;
  data: T | null;
  error: string | null;
}

/**
 * Data for one part of a page, loaded when `key` changes. While a new key
 * loads, the last data stays on screen.
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const [tick, setTick] = useState(0);
  const request = `${key}#${tick}`;
  const [state, setState] = useState<State<T>>({ request: '', data: null, error: null });
  useEffect(() => {
    let live = true;
    latest.current().then(
      (data) => {
        if (live) setState({ request, data, error: null });
      },
      (e: unknown) => {
        if (live) setState((s) => ({ request, data: s.data, error: errorMessage(e) }));
      },
    );
    return () => {
      live = false;
    };
  }, [request]);
  return {
    data: state.data,
    error: state.error,
    loading: state.request !== request,
    reload: useCallback(() => setTick((t) => t + 1), []),
    set: useCallback((data: T) => setState({ request, data, error: null }), [request]),
  };
}
