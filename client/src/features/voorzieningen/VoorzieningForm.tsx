/**
 * Add or change a voorziening: kind (which presets law and form), provider,
 * period, size, cost (empty: from the wijkteam's price list), the doel or
 * actie of the plan it serves, and the beschikking with its dates. The
 * server checks everything again and names the field that is wrong; that
 * field is marked and gets the focus.
 */
import {
  BESCHIKKING_STATUS_LABELS,
  BESCHIKKING_STATUSES,
  type BeschikkingStatus,
  isMaatwerk,
  monthlyCostFromPrice,
  nextBeschikkingStatuses,
  type VoorzieningDto,
  type VoorzieningLinksDto,
  type VoorzieningPriceDto,
  VOORZIENING_SOORT_DEFAULTS,
  VOORZIENING_SOORTEN,
  type VoorzieningSoort,
  VORM_LABELS,
  VORMEN,
  type Vorm,
  WET_LABELS,
  WETTEN,
  type Wet,
} from '@spil/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import {
  formatDecimal,
  formatEuro,
  formatEuroInput,
  parseEuroInput,
  todayIso,
} from '../../lib/format';
import { keys } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { voorzieningenApi } from './voorzieningen-api';

interface Props {
  householdId: string;
  existing: VoorzieningDto | null;
  links: VoorzieningLinksDto | undefined;
  prices: VoorzieningPriceDto[] | undefined;
  onDone: () => void;
  onCancel: () => void;
}

/** "doel:<id>" or "actie:<id>" in the one select. */
function linkValue(v: { doelId: string | null; actieId: string | null } | null): string {
  if (v?.actieId) return `actie:${v.actieId}`;
  if (v?.doelId) return `doel:${v.doelId}`;
  return '';
}

export function VoorzieningForm({ householdId, existing, links, prices, onDone, onCancel }: Props) {
  const id = useId();
  const b0 = existing?.beschikking ?? null;
  const [soort, setSoort] = useState<VoorzieningSoort>(existing?.soort ?? 'huishoudelijke-hulp');
  const [omschrijving, setOmschrijving] = useState(existing?.omschrijving ?? '');
  const [wet, setWet] = useState<Wet>(existing?.wet ?? 'wmo');
  const [vorm, setVorm] = useState<Vorm>(existing?.vorm ?? 'zin');
  const [aanbieder, setAanbieder] = useState(existing?.aanbieder ?? '');
  const [startOp, setStartOp] = useState(existing?.startOp ?? todayIso());
  const [eindOp, setEindOp] = useState(existing?.eindOp ?? '');
  const [uren, setUren] = useState(
    existing?.urenPerWeek != null ? formatDecimal(existing.urenPerWeek) : '',
  );
  const [kosten, setKosten] = useState(
    existing && !existing.kostenUitPrijslijst ? formatEuroInput(existing.kostenPerMaandCents) : '',
  );
  const [link, setLink] = useState(linkValue(existing));
  const [status, setStatus] = useState<BeschikkingStatus>(b0?.status ?? 'aangevraagd');
  const [kenmerk, setKenmerk] = useState(b0?.kenmerk ?? '');
  const [aangevraagdOp, setAangevraagdOp] = useState(b0?.aangevraagdOp ?? todayIso());
  const [besluitOp, setBesluitOp] = useState(b0?.besluitOp ?? '');
  const [ingangOp, setIngangOp] = useState(b0?.ingangOp ?? '');
  const [beeindigdOp, setBeeindigdOp] = useState(b0?.beeindigdOp ?? '');
  const withBeschikking = isMaatwerk(vorm);

  const send = useSubmit(
    (body: Parameters<typeof voorzieningenApi.create>[1]) =>
      existing
        ? voorzieningenApi.update(householdId, existing.id, body)
        : voorzieningenApi.create(householdId, body),
    {
      invalidates: [
        keys.household(householdId, 'voorzieningen'),
        keys.household(householdId, 'budget'),
      ],
      onSuccess: () => onDone(),
    },
  );
  const { busy, error, field } = send;
  useEffect(() => {
    if (field) document.getElementById(`${id}-${field}`)?.focus();
  }, [field, id]);
  const invalid = (name: string) =>
    field === name
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` }
      : { 'aria-invalid': false as const };

  const price = prices?.find((p) => p.soort === soort);
  const urenNumber = uren.trim() ? Number(uren.replace(',', '.')) : null;
  const fromList =
    price && (urenNumber === null || Number.isFinite(urenNumber))
      ? monthlyCostFromPrice(price, urenNumber)
      : null;
  const statuses: readonly BeschikkingStatus[] = b0
    ? [b0.status, ...nextBeschikkingStatuses(b0.status)]
    : BESCHIKKING_STATUSES;

  function chooseSoort(s: VoorzieningSoort) {
    setSoort(s);
    if (!existing) {
      setWet(VOORZIENING_SOORT_DEFAULTS[s].wet);
      setVorm(VOORZIENING_SOORT_DEFAULTS[s].vorm);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!aanbieder.trim()) return send.fail('Vul in wie de hulp geeft.', 'aanbieder');
    if (urenNumber !== null && !Number.isFinite(urenNumber))
      return send.fail('Vul de uren per week in als getal, bijvoorbeeld 2,5.', 'urenPerWeek');
    const cents = kosten.trim() ? parseEuroInput(kosten) : null;
    if (kosten.trim() && cents === null)
      return send.fail(
        'Vul het bedrag per maand in euro in, bijvoorbeeld 390,00.',
        'kostenPerMaandCents',
      );
    const [kind, linkId] = link ? (link.split(':') as ['doel' | 'actie', string]) : [null, null];
    await send.run({
      soort,
      omschrijving,
      wet,
      vorm,
      aanbieder,
      startOp,
      eindOp: eindOp || null,
      urenPerWeek: urenNumber,
      kostenPerMaandCents: cents,
      doelId: kind === 'doel' ? linkId : null,
      actieId: kind === 'actie' ? linkId : null,
      beschikking: withBeschikking
        ? {
            status,
            kenmerk: kenmerk.trim() || null,
            aangevraagdOp,
            besluitOp: status === 'aangevraagd' ? null : besluitOp || null,
            ingangOp: status === 'lopend' || status === 'beeindigd' ? ingangOp || null : null,
            beeindigdOp: status === 'beeindigd' ? beeindigdOp || null : null,
          }
        : null,
    });
  }

  const f = (name: string) => `${id}-${name}`;
  return (
    <form
      className="card vz-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={f('title')}
      noValidate
    >
      <h4 id={f('title')}>{existing ? 'Voorziening wijzigen' : 'Voorziening toevoegen'}</h4>
      <div className="vz-grid">
        <div className="field">
          <label htmlFor={f('soort')}>Soort</label>
          <select
            id={f('soort')}
            value={soort}
            onChange={(e) => chooseSoort(e.target.value as VoorzieningSoort)}
            {...invalid('soort')}
          >
            {VOORZIENING_SOORTEN.map((s) => (
              <option key={s} value={s}>
                {VOORZIENING_SOORT_DEFAULTS[s].label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={f('omschrijving')}>Omschrijving (niet verplicht)</label>
          <input
            id={f('omschrijving')}
            maxLength={200}
            value={omschrijving}
            onChange={(e) => setOmschrijving(e.target.value)}
            {...invalid('omschrijving')}
          />
        </div>
        <div className="field">
          <label htmlFor={f('wet')}>Wet</label>
          <select
            id={f('wet')}
            value={wet}
            onChange={(e) => setWet(e.target.value as Wet)}
            {...invalid('wet')}
          >
            {WETTEN.map((w) => (
              <option key={w} value={w}>
                {WET_LABELS[w]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={f('vorm')}>Vorm</label>
          <select
            id={f('vorm')}
            value={vorm}
            onChange={(e) => setVorm(e.target.value as Vorm)}
            {...invalid('vorm')}
          >
            {VORMEN.map((v) => (
              <option key={v} value={v}>
                {VORM_LABELS[v]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={f('aanbieder')}>Aanbieder (wie geeft de hulp)</label>
          <input
            id={f('aanbieder')}
            maxLength={200}
            value={aanbieder}
            onChange={(e) => setAanbieder(e.target.value)}
            {...invalid('aanbieder')}
          />
        </div>
        <div className="field">
          <label htmlFor={f('link')}>Voor doel of actie in het plan</label>
          <select
            id={f('link')}
            value={link}
            onChange={(e) => setLink(e.target.value)}
            {...(field === 'doelId' || field === 'actieId' ? invalid(field) : {})}
          >
            <option value="">Niet gekoppeld</option>
            {links?.doelen.length ? (
              <optgroup label="Doelen">
                {links.doelen.map((d) => (
                  <option key={d.id} value={`doel:${d.id}`}>
                    {d.titel || 'Doel zonder titel'}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {links?.acties.length ? (
              <optgroup label="Acties">
                {links.acties.map((a) => (
                  <option key={a.id} value={`actie:${a.id}`}>
                    {a.titel || 'Actie zonder titel'}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor={f('startOp')}>Start</label>
          <input
            id={f('startOp')}
            type="date"
            value={startOp}
            onChange={(e) => setStartOp(e.target.value)}
            {...invalid('startOp')}
          />
        </div>
        <div className="field">
          <label htmlFor={f('eindOp')}>Einde (leeg: nog niet bekend)</label>
          <input
            id={f('eindOp')}
            type="date"
            value={eindOp}
            onChange={(e) => setEindOp(e.target.value)}
            {...invalid('eindOp')}
          />
        </div>
        <div className="field">
          <label htmlFor={f('urenPerWeek')}>Uren per week</label>
          <input
            id={f('urenPerWeek')}
            inputMode="decimal"
            value={uren}
            onChange={(e) => setUren(e.target.value)}
            {...invalid('urenPerWeek')}
          />
        </div>
        <div className="field">
          <label htmlFor={f('kostenPerMaandCents')}>Kosten per maand in euro</label>
          <input
            id={f('kostenPerMaandCents')}
            inputMode="decimal"
            value={kosten}
            placeholder="uit de prijslijst"
            aria-describedby={f('kosten-hint')}
            onChange={(e) => setKosten(e.target.value)}
            {...invalid('kostenPerMaandCents')}
          />
          <p id={f('kosten-hint')} className="muted vz-hint">
            {price
              ? `Prijslijst: ${formatEuro(price.amountCents)} per ${price.eenheid}${
                  fromList !== null && !kosten.trim()
                    ? `, dus ${formatEuro(fromList)} per maand`
                    : ''
                }. Laat leeg om de prijslijst te gebruiken.`
              : 'Laat leeg om de prijslijst te gebruiken.'}
          </p>
        </div>
      </div>
      {withBeschikking ? (
        <fieldset className="vz-beschikking">
          <legend>Beschikking van de gemeente</legend>
          <div className="vz-grid">
            <div className="field">
              <label htmlFor={f('beschikking.status')}>Status</label>
              <select
                id={f('beschikking.status')}
                value={status}
                onChange={(e) => setStatus(e.target.value as BeschikkingStatus)}
                {...invalid('beschikking.status')}
              >
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {BESCHIKKING_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={f('beschikking.kenmerk')}>Kenmerk van de gemeente</label>
              <input
                id={f('beschikking.kenmerk')}
                maxLength={40}
                value={kenmerk}
                onChange={(e) => setKenmerk(e.target.value)}
                {...invalid('beschikking.kenmerk')}
              />
            </div>
            <div className="field">
              <label htmlFor={f('beschikking.aangevraagdOp')}>Aangevraagd op</label>
              <input
                id={f('beschikking.aangevraagdOp')}
                type="date"
                value={aangevraagdOp}
                onChange={(e) => setAangevraagdOp(e.target.value)}
                {...invalid('beschikking.aangevraagdOp')}
              />
            </div>
            {status !== 'aangevraagd' ? (
              <div className="field">
                <label htmlFor={f('beschikking.besluitOp')}>
                  {status === 'afgewezen' ? 'Afgewezen op' : 'Toegekend op'}
                </label>
                <input
                  id={f('beschikking.besluitOp')}
                  type="date"
                  value={besluitOp}
                  onChange={(e) => setBesluitOp(e.target.value)}
                  {...invalid('beschikking.besluitOp')}
                />
              </div>
            ) : null}
            {status === 'lopend' || status === 'beeindigd' ? (
              <div className="field">
                <label htmlFor={f('beschikking.ingangOp')}>Loopt vanaf</label>
                <input
                  id={f('beschikking.ingangOp')}
                  type="date"
                  value={ingangOp}
                  onChange={(e) => setIngangOp(e.target.value)}
                  {...invalid('beschikking.ingangOp')}
                />
              </div>
            ) : null}
            {status === 'beeindigd' ? (
              <div className="field">
                <label htmlFor={f('beschikking.beeindigdOp')}>Beëindigd op</label>
                <input
                  id={f('beschikking.beeindigdOp')}
                  type="date"
                  value={beeindigdOp}
                  onChange={(e) => setBeeindigdOp(e.target.value)}
                  {...invalid('beschikking.beeindigdOp')}
                />
              </div>
            ) : null}
          </div>
          <p className="muted vz-hint">
            Alleen het kenmerk en de data; de beschikking zelf bewaart Spil niet.
          </p>
        </fieldset>
      ) : null}
      <ErrorMessage message={error} id={`${id}-error`} />
      <div className="vz-buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Opslaan…' : existing ? 'Wijziging opslaan' : 'Voorziening opslaan'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
