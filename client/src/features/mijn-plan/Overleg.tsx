import type { MijnPlanDto } from '@spil/shared';
import { ContactButtons } from './Hulpverleners';
import { voornaam, wanneer } from './plain';

/** "Wie heeft de regie": one person to turn to, and how. */
export function RegieCard({ regie }: { regie: MijnPlanDto['regie'] }) {
  if (!regie) {
    return (
      <p>
        Er is nog niemand die de regie heeft. Het wijkteam zoekt iemand voor jullie. Tot die tijd
        kun je bij het wijkteam terecht.
      </p>
    );
  }
  const first = voornaam(regie.name);
  return (
    <div className="mp-card mp-regie">
      <p className="mp-regie__naam">
        <strong>{regie.name}</strong>
      </p>
      <p className="mp-meta">{regie.title}</p>
      <p>
        {first} houdt het overzicht over jullie plan. Heb je een vraag, of loopt iets niet goed? Dan
        kun je altijd bij {first} terecht.
      </p>
      <ContactButtons person={regie} />
    </div>
  );
}

/** The next overleg the person is invited to. */
export function VolgendOverleg({ overleg }: { overleg: MijnPlanDto['volgendOverleg'] }) {
  if (!overleg) {
    return <p className="muted">Er is nog geen overleg gepland waar je voor bent uitgenodigd.</p>;
  }
  return (
    <div className="mp-card mp-overleg">
      <h3 className="mp-card__kop">{overleg.title}</h3>
      <p className="mp-overleg__wanneer">{wanneer(overleg.date, overleg.time)}</p>
      <p>{overleg.uitleg}</p>
      <dl className="mp-facts">
        {overleg.location && (
          <div>
            <dt>Waar</dt>
            <dd>{overleg.location}</dd>
          </div>
        )}
        {overleg.onlineUrl && (
          <div>
            <dt>Online</dt>
            <dd>
              <a href={overleg.onlineUrl} rel="noopener noreferrer" target="_blank">
                Doe online mee (opent een nieuw venster)
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>Hoe lang</dt>
          <dd>{overleg.durationMinutes} minuten</dd>
        </div>
        {overleg.wie.length > 0 && (
          <div>
            <dt>Wie komen er</dt>
            <dd>{overleg.wie.join(', ')}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
