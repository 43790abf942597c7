/**
 * A price list the coördinator edits on the dashboard: a summary, a button
 * that opens a table with one amount per row, and "opgeslagen" after saving.
 * Rows without an own amount take the default; how a row goes back to it:
 * `emptyIsDefault` (an empty field) or a box "Terug naar standaard".
 */
import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatEuro, formatEuroInput, parseEuroInput } from '../../lib/format';
import { queryClient, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';

export interface Price {
  label: string;
  amountCents: number;
  /** True when no own amount is set. */
  isDefault: boolean;
}

/** One row to save: an own amount, or null to go back to the default. */
export interface PriceChange<K extends string> {
  key: K;
  amountCents: number | null;
}

interface TableProps<P extends Price, K extends string> {
  keyOf: (p: P) => K;
  /** What the row's field is labelled with. */
  label: (p: P) => ReactNode;
  /** More about the row, after the label. */
  note?: (p: P) => ReactNode;
  /** An empty field goes back to the default; otherwise a box does. */
  emptyIsDefault: boolean;
  hint: string;
  caption: string;
  /** The headers of the row's name and of its amount. */
  headers: [string, string];
  /** "Prijslijst", "Prijzen": on the buttons and in the confirmation. */
  noun: string;
}

interface Props<P extends Price, K extends string, Q extends QueryKey> extends TableProps<P, K> {
  headingId: string;
  title: string;
  query: UseQueryOptions<P[], Error, P[], Q> & { queryKey: Q };
  save: (changes: PriceChange<NoInfer<K>>[]) => Promise<P[]>;
  summary: (prices: P[]) => ReactNode;
}

export function PriceListEditor<P extends Price, K extends string, Q extends QueryKey>({
  headingId,
  title,
  query,
  save,
  summary,
  ...table
}: Props<P, K, Q>) {
  const prices = useData(query);
  const [open, setOpen] = useState(false);
  // The form starts afresh with the saved amounts; the confirmation lives here so it survives that.
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{title}</h2>
      <ErrorMessage message={prices.error} />
      {prices.data ? (
        <>
          <p>{summary(prices.data)}</p>
          <button
            type="button"
            className="button"
            aria-expanded={open}
            onClick={() => {
              setOpen((o) => !o);
              setSaved(false);
            }}
          >
            {open ? `${table.noun} sluiten` : `${table.noun} bekijken en aanpassen`}
          </button>
          {open ? (
            <PriceForm
              {...table}
              key={prices.data.map((p) => `${table.keyOf(p)}${p.amountCents}`).join()}
              prices={prices.data}
              save={save}
              onSaved={(p) => {
                const key: QueryKey = query.queryKey;
                queryClient.setQueryData<P[]>(key, p);
                setSaved(true);
              }}
            />
          ) : null}
          {saved ? (
            <p className="notice" role="status">
              {table.noun} opgeslagen.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PriceForm<P extends Price, K extends string>({
  prices,
  save,
  onSaved,
  keyOf,
  label,
  note,
  emptyIsDefault,
  hint,
  caption,
  headers,
  noun,
}: TableProps<P, K> & {
  prices: P[];
  save: (changes: PriceChange<K>[]) => Promise<P[]>;
  onSaved: (p: P[]) => void;
}) {
  const id = useId();
  const [values, setValues] = useState(
    () =>
      new Map(
        prices.map((p) => [
          keyOf(p),
          emptyIsDefault && p.isDefault ? '' : formatEuroInput(p.amountCents),
        ]),
      ),
  );
  const [reset, setReset] = useState(new Set<K>());
  const send = useSubmit(save, { onSuccess: (p) => onSaved(p) });
  const value = (p: P) => (values.get(keyOf(p)) ?? '').trim();
  const toDefault = (p: P) => reset.has(keyOf(p)) || (emptyIsDefault && value(p) === '');
  const invalid = prices.filter((p) => !toDefault(p) && parseEuroInput(value(p)) === null);

  /** What the default is for a row, or how to go back to it. */
  function defaultCell(p: P, key: K): ReactNode {
    if (emptyIsDefault) return p.isDefault ? formatEuro(p.amountCents) : 'eigen prijs';
    if (p.isDefault) return 'Standaardbedrag';
    return (
      <label className="choice">
        <input
          type="checkbox"
          checked={reset.has(key)}
          onChange={(e) =>
            setReset((r) => {
              const next = new Set(r);
              if (e.target.checked) next.add(key);
              else next.delete(key);
              return next;
            })
          }
        />
        Terug naar standaard
      </label>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid.length)
      return send.fail(
        `Vul een bedrag in euro's in bij ${invalid.map((p) => p.label).join(', ')}.`,
      );
    const changes = prices.flatMap((p): PriceChange<K>[] => {
      const key = keyOf(p);
      if (toDefault(p)) return p.isDefault ? [] : [{ key, amountCents: null }];
      const cents = parseEuroInput(value(p)) as number;
      // A default amount typed into an empty field becomes an own price.
      const unchanged = cents === p.amountCents && !(emptyIsDefault && p.isDefault);
      return unchanged ? [] : [{ key, amountCents: cents }];
    });
    if (changes.length === 0) return send.fail('Er is niets veranderd.');
    await send.run(changes);
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`} noValidate>
      <p id={`${id}-t`} className="hint">
        {hint}
      </p>
      <div className="table-scroll">
        <table className="data-table price-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{headers[0]}</th>
              <th scope="col">{headers[1]}</th>
              <th scope="col">Standaard</th>
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => {
              const key = keyOf(p);
              return (
                <tr key={key}>
                  <th scope="row">
                    <label htmlFor={`${id}-${key}`}>{label(p)}</label>
                    {note?.(p)}
                  </th>
                  <td>
                    <input
                      id={`${id}-${key}`}
                      className="input input--amount"
                      inputMode="decimal"
                      disabled={reset.has(key)}
                      aria-invalid={invalid.includes(p) || undefined}
                      value={values.get(key) ?? ''}
                      onChange={(e) => setValues((v) => new Map(v).set(key, e.target.value))}
                    />
                  </td>
                  <td>{defaultCell(p, key)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorMessage message={send.error} />
      <button type="submit" className="button button--primary" disabled={send.busy}>
        {send.busy ? 'Opslaan…' : `${noun} opslaan`}
      </button>
    </form>
  );
}
