/**
 * Mijn plan: the help the household gets, in plain words: what, who gives
 * it, until when. Amounts only when the municipality shows them (a
 * setting). Follows changes live (live-queries, `mijn-hulp`).
 */
import { useData } from '../../lib/query';
import { bedragZin, hulpZin } from './mijn-hulp-tekst';
import { voorzieningenQueries } from './voorzieningen-api';

export function MijnHulp({ householdId }: { householdId: string }) {
  const { data, error } = useData(voorzieningenQueries.mijnHulp(householdId));
  if (error) return <p className="muted">De hulp kan nu niet worden getoond.</p>;
  if (!data) return <p className="muted">Even geduld…</p>;
  const nu = data.items.filter((i) => i.stand !== 'gestopt');
  const voorbij = data.items.filter((i) => i.stand === 'gestopt');
  if (data.items.length === 0) return <p className="mp-intro">Er is nu geen hulp vastgelegd.</p>;
  return (
    <>
      {nu.length > 0 ? (
        <ul className="mp-list" aria-label="Hulp die je krijgt">
          {nu.map((i) => (
            <li key={i.id} className="mp-card">
              <p>{hulpZin(i)}</p>
              {i.omschrijving ? <p className="muted">{i.omschrijving}</p> : null}
              {bedragZin(i) ? <p className="muted">{bedragZin(i)}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {voorbij.length > 0 ? (
        <ul className="mp-list" aria-label="Hulp die is gestopt">
          {voorbij.map((i) => (
            <li key={i.id} className="mp-card">
              <p>{hulpZin(i)}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
