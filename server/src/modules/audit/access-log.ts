/**
 * The inwoner's access overview: audit records of their household turned
 * into plain Dutch sentences, oldest first. Pure, so the wording is tested
 * without a server.
 */
import {
  type AccessLogEntryDto,
  type AuditAction,
  type AuditPart,
  DISCIPLINE_LABELS,
  type Discipline,
} from '@spil/shared';

export interface AccessRecord {
  occurredAt: Date;
  userId: string | null;
  userName: string | null;
  userRole: string | null;
  organisation: string | null;
  householdId: string;
  part: AuditPart | null;
  action: AuditAction;
  event: string;
}

/** Views of the same part by the same person within this window become one line. */
const MERGE_WINDOW_MS = 10 * 60 * 1000;

const dateFmt = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
const timeFmt = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** "maandag 23 november 2026 om 14:05" */
export function dutchMoment(d: Date): string {
  return `${dateFmt.format(d)} om ${timeFmt.format(d)}`;
}

/** What was seen or done, as the object and participle of "heeft ... ". */
function whatPhrase(part: AuditPart | null, action: AuditAction, event: string): string {
  const read = action === 'R';
  switch (part) {
    case 'huishouden':
      if (action === 'C') return 'uw huishouden ingeschreven';
      if (action === 'D') return 'de gegevens van uw huishouden verwijderd';
      return read
        ? 'de gegevens van uw huishouden bekeken'
        : 'de gegevens van uw huishouden gewijzigd';
    case 'overzicht':
      return 'uw huishouden gezien in een overzicht van huishoudens';
    case 'team':
      if (action === 'C') return 'iemand aan uw casusteam toegevoegd';
      if (action === 'D') return 'iemand uit uw casusteam gehaald';
      return read
        ? 'bekeken wie er in uw casusteam zitten'
        : 'de rol van iemand in uw casusteam gewijzigd';
    case 'regie':
      return read ? 'bekeken wie de regie heeft' : 'de regie over uw plan geregeld';
    case 'overleg':
      return read
        ? 'de overleggen over uw huishouden bekeken'
        : 'een overleg over uw huishouden gepland of bijgewerkt';
    case 'toestemming':
      return read ? 'uw toestemming bekeken' : 'uw toestemming vastgelegd of gewijzigd';
    case 'acties':
      return read ? 'de acties in uw plan bekeken' : 'de acties in uw plan bijgewerkt';
    case 'zrm':
      return read ? 'de scores per levensdomein bekeken' : 'de scores per levensdomein bijgewerkt';
    case 'quickscan':
      return read ? 'de uitkomst van de quickscan bekeken' : 'een quickscan vastgelegd';
    case 'escalatie':
      return read ? 'de escalaties bekeken' : 'een escalatie vastgelegd of bijgewerkt';
    case 'evaluatie':
      return read ? 'de evaluatie bekeken' : 'de evaluatie of afsluiting vastgelegd';
    case 'voorzieningen':
      return read
        ? 'de voorzieningen en beschikkingen bekeken'
        : 'de voorzieningen of beschikkingen bijgewerkt';
    case 'plan':
      return event === 'plan.update' || action === 'U' ? 'uw plan aangepast' : 'uw plan geopend';
    case 'medisch':
      return action === 'U'
        ? 'de medische aantekeningen over uw huishouden aangepast'
        : 'de medische aantekeningen over uw huishouden geopend';
    case 'werk':
      return action === 'U'
        ? 'de werkaantekeningen van de professionals aangepast'
        : 'de werkaantekeningen van de professionals geopend';
    case 'export':
      return 'een export van uw dossier gemaakt';
    case 'doelen':
      return 'de doelen van uw plan bekeken';
    case 'logboek':
      return 'het logboek van uw dossier ingezien';
    case 'meldingen':
      return 'meldingen over uw huishouden gezien';
    default:
      return read ? 'gegevens van uw huishouden bekeken' : 'gegevens van uw huishouden gewijzigd';
  }
}

function isHouseholdMember(userRole: string | null): boolean {
  const systemRole = userRole?.split('/')[0];
  return systemRole === 'inwoner' || systemRole === 'naaste';
}

/** `professional/huisarts/lid` → "Huisarts". */
export function roleLabel(userRole: string | null): string {
  if (!userRole) return 'Spil';
  const [systemRole, discipline] = userRole.split('/');
  if (discipline && discipline in DISCIPLINE_LABELS)
    return DISCIPLINE_LABELS[discipline as Discipline];
  if (systemRole === 'beheerder') return 'Beheerder';
  return 'Medewerker';
}

/**
 * Oldest first. Records of `viewerId` themselves are left out (they know
 * what they did); repeated views merge into one line with a count.
 */
export function buildAccessLog(records: AccessRecord[], viewerId: string): AccessLogEntryDto[] {
  const sorted = [...records]
    .filter((r) => r.userId !== viewerId)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const out: (AccessLogEntryDto & { key: string; last: number })[] = [];
  for (const r of sorted) {
    const what = whatPhrase(r.part, r.action, r.event);
    const key = `${r.userId ?? '-'}|${r.householdId}|${what}`;
    const t = r.occurredAt.getTime();
    const prev = out[out.length - 1];
    if (prev && prev.key === key && t - prev.last <= MERGE_WINDOW_MS) {
      prev.count++;
      prev.last = t;
      prev.sentence = sentence(prev.at, prev.who, prev.role, prev.organisation, what, prev.count);
      continue;
    }
    const who = r.userName ?? (isHouseholdMember(r.userRole) ? 'Iemand van uw huishouden' : 'Spil');
    const role = roleLabel(r.userRole);
    const at = r.occurredAt.toISOString();
    out.push({
      at,
      who,
      role,
      organisation: r.organisation,
      sentence: sentence(at, who, role, r.organisation, what, 1),
      count: 1,
      householdId: r.householdId,
      key,
      last: t,
    });
  }
  return out.map(({ key: _key, last: _last, ...entry }) => entry);
}

function sentence(
  at: string,
  who: string,
  role: string,
  organisation: string | null,
  what: string,
  count: number,
): string {
  const moment = dutchMoment(new Date(at));
  const by =
    who === 'Spil' || who.startsWith('Iemand')
      ? `${who}${who === 'Spil' ? '' : ` (${role})`}`
      : `${who} (${role}${organisation ? `, ${organisation}` : ''})`;
  const times = count > 1 ? ` (${count} keer kort na elkaar)` : '';
  return `Op ${moment} heeft ${by} ${what}${times}.`;
}
