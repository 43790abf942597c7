/** Every migration, in order. Add new ones at the end. */
import { Initial1764000000000 } from './1764000000000-initial';
import { Proces1764000002000 } from './1764000002000-proces';
import { Audit1764000003000 } from './1764000003000-audit';
import { TeamConsentMeetings1764000004000 } from './1764000004000-team-consent-meetings';
import { RegieActions1764000005000 } from './1764000005000-regie-actions';
import { Collab1764000001000 } from './1764000001000-collab';
import { HouseholdVoice1764000006000 } from './1764000006000-household-voice';
import { RegieHandoverWithdrawal1764000008300 } from './1764000008300-regie-handover-withdrawal';
import { PlanSchema1796650000000 } from './1796650000000-plan-schema';
import { Voorzieningen1796658236914 } from './1796658236914-voorzieningen';
import { Accounts1796658500000 } from './1796658500000-accounts';
import { MailDigest1796660600000 } from './1796660600000-mail-digest';

export const MIGRATIONS = [
  Initial1764000000000,
  Proces1764000002000,
  Audit1764000003000,
  TeamConsentMeetings1764000004000,
  RegieActions1764000005000,
  Collab1764000001000,
  HouseholdVoice1764000006000,
  RegieHandoverWithdrawal1764000008300,
  PlanSchema1796650000000,
  Voorzieningen1796658236914,
  Accounts1796658500000,
  MailDigest1796660600000,
];
