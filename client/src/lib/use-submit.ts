/**
 * The one way a form sends something to the server: busy while it runs, the
 * error in the catalogue's words (the server's `ErrorDto`, or the client's
 * own message for a lost connection), and the field the server named. Built
 * on TanStack Query's mutations, so it shares the tab's `QueryClient`.
 */
import { type QueryKey, useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/http';
import { queryClient } from './query';

export interface SubmitOptions<R, A extends unknown[]> {
  /** After success, before `run` resolves: show the result, close the form. */
  onSuccess?: (result: R, ...args: A) => void | Promise<void>;
  /** Queries that the change makes stale (keys from `lib/query`), refetched when shown. */
  invalidates?: QueryKey[] | ((result: R, ...args: A) => QueryKey[]);
}

export interface Submit<A extends unknown[], R> {
  /** Send. Resolves to the answer, or to undefined when it failed (the error is then shown). */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  /** The message to show, or null. */
  error: string | null;
  /** The input the error is about (named by the server or by `fail`), or null. */
  field: string | null;
  /** A check in the form itself failed: show this instead of sending. */
  fail: (message: string, field?: string) => void;
  /** Forget the error (the user changed the input, closed the form). */
  clear: () => void;
}

export function useSubmit<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  options: SubmitOptions<R, A> = {},
): Submit<A, R> {
  const latest = useRef({ action, options });
  useEffect(() => {
    latest.current = { action, options };
  });
  const mutation = useMutation({
    mutationFn: (args: A) => latest.current.action(...args),
  });
  const [local, setLocal] = useState<{ message: string; field: string | null } | null>(null);
  const { mutateAsync, reset } = mutation;

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setLocal(null);
      let result: R;
      try {
        result = await mutateAsync(args);
      } catch {
        return undefined;
      }
      const { onSuccess, invalidates } = latest.current.options;
      const stale = typeof invalidates === 'function' ? invalidates(result, ...args) : invalidates;
      for (const queryKey of stale ?? []) void queryClient.invalidateQueries({ queryKey });
      await onSuccess?.(result, ...args);
      return result;
    },
    [mutateAsync],
  );
  const fail = useCallback(
    (message: string, field?: string) => {
      reset();
      setLocal({ message, field: field ?? null });
    },
    [reset],
  );
  const clear = useCallback(() => {
    reset();
    setLocal(null);
  }, [reset]);

  const serverError = mutation.error;
  return {
    run,
    busy: mutation.isPending,
    error: local?.message ?? (serverError ? errorMessage(serverError) : null),
    field: local?.field ?? (serverError instanceof ApiError ? (serverError.field ?? null) : null),
    fail,
    clear,
  };
}
