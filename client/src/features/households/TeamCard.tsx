import type { TeamMemberDto } from '@spil/shared';
import { disciplineLabel, domainLabel, teamRoleLabel } from '../../lib/labels';

interface Props {
  member: TeamMemberDto;
  regiehouder: boolean;
  self: boolean;
}

/** Who someone is, what they bring and when to involve them (tips 2, 3 and 6). */
export function TeamCard({ member: m, regiehouder, self }: Props) {
  return (
    <li className={`card team-card team-card--${m.domain ?? 'geen'}`}>
      <h3 className="team-card__name">
        {m.name}
        {self && <span className="team-card__self"> (jij)</span>}
      </h3>
      <p className="team-card__discipline">{disciplineLabel(m.discipline)}</p>
      <p className="team-card__tags">
        <span className={`badge badge--domain-${m.domain ?? 'geen'}`}>{domainLabel(m.domain)}</span>
        <span className="badge badge--role">{teamRoleLabel(m.role)}</span>
        {regiehouder && <span className="badge badge--regie">Regiehouder</span>}
      </p>
      <dl className="facts facts--stacked">
        <div>
          <dt>Organisatie</dt>
          <dd>{m.organisation}</dd>
        </div>
        <div>
          <dt>Bereikbaar via</dt>
          <dd>
            {m.phone && (
              <>
                <a href={`tel:${m.phone.replace(/\s+/g, '')}`}>{m.phone}</a>
                <br />
              </>
            )}
            <a href={`mailto:${m.email}`}>{m.email}</a>
          </dd>
        </div>
        {m.expertise && (
          <div>
            <dt>Expertise</dt>
            <dd>{m.expertise}</dd>
          </div>
        )}
        {m.whenToInvolve && (
          <div>
            <dt>Wanneer schakel je mij in</dt>
            <dd>{m.whenToInvolve}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
