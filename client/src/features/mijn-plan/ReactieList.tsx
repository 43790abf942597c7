import type { Reactie, ServerTeamEntry } from '@spil/shared';
import { householdAuthor } from './household-user';
import { geleden, voornaam } from './plain';

/** Reactions of the household, oldest first; "jij" for the person reading. */
export function ReactieList({
  reacties,
  team,
  myId,
  label,
}: {
  reacties: Reactie[];
  team: ServerTeamEntry[];
  myId: string;
  label: string;
}) {
  if (reacties.length === 0) return null;
  return (
    <ul className="mp-reacties" aria-label={label}>
      {reacties.map((r) => (
        <li key={r.id} className="mp-reactie">
          <p className="mp-reactie__wie">
            <strong>
              {r.auteurId === myId
                ? 'Jij'
                : voornaam(householdAuthor(team, r.auteurId) ?? 'Iemand')}
            </strong>
            {r.aangemaakt && <span className="muted"> · {geleden(r.aangemaakt)}</span>}
          </p>
          <p className="mp-reactie__tekst">{r.tekst}</p>
        </li>
      ))}
    </ul>
  );
}
