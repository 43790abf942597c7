/**
 * A check of the export against FHIR R4: the required elements (cardinality
 * 1..*) and the required value sets of the resources we emit, the
 * invariants that apply to them, and that every `urn:uuid:` reference
 * resolves inside the bundle. Used by the tests and on every export, so a
 * broken bundle is a server fault rather than a surprise for the receiver.
 * Not a full validator: it knows only the elements Spil fills.
 */
import type { Bundle, CodeableConcept, Reference, Resource } from './fhir.types';

const VALUE_SETS = {
  'Bundle.type': [
    'document',
    'message',
    'transaction',
    'transaction-response',
    'batch',
    'batch-response',
    'history',
    'searchset',
    'collection',
  ],
  'Group.type': ['person', 'animal', 'practitioner', 'device', 'medication', 'substance'],
  'CareTeam.status': ['proposed', 'active', 'suspended', 'inactive', 'entered-in-error'],
  'CarePlan.status': [
    'draft',
    'active',
    'on-hold',
    'revoked',
    'completed',
    'entered-in-error',
    'unknown',
  ],
  'CarePlan.intent': ['proposal', 'plan', 'order', 'option'],
  'ServiceRequest.status': [
    'draft',
    'active',
    'on-hold',
    'revoked',
    'completed',
    'entered-in-error',
    'unknown',
  ],
  'ServiceRequest.intent': [
    'proposal',
    'plan',
    'directive',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ],
  'Goal.lifecycleStatus': [
    'proposed',
    'planned',
    'accepted',
    'active',
    'on-hold',
    'completed',
    'cancelled',
    'entered-in-error',
    'rejected',
  ],
  'Goal.achievementStatus': [
    'in-progress',
    'improving',
    'worsening',
    'no-change',
    'achieved',
    'sustaining',
    'not-achieved',
    'no-progress',
    'not-attainable',
  ],
  'Task.status': [
    'draft',
    'requested',
    'received',
    'accepted',
    'rejected',
    'ready',
    'cancelled',
    'in-progress',
    'on-hold',
    'failed',
    'completed',
    'entered-in-error',
  ],
  'Task.intent': [
    'unknown',
    'proposal',
    'plan',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ],
  'Consent.status': ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'],
  'Consent.scope': ['adr', 'research', 'patient-privacy', 'treatment'],
  'Consent.category.loinc': ['59284-0', '57016-8', '57017-6', '64292-6'],
  'Consent.category.hl7': [
    'acd',
    'dnr',
    'emrgonly',
    'hcd',
    'npp',
    'polst',
    'research',
    'rsdid',
    'rsreid',
  ],
  'Consent.provision.type': ['deny', 'permit'],
  'Appointment.status': [
    'proposed',
    'pending',
    'booked',
    'arrived',
    'fulfilled',
    'cancelled',
    'noshow',
    'entered-in-error',
    'checked-in',
    'waitlist',
  ],
  'Appointment.participant.status': ['accepted', 'declined', 'tentative', 'needs-action'],
  'Appointment.participant.required': ['required', 'optional', 'information-only'],
} as const;

const ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATETIME_RE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function validateBundle(bundle: Bundle): string[] {
  const errors: string[] = [];
  const err = (path: string, msg: string) => errors.push(`${path}: ${msg}`);
  const oneOf = (
    path: string,
    set: keyof typeof VALUE_SETS,
    v: string | number | boolean | null | undefined,
  ) => {
    if (v === undefined || v === null) err(path, 'ontbreekt (verplicht)');
    else if (!(VALUE_SETS[set] as readonly string[]).includes(String(v)))
      err(path, `'${String(v)}' niet in de waardelijst ${set}`);
  };
  const optionalOneOf = (path: string, set: keyof typeof VALUE_SETS, v: string | undefined) => {
    if (v !== undefined) oneOf(path, set, v);
  };
  const required = (path: string, v: unknown) => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      err(path, 'ontbreekt (verplicht)');
  };
  const concept = (path: string, c: CodeableConcept | undefined) => {
    if (!c) return;
    if (!c.text && !(c.coding ?? []).some((x) => x.code || x.display))
      err(path, 'een CodeableConcept zonder inhoud');
  };
  const dateTime = (path: string, v: string | undefined) => {
    if (v !== undefined && !DATETIME_RE.test(v)) err(path, `'${v}' is geen FHIR dateTime`);
  };
  const date = (path: string, v: string | undefined) => {
    if (v !== undefined && !DATE_RE.test(v)) err(path, `'${v}' is geen FHIR date`);
  };

  oneOf('Bundle.type', 'Bundle.type', bundle.type);
  if (bundle.timestamp !== undefined && !INSTANT_RE.test(bundle.timestamp))
    err('Bundle.timestamp', 'geen instant');
  const byUrl = new Map<string, Resource>();
  bundle.entry.forEach((e, i) => {
    if (!e.resource?.resourceType) err(`Bundle.entry[${i}].resource`, 'ontbreekt');
    if (!ID_RE.test(e.resource.id))
      err(`Bundle.entry[${i}].resource.id`, `'${e.resource.id}' is geen geldig id`);
    if (e.fullUrl !== `urn:uuid:${e.resource.id}`)
      err(`Bundle.entry[${i}].fullUrl`, 'past niet bij resource.id');
    if (byUrl.has(e.fullUrl)) err(`Bundle.entry[${i}].fullUrl`, 'komt twee keer voor');
    byUrl.set(e.fullUrl, e.resource);
  });

  const reference = (path: string, r: Reference | undefined, allowed?: string[]) => {
    if (!r) return;
    if (!r.reference && !r.display) err(path, 'een Reference zonder reference of display');
    if (!r.reference) return;
    const target = byUrl.get(r.reference);
    if (!target) err(path, `verwijst naar ${r.reference}, dat niet in de bundel zit`);
    else if (allowed && !allowed.includes(target.resourceType))
      err(path, `mag niet naar ${target.resourceType} verwijzen`);
    if (target && r.type && r.type !== target.resourceType)
      err(path, `type ${r.type} past niet bij ${target.resourceType}`);
  };

  bundle.entry.forEach(({ resource: r }, i) => {
    const p = `${r.resourceType}[${i}]`;
    switch (r.resourceType) {
      case 'Patient':
        date(`${p}.birthDate`, r.birthDate);
        break;
      case 'Practitioner':
        (r.qualification ?? []).forEach((q, j) => {
          required(`${p}.qualification[${j}].code`, q.code);
          concept(`${p}.qualification[${j}].code`, q.code);
        });
        break;
      case 'Group':
        oneOf(`${p}.type`, 'Group.type', r.type);
        if (typeof r.actual !== 'boolean') err(`${p}.actual`, 'ontbreekt (verplicht)');
        (r.member ?? []).forEach((m, j) => {
          required(`${p}.member[${j}].entity`, m.entity);
          reference(`${p}.member[${j}].entity`, m.entity, [
            'Patient',
            'Practitioner',
            'PractitionerRole',
            'Device',
            'Medication',
            'Substance',
            'Group',
          ]);
        });
        if (r.quantity !== undefined && r.member && r.actual && r.quantity < r.member.length)
          err(`${p}.quantity`, 'kleiner dan het aantal leden');
        break;
      case 'CareTeam':
        optionalOneOf(`${p}.status`, 'CareTeam.status', r.status);
        reference(`${p}.subject`, r.subject, ['Patient', 'Group']);
        (r.participant ?? []).forEach((x, j) => {
          // ctm-1: onBehalfOf only when the member is a Practitioner
          if (x.onBehalfOf) {
            const target = x.member?.reference ? byUrl.get(x.member.reference) : undefined;
            if (target?.resourceType !== 'Practitioner')
              err(`${p}.participant[${j}]`, 'ctm-1: onBehalfOf zonder Practitioner');
          }
          reference(`${p}.participant[${j}].member`, x.member);
          (x.role ?? []).forEach((c, k) => concept(`${p}.participant[${j}].role[${k}]`, c));
        });
        break;
      case 'CarePlan':
        oneOf(`${p}.status`, 'CarePlan.status', r.status);
        oneOf(`${p}.intent`, 'CarePlan.intent', r.intent);
        required(`${p}.subject`, r.subject);
        reference(`${p}.subject`, r.subject, ['Patient', 'Group']);
        reference(`${p}.author`, r.author, [
          'Patient',
          'Practitioner',
          'PractitionerRole',
          'Device',
          'RelatedPerson',
          'Organization',
          'CareTeam',
        ]);
        (r.careTeam ?? []).forEach((c, j) => reference(`${p}.careTeam[${j}]`, c, ['CareTeam']));
        (r.goal ?? []).forEach((g, j) => reference(`${p}.goal[${j}]`, g, ['Goal']));
        (r.activity ?? []).forEach((a, j) =>
          reference(`${p}.activity[${j}].reference`, a.reference, [
            'Appointment',
            'CommunicationRequest',
            'DeviceRequest',
            'MedicationRequest',
            'NutritionOrder',
            'Task',
            'ServiceRequest',
            'VisionPrescription',
            'RequestGroup',
          ]),
        );
        dateTime(`${p}.created`, r.created);
        break;
      case 'ServiceRequest':
        oneOf(`${p}.status`, 'ServiceRequest.status', r.status);
        oneOf(`${p}.intent`, 'ServiceRequest.intent', r.intent);
        required(`${p}.subject`, r.subject);
        reference(`${p}.subject`, r.subject, ['Patient', 'Group', 'Location', 'Device']);
        concept(`${p}.code`, r.code);
        (r.category ?? []).forEach((c, j) => concept(`${p}.category[${j}]`, c));
        (r.basedOn ?? []).forEach((b, j) =>
          reference(`${p}.basedOn[${j}]`, b, ['CarePlan', 'ServiceRequest', 'MedicationRequest']),
        );
        (r.performer ?? []).forEach((x, j) =>
          reference(`${p}.performer[${j}]`, x, [
            'Practitioner',
            'PractitionerRole',
            'Organization',
            'CareTeam',
            'HealthcareService',
            'Patient',
            'Device',
            'RelatedPerson',
          ]),
        );
        (r.supportingInfo ?? []).forEach((x, j) => reference(`${p}.supportingInfo[${j}]`, x));
        (r.note ?? []).forEach((n, j) => required(`${p}.note[${j}].text`, n.text));
        dateTime(`${p}.occurrencePeriod.start`, r.occurrencePeriod?.start);
        dateTime(`${p}.occurrencePeriod.end`, r.occurrencePeriod?.end);
        dateTime(`${p}.authoredOn`, r.authoredOn);
        // per-1: a period's start is not after its end
        if (
          r.occurrencePeriod?.start &&
          r.occurrencePeriod.end &&
          r.occurrencePeriod.start > r.occurrencePeriod.end
        )
          err(`${p}.occurrencePeriod`, 'per-1: start na einde');
        break;
      case 'Goal':
        oneOf(`${p}.lifecycleStatus`, 'Goal.lifecycleStatus', r.lifecycleStatus);
        required(`${p}.description`, r.description);
        concept(`${p}.description`, r.description);
        required(`${p}.subject`, r.subject);
        reference(`${p}.subject`, r.subject, ['Patient', 'Group', 'Organization']);
        for (const c of r.achievementStatus?.coding ?? []) {
          if (c.system === 'http://terminology.hl7.org/CodeSystem/goal-achievement')
            optionalOneOf(`${p}.achievementStatus`, 'Goal.achievementStatus', c.code);
        }
        date(`${p}.startDate`, r.startDate);
        date(`${p}.statusDate`, r.statusDate);
        break;
      case 'Task':
        oneOf(`${p}.status`, 'Task.status', r.status);
        oneOf(`${p}.intent`, 'Task.intent', r.intent);
        concept(`${p}.businessStatus`, r.businessStatus);
        reference(`${p}.for`, r.for);
        reference(`${p}.owner`, r.owner, [
          'Practitioner',
          'PractitionerRole',
          'Organization',
          'CareTeam',
          'HealthcareService',
          'Patient',
          'Device',
          'RelatedPerson',
        ]);
        (r.basedOn ?? []).forEach((b, j) => reference(`${p}.basedOn[${j}]`, b));
        reference(`${p}.reasonReference`, r.reasonReference);
        (r.note ?? []).forEach((n, j) => required(`${p}.note[${j}].text`, n.text));
        dateTime(`${p}.authoredOn`, r.authoredOn);
        dateTime(`${p}.lastModified`, r.lastModified);
        dateTime(`${p}.restriction.period.end`, r.restriction?.period?.end);
        break;
      case 'Consent': {
        oneOf(`${p}.status`, 'Consent.status', r.status);
        required(`${p}.scope`, r.scope);
        const scope = r.scope?.coding?.find(
          (c) => c.system === 'http://terminology.hl7.org/CodeSystem/consentscope',
        )?.code;
        oneOf(`${p}.scope`, 'Consent.scope', scope);
        required(`${p}.category`, r.category);
        (r.category ?? []).forEach((c, j) => {
          const ok = (c.coding ?? []).some(
            (x) =>
              (x.system === 'http://loinc.org' &&
                (VALUE_SETS['Consent.category.loinc'] as readonly string[]).includes(
                  x.code ?? '',
                )) ||
              (x.system === 'http://terminology.hl7.org/CodeSystem/consentcategorycodes' &&
                (VALUE_SETS['Consent.category.hl7'] as readonly string[]).includes(x.code ?? '')),
          );
          if (!ok) err(`${p}.category[${j}]`, 'niet in de waardelijst consent-category');
        });
        // ppc-1: a policy or a policyRule; ppc-2: privacy consent names the patient
        if (!r.policyRule) err(`${p}`, 'ppc-1: policy of policyRule ontbreekt');
        if (scope === 'patient-privacy' && !r.patient)
          err(`${p}.patient`, 'ppc-2: privacytoestemming zonder patient');
        reference(`${p}.patient`, r.patient, ['Patient']);
        optionalOneOf(`${p}.provision.type`, 'Consent.provision.type', r.provision?.type);
        (r.provision?.actor ?? []).forEach((a, j) => {
          required(`${p}.provision.actor[${j}].role`, a.role);
          required(`${p}.provision.actor[${j}].reference`, a.reference);
          reference(`${p}.provision.actor[${j}].reference`, a.reference);
        });
        dateTime(`${p}.dateTime`, r.dateTime);
        dateTime(`${p}.provision.period.start`, r.provision?.period?.start);
        dateTime(`${p}.provision.period.end`, r.provision?.period?.end);
        break;
      }
      case 'Appointment':
        oneOf(`${p}.status`, 'Appointment.status', r.status);
        required(`${p}.participant`, r.participant);
        (r.participant ?? []).forEach((x, j) => {
          oneOf(`${p}.participant[${j}].status`, 'Appointment.participant.status', x.status);
          optionalOneOf(
            `${p}.participant[${j}].required`,
            'Appointment.participant.required',
            x.required,
          );
          // app-1: a type or an actor
          if (!x.actor && !(x.type ?? []).length)
            err(`${p}.participant[${j}]`, 'app-1: type of actor ontbreekt');
          reference(`${p}.participant[${j}].actor`, x.actor, [
            'Patient',
            'Practitioner',
            'PractitionerRole',
            'RelatedPerson',
            'Device',
            'HealthcareService',
            'Location',
          ]);
        });
        // app-2: start and end together; app-3: only proposed or cancelled may lack them
        if (!!r.start !== !!r.end) err(p, 'app-2: start en end horen samen');
        if (!r.start && !['proposed', 'cancelled', 'waitlist'].includes(r.status))
          err(p, 'app-3: start en end ontbreken');
        if (r.start && !INSTANT_RE.test(r.start)) err(`${p}.start`, 'geen instant');
        if (r.end && !INSTANT_RE.test(r.end)) err(`${p}.end`, 'geen instant');
        if (
          r.minutesDuration !== undefined &&
          !(Number.isInteger(r.minutesDuration) && r.minutesDuration > 0)
        )
          err(`${p}.minutesDuration`, 'geen positief geheel getal');
        (r.supportingInformation ?? []).forEach((s, j) =>
          reference(`${p}.supportingInformation[${j}]`, s),
        );
        break;
    }
  });
  return errors;
}
