import { type FormEvent, useState } from 'react';
import {
  type AccountDto,
  DISCIPLINE_LABELS,
  DISCIPLINES,
  type Domain,
  type InviteProfessionalRequest,
  STAFF_ROLE_LABELS,
  STAFF_ROLES,
  type StaffRole,
  type WijkteamDto,
} from '@spil/shared';
import { useCurrentUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { keys, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { beheerApi } from '../account/account-api';

const q = {
  accounts: queryOptions({
    queryKey: keys.wijkteam('beheer', 'accounts'),
    queryFn: beheerApi.accounts,
  }),
  wijkteams: queryOptions({
    queryKey: keys.wijkteam('beheer', 'wijkteams'),
    queryFn: beheerApi.wijkteams,
  }),
  organisations: queryOptions({
    queryKey: keys.wijkteam('beheer', 'organisations'),
    queryFn: beheerApi.organisations,
  }),
};
type ProDiscipline = InviteProfessionalRequest['discipline'];
const PROFESSIONAL_DISCIPLINES = DISCIPLINES.filter(
  (d): d is ProDiscipline => d !== 'inwoner' && d !== 'naaste',
);

function InviteForm({
  wijkteams,
  organisations,
}: {
  wijkteams: WijkteamDto[];
  organisations: string[];
}) {
  const me = useCurrentUser();
  const isBeheerder = me.systemRole === 'beheerder';
  const empty = {
    name: '',
    email: '',
    discipline: 'wijkverpleegkundige' as ProDiscipline,
    domain: 'medisch' as Domain | '',
    organisation: '',
    systemRole: 'professional' as StaffRole,
    wijkteamId: me.wijkteamId ?? wijkteams[0]?.id ?? '',
  };
  const [form, setForm] = useState(empty);
  const [sent, setSent] = useState<string | null>(null);
  const invite = useSubmit((body: InviteProfessionalRequest) => beheerApi.invite(body), {
    invalidates: [keys.wijkteam('beheer')],
    onSuccess: (_r, body) => {
      setSent(body.email);
      setForm(empty);
    },
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) =>
    setForm({ ...form, [k]: v });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSent(null);
    if (form.name.trim().length < 2) return invite.fail('Vul de naam in.', 'name');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim()))
      return invite.fail('Vul een geldig e-mailadres in.', 'email');
    if (form.organisation.trim().length < 2)
      return invite.fail('Vul de organisatie in.', 'organisation');
    void invite.run({
      name: form.name.trim(),
      email: form.email.trim(),
      discipline: form.discipline,
      domain: form.domain === '' ? null : form.domain,
      organisation: form.organisation.trim(),
      systemRole: form.systemRole,
      ...(form.wijkteamId ? { wijkteamId: form.wijkteamId } : {}),
    });
  }
  const invalid = (f: string) => (invite.field === f ? true : undefined);

  return (
    <section className="card" aria-labelledby="uitnodigen">
      <h2 id="uitnodigen">Collega uitnodigen</h2>
      <p>
        Je collega krijgt een e-mail met een link om een wachtwoord te kiezen. De link werkt één
        keer en verloopt.
      </p>
      <ErrorMessage message={invite.error} />
      {sent && (
        <div role="status">
          <Notice>Uitnodiging verstuurd naar {sent}.</Notice>
        </div>
      )}
      <form noValidate onSubmit={submit} aria-busy={invite.busy} className="casus-grid">
        <div className="field">
          <label htmlFor="inv-name">Naam</label>
          <input
            id="inv-name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            aria-invalid={invalid('name')}
          />
        </div>
        <div className="field">
          <label htmlFor="inv-email">E-mailadres</label>
          <input
            id="inv-email"
            type="email"
            spellCheck={false}
            value={form.email}
            onChange={(e) => set('email', e.target.value)}
            aria-invalid={invalid('email')}
          />
        </div>
        <div className="field">
          <label htmlFor="inv-discipline">Discipline</label>
          <select
            id="inv-discipline"
            value={form.discipline}
            onChange={(e) => set('discipline', e.target.value as ProDiscipline)}
          >
            {PROFESSIONAL_DISCIPLINES.map((d) => (
              <option key={d} value={d}>
                {DISCIPLINE_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inv-domain">Domein</label>
          <select
            id="inv-domain"
            value={form.domain}
            onChange={(e) => set('domain', e.target.value as Domain | '')}
          >
            <option value="medisch">Medisch</option>
            <option value="sociaal">Sociaal</option>
            <option value="">Geen van beide</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="inv-organisation">Organisatie</label>
          <input
            id="inv-organisation"
            list="inv-organisations"
            value={form.organisation}
            onChange={(e) => set('organisation', e.target.value)}
            aria-invalid={invalid('organisation')}
          />
          <datalist id="inv-organisations">
            {organisations.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="inv-role">Rol in Spil</label>
          <select
            id="inv-role"
            value={form.systemRole}
            onChange={(e) => set('systemRole', e.target.value as StaffRole)}
          >
            {STAFF_ROLES.filter((r) => isBeheerder || r !== 'beheerder').map((r) => (
              <option key={r} value={r}>
                {STAFF_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {isBeheerder && (
          <div className="field">
            <label htmlFor="inv-wijkteam">Wijkteam</label>
            <select
              id="inv-wijkteam"
              value={form.wijkteamId}
              onChange={(e) => set('wijkteamId', e.target.value)}
            >
              {wijkteams.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={invite.busy}>
            {invite.busy ? 'Bezig…' : 'Uitnodiging versturen'}
          </button>
        </div>
      </form>
    </section>
  );
}

function status(a: AccountDto): string {
  if (a.active) return 'Actief';
  return a.invited ? 'Uitgenodigd' : 'Gedeactiveerd';
}

function AccountRow({ account }: { account: AccountDto }) {
  const me = useCurrentUser();
  const [role, setRole] = useState<StaffRole>(account.systemRole);
  const [confirming, setConfirming] = useState(false);
  const change = useSubmit((r: StaffRole) => beheerApi.update(account.id, { systemRole: r }), {
    invalidates: [keys.wijkteam('beheer')],
  });
  const deactivate = useSubmit(() => beheerApi.deactivate(account.id), {
    invalidates: [keys.wijkteam('beheer')],
    onSuccess: () => setConfirming(false),
  });
  const [invitedAgain, setInvitedAgain] = useState(false);
  const again = useSubmit(() => beheerApi.inviteAgain(account.id), {
    invalidates: [keys.wijkteam('beheer')],
    onSuccess: () => setInvitedAgain(true),
  });
  const self = account.id === me.id;
  const canEdit =
    !self &&
    account.active !== false &&
    (me.systemRole === 'beheerder' || account.systemRole !== 'beheerder');
  return (
    <tr>
      <th scope="row">{account.name}</th>
      <td>{account.email}</td>
      <td>{DISCIPLINE_LABELS[account.discipline]}</td>
      <td>
        {canEdit ? (
          <>
            <label className="visually-hidden" htmlFor={`role-${account.id}`}>
              Rol van {account.name}
            </label>
            <select
              id={`role-${account.id}`}
              value={role}
              onChange={(e) => setRole(e.target.value as StaffRole)}
            >
              {STAFF_ROLES.filter((r) => me.systemRole === 'beheerder' || r !== 'beheerder').map(
                (r) => (
                  <option key={r} value={r}>
                    {STAFF_ROLE_LABELS[r]}
                  </option>
                ),
              )}
            </select>{' '}
            {role !== account.systemRole && (
              <button
                type="button"
                className="button button--small"
                onClick={() => void change.run(role)}
                disabled={change.busy}
              >
                Rol opslaan<span className="visually-hidden"> van {account.name}</span>
              </button>
            )}
          </>
        ) : (
          STAFF_ROLE_LABELS[account.systemRole]
        )}
        <ErrorMessage message={change.error} />
      </td>
      <td>{status(account)}</td>
      <td>
        {canEdit && !confirming && (
          <button
            type="button"
            className="button button--small casus-danger"
            onClick={() => setConfirming(true)}
          >
            Deactiveren<span className="visually-hidden">: {account.name}</span>
          </button>
        )}
        {confirming && (
          <div role="group" aria-label={`${account.name} deactiveren`}>
            <p>Het account werkt meteen niet meer; de geschiedenis blijft bewaard.</p>
            <button
              type="button"
              className="button button--small casus-danger"
              onClick={() => void deactivate.run()}
              disabled={deactivate.busy}
            >
              Ja, deactiveren
            </button>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => setConfirming(false)}
            >
              Annuleren
            </button>
          </div>
        )}
        {!account.active &&
          !self &&
          (me.systemRole === 'beheerder' || account.systemRole !== 'beheerder') && (
            <button
              type="button"
              className="button button--small"
              onClick={() => void again.run()}
              disabled={again.busy}
            >
              Opnieuw uitnodigen<span className="visually-hidden">: {account.name}</span>
            </button>
          )}
        {invitedAgain && <span role="status"> Nieuwe uitnodiging verstuurd.</span>}
        <ErrorMessage message={again.error} />
        <ErrorMessage message={deactivate.error} />
      </td>
    </tr>
  );
}

/** One name: a new organisation, or another name for one (its accounts follow). */
function NameForm({
  label,
  formLabel,
  id,
  initial = '',
  submitLabel,
  onSave,
}: {
  label: string;
  formLabel: string;
  id: string;
  initial?: string;
  submitLabel: string;
  onSave: (name: string) => Promise<unknown>;
}) {
  const [name, setName] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useSubmit((n: string) => onSave(n), {
    invalidates: [keys.wijkteam('beheer')],
    onSuccess: () => {
      if (initial) setSaved(true);
      else setName('');
    },
  });
  return (
    <form
      noValidate
      aria-label={formLabel}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        if (name.trim().length < 2) return save.fail('Vul een naam in.', 'name');
        void save.run(name.trim());
      }}
    >
      <ErrorMessage message={save.error} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={save.field === 'name' ? true : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={save.busy}>
        {submitLabel}
      </button>
      {saved && (
        <span role="status" className="muted">
          {' '}
          Opgeslagen.
        </span>
      )}
    </form>
  );
}

/** A wijkteam's name and wijk: a new one (beheerder) or a change of one. */
function WijkteamForm({ wijkteam }: { wijkteam?: WijkteamDto }) {
  const [name, setName] = useState(wijkteam?.name ?? '');
  const [wijk, setWijk] = useState(wijkteam?.wijk ?? '');
  const [saved, setSaved] = useState(false);
  const save = useSubmit(
    (body: { name: string; wijk: string }) =>
      wijkteam ? beheerApi.updateWijkteam(wijkteam.id, body) : beheerApi.createWijkteam(body),
    {
      invalidates: [keys.wijkteam('beheer')],
      onSuccess: () => {
        setSaved(true);
        if (!wijkteam) {
          setName('');
          setWijk('');
        }
      },
    },
  );
  const id = wijkteam ? `wt-${wijkteam.id}` : 'wt-new';
  return (
    <form
      noValidate
      className="casus-grid"
      aria-label={wijkteam ? `Wijkteam ${wijkteam.name} wijzigen` : 'Nieuw wijkteam'}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        if (name.trim().length < 2) return save.fail('Vul de naam van het wijkteam in.', 'name');
        if (wijk.trim().length < 2) return save.fail('Vul de wijk in.', 'wijk');
        void save.run({ name: name.trim(), wijk: wijk.trim() });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>
          {wijkteam ? 'Naam van het wijkteam' : 'Naam van het nieuwe wijkteam'}
        </label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-wijk`}>Wijk</label>
        <input id={`${id}-wijk`} value={wijk} onChange={(e) => setWijk(e.target.value)} />
      </div>
      <div>
        <button type="submit" className="button" disabled={save.busy}>
          {wijkteam ? 'Opslaan' : 'Wijkteam toevoegen'}
        </button>
        {saved && (
          <span role="status" className="muted">
            {' '}
            Opgeslagen.
          </span>
        )}
      </div>
      <ErrorMessage message={save.error} />
    </form>
  );
}

export function BeheerPage() {
  const me = useCurrentUser();
  const accounts = useData(q.accounts);
  const wijkteams = useData(q.wijkteams);
  const organisations = useData(q.organisations);
  const orgNames = (organisations.data ?? []).map((o) => o.name);
  return (
    <div className="page">
      <title>Beheer – Spil</title>
      <PageHeading>Beheer</PageHeading>
      <InviteForm wijkteams={wijkteams.data ?? []} organisations={orgNames} />
      <section className="card" aria-labelledby="accounts">
        <h2 id="accounts">Accounts</h2>
        <ErrorMessage message={accounts.error} />
        <div className="table-scroll">
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">E-mail</th>
                <th scope="col">Discipline</th>
                <th scope="col">Rol</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Acties</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(accounts.data ?? []).map((a) => (
                <AccountRow key={`${a.id}-${a.systemRole}-${a.active}`} account={a} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="organisaties">
        <h2 id="organisaties">Organisaties</h2>
        {me.systemRole === 'beheerder' ? (
          (organisations.data ?? []).map((o) => (
            <NameForm
              key={o.id}
              label={`Naam van ${o.name}`}
              formLabel={`Organisatie ${o.name} wijzigen`}
              id={`org-${o.id}`}
              initial={o.name}
              submitLabel="Naam opslaan"
              onSave={(n) => beheerApi.renameOrganisation(o.id, n)}
            />
          ))
        ) : (
          <ul>
            {orgNames.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        )}
        <NameForm
          label="Nieuwe organisatie"
          formLabel="Nieuwe organisatie"
          id="new-org"
          submitLabel="Toevoegen"
          onSave={(n) => beheerApi.createOrganisation(n)}
        />
      </section>
      <section className="card" aria-labelledby="wijkteams">
        <h2 id="wijkteams">Wijkteams</h2>
        {(wijkteams.data ?? []).map((w) => (
          <WijkteamForm key={`${w.id}-${w.name}-${w.wijk}`} wijkteam={w} />
        ))}
        {me.systemRole === 'beheerder' && <WijkteamForm />}
      </section>
    </div>
  );
}
