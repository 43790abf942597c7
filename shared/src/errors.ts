/**
 * One catalogue of errors: a stable code, the HTTP status and a Dutch message a
 * user can act on. The server throws these by code; the client may show the
 * message as is.
 */
export const ERRORS = {
  'validation.invalid': { status: 400, message: 'De invoer klopt niet.' },
  'auth.invalid_credentials': { status: 401, message: 'E-mailadres of wachtwoord klopt niet.' },
  'auth.required': { status: 401, message: 'Log in om verder te gaan.' },
  'auth.session_expired': { status: 401, message: 'Je sessie is verlopen. Log opnieuw in.' },
  'auth.too_many_attempts': {
    status: 429,
    message: 'Te veel mislukte pogingen. Probeer het over een paar minuten opnieuw.',
  },
  'auth.forbidden': { status: 403, message: 'Je hebt hiervoor niet de juiste rol.' },
  'auth.csrf': { status: 403, message: 'Dit verzoek komt niet van Spil zelf en is geweigerd.' },
  'household.not_found': {
    status: 404,
    message: 'Dit huishouden bestaat niet of je hebt er geen toegang toe.',
  },
  'household.reference_taken': {
    status: 409,
    message:
      'Er is al een huishouden met dit referentienummer. Kies een ander nummer of zoek het bestaande huishouden op.',
  },
  'team.user_not_found': { status: 404, message: 'Deze professional bestaat niet.' },
  'team.already_member': { status: 409, message: 'Deze persoon staat al in het casusteam.' },
  'team.not_member': { status: 404, message: 'Deze persoon staat niet in het casusteam.' },
  'team.last_editor': { status: 409, message: 'Een casusteam heeft minstens één lid nodig.' },
  'regie.not_team_member': {
    status: 409,
    message: 'De regiehouder moet lid zijn van het casusteam.',
  },
  'regie.not_holder': {
    status: 403,
    message: 'Alleen de huidige regiehouder kan de regie overdragen.',
  },
  'regie.handover_not_found': {
    status: 404,
    message: 'Deze overdracht bestaat niet of is al afgehandeld.',
  },
  'regie.handover_not_receiver': {
    status: 403,
    message: 'Alleen de ontvanger kan deze overdracht accepteren of weigeren.',
  },
  'regie.handover_not_offerer': {
    status: 403,
    message: 'Alleen wie de regie aanbood of de coördinator kan dit aanbod intrekken.',
  },
  'regie.handover_closed': {
    status: 409,
    message: 'Dit aanbod is al beantwoord of ingetrokken en kan niet meer worden ingetrokken.',
  },
  'actie.not_found': { status: 404, message: 'Deze actie bestaat niet in het plan.' },
  'actie.not_owner': {
    status: 403,
    message: 'Alleen de eigenaar van de actie of de regiehouder kan terugkoppelen.',
  },
  'notification.not_found': { status: 404, message: 'Deze melding bestaat niet.' },
  'invite.email_taken': { status: 409, message: 'Er bestaat al een account met dit e-mailadres.' },
  'invite.needs_consent': {
    status: 409,
    message: 'Een naaste kan alleen worden uitgenodigd met toestemming van de inwoner.',
  },
  'invite.invalid_token': {
    status: 400,
    message:
      'Deze activatiecode is ongeldig, al gebruikt of verlopen. Vraag een nieuwe uitnodiging.',
  },
  'auth.second_factor_required': {
    status: 401,
    message: 'Voer eerst de code uit je authenticator-app in.',
  },
  'auth.second_factor_invalid': {
    status: 400,
    message: 'Deze code klopt niet of is al gebruikt. Probeer de volgende code uit je app.',
  },
  'auth.second_factor_not_started': {
    status: 409,
    message: 'Begin opnieuw met het instellen van de authenticator-app.',
  },
  'auth.second_factor_required_by_policy': {
    status: 409,
    message: 'Voor jouw rol is een tweede stap verplicht; je kunt hem niet uitzetten.',
  },
  'auth.wrong_password': { status: 400, message: 'Je huidige wachtwoord klopt niet.' },
  'auth.invalid_link': {
    status: 400,
    message: 'Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.',
  },
  'auth.sso_failed': {
    status: 401,
    message: 'Inloggen via je organisatie is niet gelukt. Probeer het opnieuw.',
  },
  'auth.sso_no_account': {
    status: 403,
    message:
      'Er is geen actief account voor dit e-mailadres. Vraag je coördinator om een uitnodiging.',
  },
  'auth.sso_unknown_provider': { status: 404, message: 'Deze manier van inloggen bestaat niet.' },
  'beheer.not_found': {
    status: 404,
    message: 'Dit account, wijkteam of deze organisatie bestaat niet.',
  },
  'beheer.already_active': { status: 409, message: 'Dit account is al actief.' },
  'beheer.own_account': { status: 409, message: 'Je kunt je eigen account niet zo wijzigen.' },
  'beheer.name_taken': { status: 409, message: 'Deze naam is al in gebruik.' },
  'route.not_found': { status: 404, message: 'Deze pagina of dit adres bestaat niet.' },
  'rate.limited': { status: 429, message: 'Te veel verzoeken. Wacht even en probeer het opnieuw.' },
  'payload.too_large': { status: 413, message: 'Het verzoek is te groot.' },
  'server.internal': {
    status: 500,
    message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
  },
  'server.unavailable': { status: 503, message: 'Spil is tijdelijk niet beschikbaar.' },
  'proces.household_closed': {
    status: 409,
    message: 'Dit huishouden is afgesloten. Heropen het eerst.',
  },
  'proces.household_not_closed': { status: 409, message: 'Dit huishouden is niet afgesloten.' },
  'colour.quickscan_required': {
    status: 409,
    message: 'Doe eerst de quickscan; daarna kun je op- of afschalen.',
  },
  'colour.unchanged': { status: 409, message: 'Het huishouden heeft deze kleur al.' },
  'escalation.requires_rood': {
    status: 409,
    message:
      'Opschalen naar Veilig Thuis, het Zorg- en Veiligheidshuis of een expertiseteam kan vanuit kleur rood.',
  },
  'voorziening.not_found': { status: 404, message: 'Deze voorziening bestaat niet.' },
  'voorziening.beschikking_step': {
    status: 409,
    message:
      'Deze stap kan niet: een beschikking gaat van aangevraagd naar toegekend of afgewezen, dan lopend, dan beëindigd.',
  },
  'escalation.not_found': { status: 404, message: 'Deze escalatie bestaat niet.' },
  'escalation.closed': { status: 409, message: 'Deze escalatie is al gesloten.' },
  'escalation.outcome_required': {
    status: 400,
    message: 'Vul de uitkomst in voordat je de escalatie sluit.',
  },
  'zrm.member_not_found': { status: 404, message: 'Dit gezinslid hoort niet bij het huishouden.' },
  'zrm.info_date_future': {
    status: 400,
    message: 'De datum van de informatie ligt in de toekomst.',
  },
  'evaluation.zrm_required': {
    status: 409,
    message: 'Leg eerst de ZRM-scores van de evaluatie vast.',
  },
  'audit.unavailable': {
    status: 503,
    message: 'De toegang kon niet worden vastgelegd in het logboek. Probeer het zo opnieuw.',
  },
  'export.forbidden': {
    status: 403,
    message:
      'Alleen de coördinator, de regiehouder of het huishouden zelf kan een inzage-export maken.',
  },
  'consent.not_found': { status: 404, message: 'Deze toestemming bestaat niet.' },
  'consent.already_withdrawn': { status: 409, message: 'Deze toestemming is al ingetrokken.' },
  'meeting.not_found': { status: 404, message: 'Dit overleg bestaat niet.' },
  'meeting.invitee_not_on_team': {
    status: 409,
    message:
      'Nodig alleen mensen uit het casusteam uit; naasten zonder account voeg je toe met naam.',
  },
  'meeting.owner_not_on_team': {
    status: 409,
    message: 'De eigenaar van een actie moet lid zijn van het casusteam.',
  },
  'meeting.participant_not_found': {
    status: 404,
    message: 'Deze deelnemer hoort niet bij dit overleg.',
  },
  'meeting.cancelled': { status: 409, message: 'Dit overleg is geannuleerd.' },
  'meeting.plan_unavailable': {
    status: 503,
    message: 'Het plan kan nu niet worden bijgewerkt. Probeer het zo opnieuw.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
