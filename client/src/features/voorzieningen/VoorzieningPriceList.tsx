/**
 * The wijkteam's prices per kind of voorziening (per hour or per month):
 * the coördinator sets them; an empty field goes back to the default. New
 * voorzieningen without an own amount take their cost from here.
 */
import type { VoorzieningPriceDto } from '@spil/shared';
import { PriceListEditor } from '../kpi/PriceListEditor';
import { voorzieningenApi, voorzieningenQueries } from './voorzieningen-api';

export function VoorzieningPriceList() {
  return (
    <PriceListEditor
      headingId="kpi-prijzen-voorzieningen"
      title="Prijzen van voorzieningen"
      noun="Prijzen"
      query={voorzieningenQueries.prices()}
      save={(changes) =>
        voorzieningenApi.savePrices({
          prices: changes.map((c) => ({ soort: c.key, amountCents: c.amountCents })),
        })
      }
      summary={(p) =>
        `${p.filter((x) => !x.isDefault).length} van de ${p.length} prijzen zijn door het wijkteam zelf vastgesteld. Een nieuwe voorziening zonder eigen bedrag krijgt haar kosten uit deze lijst.`
      }
      keyOf={(p: VoorzieningPriceDto) => p.soort}
      label={(p) => (
        <>
          {p.label} <span className="muted">per {p.eenheid}</span>
        </>
      )}
      emptyIsDefault
      hint="Prijs per uur of per maand. Leeg: het standaardbedrag geldt."
      caption="Prijzen per soort voorziening"
      headers={['Soort', 'Eigen prijs (euro)']}
    />
  );
}
