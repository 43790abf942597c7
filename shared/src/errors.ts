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
  'household.not_found': { status: 404, message: 'Dit huishouden bestaat niet of je hebt er geen toegang toe.' },
  'household.reference_taken': { status: 409, message: 'Dit referentienummer is al in gebruik.' },
  'team.user_not_found': { status: 404, message: 'Deze professional bestaat niet.' },
  'team.already_member': { status: 409, message: 'Deze persoon staat al in het casusteam.' },
  'team.not_member': { status: 404, message: 'Deze persoon staat niet in het casusteam.' },
  'team.last_editor': { status: 409, message: 'Een casusteam heeft minstens één lid nodig.' },
  'route.not_found': { status: 404, message: 'Deze pagina of dit adres bestaat niet.' },
  'rate.limited': { status: 429, message: 'Te veel verzoeken. Wacht even en probeer het opnieuw.' },
  'payload.too_large': { status: 413, message: 'Het verzoek is te groot.' },
  'server.internal': { status: 500, message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.' },
  'server.unavailable': { status: 503, message: 'Spil is tijdelijk niet beschikbaar.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
