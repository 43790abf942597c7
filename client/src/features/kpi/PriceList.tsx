/**
 * The region's price list of avoided events for the Effectencalculator: the
 * coördinator sets the amounts; events without an own amount use the
 * defaults. Saved estimates keep the amounts they were made with.
 */
import { EffectPriceDto } from '@spil/shared';
import { z } from 'zod';
import { request } from '../../api/http';
import { formatEuro } from '../../lib/format';
import { keys, queryOptions } from '../../lib/query';
import { PriceListEditor } from './PriceListEditor';

const prices = z.array(EffectPriceDto);
const pricesQuery = queryOptions({
  queryKey: keys.wijkteam('prices'),
  queryFn: () => request('GET', '/api/effects/prices', prices),
});

export function PriceList() {
  return (
    <PriceListEditor
      headingId="kpi-prijslijst"
      title="Prijslijst effectmeting"
      noun="Prijslijst"
      query={pricesQuery}
      save={(changes) =>
        request('PUT', '/api/effects/prices', prices, {
          prices: changes.map((c) => ({ event: c.key, amountCents: c.amountCents })),
        })
      }
      summary={(p) =>
        `${p.filter((x) => !x.isDefault).length} van de ${p.length} bedragen zijn door de regio zelf vastgesteld; bijvoorbeeld ${p[0]?.label.toLowerCase()}: ${formatEuro(p[0]?.amountCents ?? 0)}.`
      }
      keyOf={(p) => p.event}
      label={(p) => p.label}
      note={(p) => <span className="muted effect-note">{p.description}</span>}
      emptyIsDefault={false}
      hint="Bedragen per keer dat een gebeurtenis wordt voorkomen. Zonder eigen bedrag geldt het standaardbedrag."
      caption="Prijslijst vermeden gebeurtenissen"
      headers={['Gebeurtenis', 'Bedrag per keer (euro)']}
    />
  );
}
