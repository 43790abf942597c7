import { type FormEvent, type ReactNode, useState } from 'react';
import {
  type AccountSettingsDto,
  NOTIFY_MODE_LABELS,
  NOTIFY_MODES,
  type NotifyMode,
} from '@spil/shared';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { formError, PasswordField } from '../../components/PasswordField';
import { keys, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { AppCodeForm, EnrolTotp, RecoveryCodes } from './EnrolTotp';
import './account.css';

const settingsQuery = queryOptions({ queryKey: keys.me('account'), queryFn: accountApi.settings });

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useSubmit(
    (body: { currentPassword: string; newPassword: string }) => accountApi.changePassword(body),
    {
      onSuccess: () => {
        setSaved(true);
        setCurrent('');
        setNext('');
      },
    },
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    if (!current) return save.fail('Vul je huidige wachtwoord in.', 'currentPassword');
    if (next.length < 10)
      return save.fail('Kies een nieuw wachtwoord van minstens 10 tekens.', 'newPassword');
    void save.run({ currentPassword: current, newPassword: next });
  }
  return (
    <section className="card" aria-labelledby="wachtwoord">
      <h2 id="wachtwoord">Wachtwoord wijzigen</h2>
      <ErrorMessage message={formError(save, ['currentPassword', 'newPassword'])} />
      {saved && (
        <div role="status">
          <Notice>Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.</Notice>
        </div>
      )}
      <form noValidate onSubmit={submit} aria-busy={save.busy}>
        <PasswordField
          id="current-password"
          label="Huidig wachtwoord"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          submit={save}
          name="currentPassword"
        />
        <PasswordField
          id="account-new-password"
          label="Nieuw wachtwoord"
          hint="Minstens 10 tekens."
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          submit={save}
          name="newPassword"
        />
        <button type="submit" className="button button--primary" disabled={save.busy}>
          Wachtwoord wijzigen
        </button>
      </form>
    </section>
  );
}

function NotifyForm({ current }: { current: NotifyMode }) {
  const [mode, setMode] = useState<NotifyMode>(current);
  const [saved, setSaved] = useState(false);
  const save = useSubmit((m: NotifyMode) => accountApi.saveSettings({ notifyMode: m }), {
    invalidates: [keys.me('account')],
    onSuccess: () => setSaved(true),
  });
  return (
    <section className="card" aria-labelledby="meldingen-mail">
      <h2 id="meldingen-mail">Meldingen per e-mail</h2>
      <p>
        Als je niet in Spil bent, krijg je een e-mail bij een terugkoppeling, een aangeboden
        overdracht, een actie voor jou en acties over de datum. In de e-mail staat alleen een link.
      </p>
      <ErrorMessage message={save.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void save.run(mode);
        }}
      >
        <fieldset>
          <legend>Hoe wil je meldingen krijgen?</legend>
          <div className="account-choices">
            {NOTIFY_MODES.map((m) => (
              <label className="account-choice" key={m}>
                <input
                  type="radio"
                  name="notify"
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                />
                {NOTIFY_MODE_LABELS[m]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={save.busy}>
          Opslaan
        </button>
        {saved && (
          <span role="status" className="muted">
            {' '}
            Opgeslagen.
          </span>
        )}
      </form>
    </section>
  );
}

type SecondFactorAction = 'enrol' | 'renew' | 'disable' | null;

/** The second step: turn it on, make new recovery codes, or turn it off (when the role does not require it). */
function SecondFactorSection({
  settings,
  reload,
}: {
  settings: AccountSettingsDto;
  reload: () => void;
}) {
  const [action, setAction] = useState<SecondFactorAction>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  const renew = useSubmit((code: string) => accountApi.renewRecoveryCodes(code), {
    invalidates: [keys.me('account')],
    onSuccess: (r) => {
      setAction(null);
      setCodes(r.recoveryCodes);
    },
  });
  const disable = useSubmit((code: string) => accountApi.disableSecondFactor(code), {
    invalidates: [keys.me('account')],
    onSuccess: () => {
      setAction(null);
      setTurnedOff(true);
    },
  });
  const cancel = (
    <button type="button" className="button" onClick={() => setAction(null)}>
      Annuleren
    </button>
  );
  let body: ReactNode;
  if (codes) body = <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  else if (!settings.secondFactor)
    body =
      action === 'enrol' ? (
        <EnrolTotp
          onDone={() => {
            setAction(null);
            reload();
          }}
        />
      ) : (
        <>
          {turnedOff && (
            <div role="status">
              <Notice>De tweede stap staat uit.</Notice>
            </div>
          )}
          <p>
            Uit.
            {settings.secondFactorRequired
              ? ' Voor jouw rol is hij verplicht: je stelt hem in bij de volgende keer inloggen.'
              : ' Zet hem aan voor extra zekerheid.'}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setTurnedOff(false);
              setAction('enrol');
            }}
          >
            Tweede stap aanzetten
          </button>
        </>
      );
  else
    body = (
      <>
        <p>
          Aan: je logt in met je wachtwoord en een code uit je authenticator-app. Je hebt nog{' '}
          {settings.recoveryCodesLeft} herstelcodes.
          {settings.secondFactorRequired && ' Voor jouw rol is hij verplicht.'}
        </p>
        {action === 'renew' && (
          <>
            <p>Je oude herstelcodes werken daarna niet meer.</p>
            <AppCodeForm submit={renew} id="renew-code" submitLabel="Nieuwe herstelcodes maken" />
            {cancel}
          </>
        )}
        {action === 'disable' && (
          <>
            <p>Daarna log je in met alleen je wachtwoord; je herstelcodes vervallen.</p>
            <AppCodeForm submit={disable} id="disable-code" submitLabel="Tweede stap uitzetten" />
            {cancel}
          </>
        )}
        {action === null && (
          <div className="account-actions">
            <button type="button" className="button" onClick={() => setAction('renew')}>
              Nieuwe herstelcodes
            </button>
            {!settings.secondFactorRequired && (
              <button type="button" className="button" onClick={() => setAction('disable')}>
                Uitzetten
              </button>
            )}
          </div>
        )}
      </>
    );
  return (
    <section className="card" aria-labelledby="tweede-stap">
      <h2 id="tweede-stap">Tweede stap bij inloggen</h2>
      {body}
    </section>
  );
}

export function AccountPage() {
  const settings = useData(settingsQuery);
  return (
    <div className="page">
      <title>Mijn account – Spil</title>
      <PageHeading>Mijn account</PageHeading>
      <ErrorMessage message={settings.error} />
      <PasswordForm />
      {settings.data && <NotifyForm current={settings.data.notifyMode} />}
      {settings.data && <SecondFactorSection settings={settings.data} reload={settings.reload} />}
    </div>
  );
}
