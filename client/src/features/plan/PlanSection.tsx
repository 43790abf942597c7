import {
  type HouseholdDto,
  isHouseholdRole,
  type TeamRole,
  teamRoleCanEdit,
  type UserDto,
} from '@spil/shared';
import { useEffect, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { loginPath } from '../../app/session';
import { Notice } from '../../components/Notice';
import { PlanRegie } from '../regie/PlanRegie';
import { ActiesSection } from './ActiesSection';
import { HuishoudenPanel } from '../mijn-plan/HuishoudenPanel';
import { colorFor } from './colors';
import { DoelenSection } from './DoelenSection';
import { DomeinenSection } from './DomeinenSection';
import { type Owner, PlanContext, type PlanContextValue } from './plan-context';
import { legacyLabel, SCHEMA_OUTDATED_CLOSE, unsentTexts } from './outdated';
import type { PlanSession } from './plan-session';
import { PresenceList } from './PresenceList';
import { RichTextField } from './RichTextField';
import { SaveStatusView } from './SaveStatusView';
import { usePlanSession } from './use-plan-session';
import { usePresence } from './use-presence';
import { useSaveStatus } from './use-save-status';
import { useObserveDeep } from './use-y';

function readOnlyReason(role: TeamRole | null): string | null {
  if (role === null) {
    return 'Je staat niet in het casusteam van dit huishouden. Je kunt het plan lezen, maar niet wijzigen.';
  }
  if (teamRoleCanEdit(role)) return null;
  if (isHouseholdRole(role))
    return 'Dit is het plan van jullie huishouden. Je kunt het lezen; de professionals passen het samen met jullie aan.';
  return 'Je bent meelezer in dit casusteam. Je kunt het plan lezen, maar niet wijzigen.';
}

/** The team as the plan knows it (mirrored live by the server), else as the household page loaded it. */
function useOwners(session: PlanSession, household: HouseholdDto): Owner[] {
  const version = useObserveDeep(session.plan.serverMap);
  return useMemo(() => {
    void version;
    const fromPlan = session.plan.team();
    const source = fromPlan.length > 0 ? fromPlan : household.team;
    return source
      .map(({ userId, name, discipline, role }) => ({ userId, name, discipline, role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }, [session, household.team, version]);
}

/** A refusal by the server (close 4401/4403) is final: say so, or go and log in again. */
function useRefusal(code: number | null): string | null {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (code === 4401) void navigate(loginPath(location.pathname), { replace: true });
  }, [code, navigate, location.pathname]);
  if (code === 4403)
    return 'Je hebt geen toegang (meer) tot dit plan. Laad de pagina opnieuw om te zien wat je nog wel mag.';
  if (code === SCHEMA_OUTDATED_CLOSE)
    return 'Spil is bijgewerkt. Deze kopie van het plan is van de vorige versie: wat je hier nog niet had opgeslagen, kon niet worden opgeslagen. Laad de pagina opnieuw.';
  if (code !== null) return 'De verbinding met het plan is geweigerd. Laad de pagina opnieuw.';
  return null;
}

function LivePlan({
  session,
  household,
  myRole,
}: {
  session: PlanSession;
  household: HouseholdDto;
  myRole: TeamRole | null;
}) {
  const owners = useOwners(session, household);
  const status = useSaveStatus(session);
  const people = usePresence(session);
  const refusal = useRefusal(status.refusedCode);
  const readOnly = readOnlyReason(myRole);
  const value = useMemo<PlanContextValue>(
    () => ({ session, canEdit: readOnly === null && refusal === null, owners }),
    [session, readOnly, refusal, owners],
  );
  return (
    <PlanContext value={value}>
      <div className="plan-bar">
        <PresenceList people={people} />
        <PlanRegie />
        <SaveStatusView state={status.state} />
      </div>
      {refusal && (
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
      )}
      {status.refusedCode === SCHEMA_OUTDATED_CLOSE && <UnsentTexts session={session} />}
      {readOnly && (
        <Notice>
          <p>
            <strong>Alleen lezen.</strong> {readOnly}
          </p>
        </Notice>
      )}
      <div className="plan stack">
        <RichTextField
          field="situatie"
          label="Situatie"
          hint="Wat speelt er in dit huishouden, in de woorden van het gezin en het team."
        />
        <RichTextField
          field="hulpvraag"
          label="Hulpvraag"
          hint="Wat wil het huishouden bereiken, en waarbij is hulp nodig?"
        />
        <DomeinenSection />
        <DoelenSection />
        <ActiesSection />
        <HuishoudenPanel />
      </div>
    </PlanContext>
  );
}

/**
 * After a 4409: the texts of the old local copy that the plan does not hold,
 * to copy, and a reload that first drops the old copy (else it would send
 * the same again).
 */
function UnsentTexts({ session }: { session: PlanSession }) {
  const unsent = useMemo(() => unsentTexts(session.doc, session.legacy), [session]);
  const reload = async () => {
    await session.persistence.clearData().catch(() => undefined);
    window.location.reload();
  };
  return (
    <Notice>
      {unsent.length > 0 ? (
        <>
          <p>
            <strong>Niet opgeslagen tekst.</strong> Kopieer wat je nog wilt bewaren en zet het na
            het herladen terug:
          </p>
          <dl className="unsent">
            {unsent.map((t) => (
              <div key={`${t.root}/${t.entryId}/${t.key}`}>
                <dt>{legacyLabel(t)}</dt>
                <dd>
                  <textarea
                    className="input"
                    readOnly
                    rows={2}
                    value={t.value}
                    aria-label={legacyLabel(t)}
                  />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p>Alle tekst van deze kopie staat in het plan.</p>
      )}
      <p>
        Andere wijzigingen die je in deze kopie zonder verbinding maakte (zoals een status of een
        eigenaar), zijn ook niet opgeslagen: zet ze na het herladen opnieuw.
      </p>
      <button type="button" className="button" onClick={() => void reload()}>
        Opnieuw laden
      </button>
    </Notice>
  );
}

export default function PlanSection({
  household,
  user,
}: {
  household: HouseholdDto;
  user: UserDto;
}) {
  const session = usePlanSession(household.id, user.name, colorFor(user.id));
  if (!session) return <p role="status">Plan wordt geopend…</p>;
  return <LivePlan session={session} household={household} myRole={household.myRole} />;
}
