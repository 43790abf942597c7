import {
  type HouseholdDto,
  isHouseholdRole,
  PROFESSIONAL_TEAM_ROLES,
  TEAM_ROLE_LABELS,
  type TeamMemberDto,
  type UserDto,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys, queryClient, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { disciplineLabel } from '../../lib/labels';
import { addTeamMember, changeTeamRole, listProfessionals, removeTeamMember } from './team-api';
import '../overleg/overleg.css';

type ProfessionalRole = (typeof PROFESSIONAL_TEAM_ROLES)[number];

const ROLE_HINT: Record<ProfessionalRole, string> = {
  lid: 'werkt mee aan het plan',
  meelezer: 'leest mee, verandert niets',
};

/** The coördinator of the wijkteam or the regiehouder manages the team (the server decides; this only hides the controls). */
export function canManageTeam(
  household: Pick<HouseholdDto, 'regie'>,
  user: Pick<UserDto, 'id' | 'systemRole'>,
): boolean {
  return user.systemRole === 'coordinator' || household.regie?.userId === user.id;
}

const professionalsQuery = queryOptions({
  queryKey: keys.wijkteam('professionals'),
  queryFn: listProfessionals,
});

function MemberRow({
  householdId,
  member,
  onChanged,
}: {
  householdId: string;
  member: TeamMemberDto;
  onChanged: (text: string) => void;
}) {
  const id = useId();
  const [role, setRole] = useState<ProfessionalRole>(
    member.role === 'meelezer' ? 'meelezer' : 'lid',
  );
  const [confirming, setConfirming] = useState(false);
  const send = useSubmit(
    async (action: () => Promise<unknown>, done: string) => {
      await action();
      return done;
    },
    {
      onSuccess: (done) => onChanged(done),
    },
  );
  const { busy, error } = send;
  const run = send.run;

  return (
    <tr data-member={member.userId}>
      <th scope="row">
        <span className="team-table__name" data-member-name>
          {member.name}
        </span>{' '}
        <span className="muted team-table__discipline">
          {disciplineLabel(member.discipline)}, {member.organisation}
        </span>
      </th>
      <td>
        {/* Beside a column header on a wide screen; on a phone the card shows "Rol" itself. */}
        <label className="team-table__role-label" htmlFor={`${id}-role`}>
          Rol<span className="visually-hidden"> van {member.name}</span>
        </label>
        <select
          id={`${id}-role`}
          value={role}
          disabled={busy}
          onChange={(e) => setRole(e.target.value as ProfessionalRole)}
        >
          {PROFESSIONAL_TEAM_ROLES.map((r) => (
            <option key={r} value={r}>
              {TEAM_ROLE_LABELS[r]} ({ROLE_HINT[r]})
            </option>
          ))}
        </select>
      </td>
      <td>
        <div className="casus-row-actions">
          <button
            type="button"
            className="button button--small"
            disabled={busy || role === member.role}
            onClick={() =>
              void run(
                () => changeTeamRole(householdId, member.userId, { role }),
                `${member.name} is nu ${TEAM_ROLE_LABELS[role].toLowerCase()}.`,
              )
            }
          >
            Rol wijzigen<span className="visually-hidden"> van {member.name}</span>
          </button>
          {!confirming && (
            <button
              type="button"
              className="button button--small casus-danger"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Verwijderen<span className="visually-hidden"> uit het team: {member.name}</span>
            </button>
          )}
        </div>
        {confirming && (
          <div className="casus-confirm" role="group" aria-label={`${member.name} verwijderen`}>
            <p>
              {member.name} verliest meteen de toegang tot dit huishouden, ook als het plan nu open
              staat.
            </p>
            <div className="casus-row-actions">
              <button
                type="button"
                className="button button--small casus-danger"
                disabled={busy}
                onClick={() =>
                  void run(
                    () => removeTeamMember(householdId, member.userId),
                    `${member.name} is uit het team verwijderd.`,
                  )
                }
              >
                Ja, verwijder {member.name}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                Annuleren
              </button>
            </div>
          </div>
        )}
        <ErrorMessage message={error} />
      </td>
    </tr>
  );
}

function AddMemberForm({
  household,
  onAdded,
}: {
  household: HouseholdDto;
  onAdded: (text: string) => void;
}) {
  const id = useId();
  const professionals = useData(professionalsQuery);
  const people = professionals.data ?? null;
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<ProfessionalRole>('lid');
  const send = useSubmit(() => addTeamMember(household.id, { userId, role }), {
    onSuccess: (added) => {
      setUserId('');
      onAdded(`${added.name} is toegevoegd als ${TEAM_ROLE_LABELS[added.role].toLowerCase()}.`);
    },
  });
  const busy = send.busy;
  const error = send.error ?? professionals.error;

  const onTeam = new Set(household.team.map((m) => m.userId));
  const candidates = (people ?? []).filter((p) => !onTeam.has(p.id));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await send.run();
  }

  return (
    <form
      className="card team-add"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
    >
      <h4 id={`${id}-title`}>Iemand toevoegen</h4>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-who`}>Professional</label>
          <select
            id={`${id}-who`}
            required
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            disabled={!people}
          >
            <option value="">{people ? 'Kies een professional' : 'Laden…'}</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} – {disciplineLabel(p.discipline)}, {p.organisation}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Rol in het team</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as ProfessionalRole)}
          >
            {PROFESSIONAL_TEAM_ROLES.map((r) => (
              <option key={r} value={r}>
                {TEAM_ROLE_LABELS[r]} ({ROLE_HINT[r]})
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage message={error} />
      <button type="submit" className="button button--primary" disabled={busy || !userId}>
        {busy ? 'Toevoegen…' : 'Toevoegen aan het team'}
      </button>
    </form>
  );
}

/**
 * Managing the casus team (coördinator or regiehouder): add professionals,
 * change their role, remove them. Removal ends their access at once, open
 * plans and notes included.
 */
export function TeamManagement({ household, user }: { household: HouseholdDto; user: UserDto }) {
  const [status, setStatus] = useState<string | null>(null);
  if (!canManageTeam(household, user)) return null;
  const professionals = household.team.filter((m) => !isHouseholdRole(m.role));
  const changed = (text: string) => {
    setStatus(text);
    // The team shows on the household and its parts, and in the lists.
    void queryClient.invalidateQueries({ queryKey: keys.household(household.id) });
    void queryClient.invalidateQueries({ queryKey: keys.households() });
  };
  return (
    <div className="stack casus-after-cards" data-section="teambeheer">
      <h3>Team beheren</h3>
      <div role="status">{status && <p className="notice">{status}</p>}</div>
      <table className="casus-table team-table">
        <caption className="visually-hidden">Professionals in het casusteam</caption>
        <thead>
          <tr>
            <th scope="col">Professional</th>
            <th scope="col">Rol</th>
            <th scope="col">Acties</th>
          </tr>
        </thead>
        <tbody>
          {professionals.map((m) => (
            <MemberRow
              key={`${m.userId}:${m.role}`}
              householdId={household.id}
              member={m}
              onChanged={changed}
            />
          ))}
        </tbody>
      </table>
      <AddMemberForm household={household} onAdded={changed} />
    </div>
  );
}
