import { usePlan } from '../plan/plan-context';
import { useObserveDeep } from '../plan/use-y';
import { formatDate } from '../../lib/format';
import { householdAuthor } from './household-user';
import './huishouden-panel.css';

/**
 * For the professionals, in their plan: what the inwoner and naasten do
 * themselves and what they said, live. Only the household writes it (the
 * server refuses anything else from them, and their part is theirs).
 */
export function HuishoudenPanel() {
  const { session } = usePlan();
  useObserveDeep(session.plan.huishoudenMap);
  useObserveDeep(session.plan.actiesMap);
  useObserveDeep(session.plan.serverMap);
  const team = session.plan.team();
  const author = (id: string) => householdAuthor(team, id) ?? 'Iemand van het huishouden';
  const acties = session.plan.eigenActies();
  const reacties = session.plan.reacties();
  const titelVan = (id: string | null) => {
    if (!id) return null;
    return session.plan.actie(id)?.titel ?? acties.find((a) => a.id === id)?.tekst ?? null;
  };
  return (
    <section className="plan-part huishouden-panel" aria-labelledby="plan-huishouden">
      <h3 id="plan-huishouden">Eigen kracht: wat het huishouden zelf doet</h3>
      <p className="hint">
        Het huishouden schrijft dit zelf, in Mijn plan. Reacties komen ook als melding bij de
        regiehouder.
      </p>
      {acties.length === 0 ? (
        <p className="muted">Het huishouden heeft nog geen eigen acties.</p>
      ) : (
        <ul className="huishouden-panel__list" aria-label="Eigen acties van het huishouden">
          {acties.map((a) => (
            <li
              key={a.id}
              className={`huishouden-panel__item${a.gedaan ? ' huishouden-panel__item--gedaan' : ''}`}
            >
              <span className="huishouden-panel__tekst">{a.tekst}</span>{' '}
              <span className={`badge ${a.gedaan ? 'badge--status-gereed' : 'badge--status-open'}`}>
                {a.gedaan ? 'Gedaan' : 'Nog te doen'}
              </span>
              <span className="muted huishouden-panel__meta">
                {' '}
                {author(a.auteurId)}
                {a.wieHelpt ? ` · hulp van ${a.wieHelpt}` : ''}
                {a.aangemaakt ? ` · ${formatDate(a.aangemaakt)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h4>Reacties van het huishouden</h4>
      {reacties.length === 0 ? (
        <p className="muted">Nog geen reacties.</p>
      ) : (
        <ul className="huishouden-panel__list" aria-label="Reacties van het huishouden">
          {reacties.map((r) => {
            const op = titelVan(r.actieId);
            return (
              <li key={r.id} className="huishouden-panel__item">
                <strong>{author(r.auteurId)}</strong>
                <span className="muted">
                  {op ? ` op “${op}”` : ' op het plan'}
                  {r.aangemaakt ? ` · ${formatDate(r.aangemaakt)}` : ''}
                </span>
                <p className="huishouden-panel__reactie">{r.tekst}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
