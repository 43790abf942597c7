/**
 * The region's price list of avoided events for the Effectencalculator: the
 * coördinator sets the amounts; events without an own amount use the
 * defaults. Saved estimates keep the amounts they were made with.
 */
import {
  type EffectPriceDto,
  EffectPriceDto as EffectPriceSchema,
  type UpdateEffectPricesRequest,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { z } from 'zod';
import { request } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatEuro, parseEuroInput } from '../../lib/format';
import { keys, queryClient, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';

const priceApi = {
  list: () => request('GET', '/api/effects/prices', z.array(EffectPriceSchema)),
  save: (body: UpdateEffectPricesRequest) =>
    request('PUT', '/api/effects/prices', z.array(EffectPriceSchema), body),
};

const pricesQuery = queryOptions({ queryKey: keys.wijkteam('prices'), queryFn: priceApi.list });

const amountInput = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

function PriceForm({
  prices,
  onSaved,
}: {
  prices: EffectPriceDto[];
  onSaved: (p: EffectPriceDto[]) => void;
}) {
  const id = useId();
  const [values, setValues] = useState(
    () => new Map(prices.map((p) => [p.event, amountInput(p.amountCents)])),
  );
  const [reset, setReset] = useState(new Set<string>());
  const send = useSubmit(
    (changes: UpdateEffectPricesRequest['prices']) => priceApi.save({ prices: changes }),
    { onSuccess: (p) => onSaved(p) },
  );
  const { busy, error } = send;
  const invalid = prices.filter(
    (p) => !reset.has(p.event) && parseEuroInput(values.get(p.event) ?? '') === null,
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid.length)
      return send.fail(
        `Vul een bedrag in euro's in bij ${invalid.map((p) => p.label).join(', ')}.`,
      );
    const changes = prices.flatMap((p): UpdateEffectPricesRequest['prices'] => {
      if (reset.has(p.event)) return p.isDefault ? [] : [{ event: p.event, amountCents: null }];
      const cents = parseEuroInput(values.get(p.event) ?? '') as number;
      return cents === p.amountCents ? [] : [{ event: p.event, amountCents: cents }];
    });
    if (changes.length === 0) return send.fail('Er is niets veranderd.');
    await send.run(changes);
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`} noValidate>
      <p id={`${id}-t`} className="hint">
        Bedragen per keer dat een gebeurtenis wordt voorkomen. Zonder eigen bedrag geldt het
        standaardbedrag.
      </p>
      <div className="table-scroll">
        <table className="data-table price-table">
          <caption className="visually-hidden">Prijslijst vermeden gebeurtenissen</caption>
          <thead>
            <tr>
              <th scope="col">Gebeurtenis</th>
              <th scope="col">Bedrag per keer (euro)</th>
              <th scope="col">Standaard</th>
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => (
              <tr key={p.event}>
                <th scope="row">
                  <label htmlFor={`${id}-${p.event}`}>{p.label}</label>
                  <span className="muted effect-note">{p.description}</span>
                </th>
                <td>
                  <input
                    id={`${id}-${p.event}`}
                    className="input input--amount"
                    inputMode="decimal"
                    disabled={reset.has(p.event)}
                    aria-invalid={invalid.includes(p) || undefined}
                    value={values.get(p.event) ?? ''}
                    onChange={(e) => setValues((v) => new Map(v).set(p.event, e.target.value))}
                  />
                </td>
                <td>
                  {p.isDefault ? (
                    'Standaardbedrag'
                  ) : (
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={reset.has(p.event)}
                        onChange={(e) =>
                          setReset((r) => {
                            const next = new Set(r);
                            if (e.target.checked) next.add(p.event);
                            else next.delete(p.event);
                            return next;
                          })
                        }
                      />
                      Terug naar standaard
                    </label>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorMessage message={error} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Opslaan…' : 'Prijslijst opslaan'}
      </button>
    </form>
  );
}

export function PriceList() {
  const prices = useData(pricesQuery);
  const [open, setOpen] = useState(false);
  // The form starts afresh with the saved amounts; the confirmation lives here so it survives that.
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="kpi-prijslijst" className="card">
      <h2 id="kpi-prijslijst">Prijslijst effectmeting</h2>
      <ErrorMessage message={prices.error} />
      {prices.data ? (
        <>
          <p>
            {prices.data.filter((p) => !p.isDefault).length} van de {prices.data.length} bedragen
            zijn door de regio zelf vastgesteld; bijvoorbeeld {prices.data[0]?.label.toLowerCase()}:{' '}
            {formatEuro(prices.data[0]?.amountCents ?? 0)}.
          </p>
          <button
            type="button"
            className="button"
            aria-expanded={open}
            onClick={() => {
              setOpen((o) => !o);
              setSaved(false);
            }}
          >
            {open ? 'Prijslijst sluiten' : 'Prijslijst bekijken en aanpassen'}
          </button>
          {open ? (
            <PriceForm
              key={prices.data.map((p) => `${p.event}${p.amountCents}`).join()}
              prices={prices.data}
              onSaved={(p) => {
                queryClient.setQueryData(pricesQuery.queryKey, p);
                setSaved(true);
              }}
            />
          ) : null}
          {saved ? (
            <p className="notice" role="status">
              Prijslijst opgeslagen.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
