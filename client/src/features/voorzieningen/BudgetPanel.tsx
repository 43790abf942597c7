/**
 * One budget for the household: what runs and what is planned, per month
 * and per year, per law; the cost of the support set against the costs the
 * Effectencalculator says were avoided; and the warnings.
 */
import { type BudgetWarning, type HouseholdBudgetDto, WET_LABELS } from '@spil/shared';
import { formatDate, formatEuro, formatEuroWhole, formatPercent } from '../../lib/format';

function warningText(w: BudgetWarning, maxDagen: number): string {
  if (w.kind === 'beschikking-wacht')
    return `${w.voorziening}: de beschikking wacht al ${w.dagen ?? '?'} dagen op een besluit (langer dan ${maxDagen} dagen).`;
  const when = w.eindOp ? formatDate(w.eindOp) : '';
  const doel = w.doel ? `het doel “${w.doel}”` : 'het doel';
  return `${w.voorziening} ${w.beeindigd ? 'is gestopt op' : 'stopt op'} ${when} zonder vervolg, terwijl ${doel} nog open is.`;
}

export function BudgetPanel({ budget }: { budget: HouseholdBudgetDto }) {
  const netto = budget.nettoEffectCents;
  return (
    <section className="card vz-budget" aria-labelledby="vz-budget-title">
      <h3 id="vz-budget-title">Budget van dit huishouden</h3>
      {budget.warnings.length > 0 ? (
        <ul className="vz-warnings" aria-label="Signalen">
          {budget.warnings.map((w) => (
            <li key={`${w.kind}-${w.voorzieningId}`} className="notice notice--warning">
              {warningText(w, budget.maxWachtDagen)}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="vz-totals">
        <div>
          <dt>Loopt nu</dt>
          <dd>
            <strong>{formatEuro(budget.lopend.perMaandCents)}</strong> per maand
            <span className="muted"> · {formatEuroWhole(budget.lopend.perJaarCents)} per jaar</span>
          </dd>
        </div>
        <div>
          <dt>Gepland of aangevraagd</dt>
          <dd>
            <strong>{formatEuro(budget.gepland.perMaandCents)}</strong> per maand
            <span className="muted">
              {' '}
              · {formatEuroWhole(budget.gepland.perJaarCents)} per jaar
            </span>
          </dd>
        </div>
        <div>
          <dt>Lichte ondersteuning</dt>
          <dd>
            {budget.aandeelLicht === null ? (
              'Nog geen kosten'
            ) : (
              <>
                <strong>{formatPercent(budget.aandeelLicht)}</strong> van de kosten per maand
                <span className="muted"> (algemene voorzieningen en eigen kracht)</span>
              </>
            )}
          </dd>
        </div>
      </dl>
      {budget.perWet.length > 0 ? (
        <table className="vz-table">
          <caption>Per wet, per maand</caption>
          <thead>
            <tr>
              <th scope="col">Wet</th>
              <th scope="col">Loopt nu</th>
              <th scope="col">Gepland</th>
            </tr>
          </thead>
          <tbody>
            {budget.perWet.map((w) => (
              <tr key={w.wet}>
                <th scope="row">{WET_LABELS[w.wet]}</th>
                <td>{formatEuro(w.lopend.perMaandCents)}</td>
                <td>{formatEuro(w.gepland.perMaandCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h4>Netto-effect</h4>
      <dl className="vz-net">
        <div>
          <dt>Vermeden kosten (Effectencalculator)</dt>
          <dd>
            {budget.vermedenKostenCents === null
              ? 'Nog geen effectmeting'
              : formatEuro(budget.vermedenKostenCents)}
          </dd>
        </div>
        <div>
          <dt>Kosten van de ondersteuning over de hele looptijd</dt>
          <dd>− {formatEuro(budget.kostenInzetCents)}</dd>
        </div>
        <div className="vz-net__result">
          <dt>Netto-effect</dt>
          <dd>
            {netto === null ? (
              'Doe eerst een effectmeting'
            ) : (
              <strong className={netto >= 0 ? 'vz-plus' : 'vz-min'}>
                {netto >= 0 ? 'Bespaard: ' : 'Kost meer dan vermeden: '}
                {formatEuro(Math.abs(netto))}
              </strong>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted vz-hint">
        Looptijd: van start tot einde; zonder einddatum telt één jaar. Afgewezen aanvragen tellen
        niet mee.
      </p>
    </section>
  );
}
