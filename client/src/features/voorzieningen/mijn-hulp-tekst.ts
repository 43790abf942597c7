/** Plain Dutch for the inwoner: which help, who gives it, until when (B1 level, "je"). */
import type { MijnHulpItem } from '@spil/shared';
import { formatDate as datum, formatDecimal, formatEuro } from '../../lib/format';

/** "Thuiszorg Het Anker helpt je met huishoudelijke hulp, 3 uur per week, tot 1 augustus 2027." */
export function hulpZin(i: MijnHulpItem): string {
  const wat = i.watIsSoort ? i.wat.charAt(0).toLowerCase() + i.wat.slice(1) : i.wat;
  const uren = i.urenPerWeek !== null ? `, ${formatDecimal(i.urenPerWeek)} uur per week` : '';
  if (i.stand === 'gestopt')
    return `${i.wie} hielp je met ${wat}${i.tot ? ` tot ${datum(i.tot)}` : ''}.`;
  if (i.stand === 'komt') {
    const start = `${i.wie} gaat je helpen met ${wat}${uren}, vanaf ${datum(i.vanaf)}`;
    return i.wachtOpBesluit
      ? `${start}. De gemeente moet dit nog goedkeuren.`
      : `${start}${i.tot ? ` tot ${datum(i.tot)}` : ''}.`;
  }
  return `${i.wie} helpt je met ${wat}${uren}, ${i.tot ? `tot ${datum(i.tot)}` : 'zolang het nodig is'}.`;
}

/** "Dit kost de gemeente € 390,00 per maand." Only when the municipality shows amounts. */
export function bedragZin(i: MijnHulpItem): string | null {
  if (i.bedragPerMaandCents === null || i.bedragPerMaandCents === 0) return null;
  return `Dit kost ${formatEuro(i.bedragPerMaandCents)} per maand.`;
}
