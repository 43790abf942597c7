/**
 * The wijkteam's prices per kind of voorziening (per hour or per month):
 * the coördinator sets them; an empty field goes back to the default. New
 * voorzieningen without an own amount take their cost from here.
 */
import type { UpdateVoorzieningPricesRequest, VoorzieningPriceDto } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDecimal, formatEuro, parseEuroInput } from '../../lib/format';
import { queryClient, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { voorzieningenApi, voorzieningenQueries } from './voorzieningen-api';

function PriceForm({
  prices,
  onSaved,
}: {
  prices: VoorzieningPriceDto[];
  onSaved: (p: VoorzieningPriceDto[]) => void;
}) {
  const id = useId();
  const [values, setValues] = useState(
    () =>
      new Map(prices.map((p) => [p.soort, p.isDefault ? '' : formatDecimal(p.amountCents / 100)])),
  );
  const send = useSubmit(
    (changes: UpdateVoorzieningPricesRequest['prices']) =>
      voorzieningenApi.savePrices({ prices: changes }),
    { onSuccess: (p) => onSaved(p) },
  );
  const invalid = prices.filter((p) => {
    const v = values.get(p.soort) ?? '';
    return v.trim() !== '' && parseEuroInput(v) === null;
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid.length)
      return send.fail(
        `Vul een bedrag in euro's in bij ${invalid.map((p) => p.label).join(', ')}.`,
      );
    const changes = prices.flatMap((p): UpdateVoorzieningPricesRequest['prices'] => {
      const v = (values.get(p.soort) ?? '').trim();
      if (v === '') return p.isDefault ? [] : [{ soort: p.soort, amountCents: null }];
      const cents = parseEuroInput(v) as number;
      return !p.isDefault && cents === p.amountCents
        ? []
        : [{ soort: p.soort, amountCents: cents }];
    });
    if (changes.length === 0) return send.fail('Er is niets veranderd.');
    await send.run(changes);
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`} noValidate>
      <p id={`${id}-t`} className="hint">
        Prijs per uur of per maand. Leeg: het standaardbedrag geldt.
      </p>
      <div className="table-scroll">
        <table className="data-table price-table">
          <caption className="visually-hidden">Prijzen per soort voorziening</caption>
          <thead>
            <tr>
              <th scope="col">Soort</th>
              <th scope="col">Eigen prijs (euro)</th>
              <th scope="col">Standaard</th>
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => (
              <tr key={p.soort}>
                <th scope="row">
                  <label htmlFor={`${id}-${p.soort}`}>
                    {p.label} <span className="muted">per {p.eenheid}</span>
                  </label>
                </th>
                <td>
                  <input
                    id={`${id}-${p.soort}`}
                    className="input input--amount"
                    inputMode="decimal"
                    aria-invalid={invalid.includes(p) || undefined}
                    value={values.get(p.soort) ?? ''}
                    onChange={(e) => setValues((m) => new Map(m).set(p.soort, e.target.value))}
                  />
                </td>
                <td>{p.isDefault ? formatEuro(p.amountCents) : 'eigen prijs'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorMessage message={send.error} />
      <button type="submit" className="button button--primary" disabled={send.busy}>
        {send.busy ? 'Opslaan…' : 'Prijzen opslaan'}
      </button>
    </form>
  );
}

export function VoorzieningPriceList() {
  const prices = useData(voorzieningenQueries.prices());
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="kpi-prijzen-voorzieningen" className="card">
      <h2 id="kpi-prijzen-voorzieningen">Prijzen van voorzieningen</h2>
      <ErrorMessage message={prices.error} />
      {prices.data ? (
        <>
          <p>
            {prices.data.filter((p) => !p.isDefault).length} van de {prices.data.length} prijzen
            zijn door het wijkteam zelf vastgesteld. Een nieuwe voorziening zonder eigen bedrag
            krijgt haar kosten uit deze lijst.
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
            {open ? 'Prijzen sluiten' : 'Prijzen bekijken en aanpassen'}
          </button>
          {open ? (
            <PriceForm
              key={prices.data.map((p) => `${p.soort}${p.amountCents}`).join()}
              prices={prices.data}
              onSaved={(p) => {
                queryClient.setQueryData(voorzieningenQueries.prices().queryKey, p);
                setSaved(true);
              }}
            />
          ) : null}
          {saved ? (
            <p className="notice" role="status">
              Prijzen opgeslagen.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
