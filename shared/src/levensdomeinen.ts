/** The 13 domains of the Zelfredzaamheid-Matrix (ZRM), with professional and plain (B1) labels. */
export const LEVENSDOMEINEN = [
  'financien',
  'werk-opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'verslaving',
  'adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
  'justitie',
  'opvoeding',
] as const;
export type Levensdomein = (typeof LEVENSDOMEINEN)[number];

export const LEVENSDOMEIN_LABELS: Record<Levensdomein, { label: string; eenvoudig: string }> = {
  financien: { label: 'Financiën', eenvoudig: 'Geld' },
  'werk-opleiding': { label: 'Werk & opleiding', eenvoudig: 'Werk en school' },
  tijdsbesteding: { label: 'Tijdsbesteding', eenvoudig: 'Wat ik doe op een dag' },
  huisvesting: { label: 'Huisvesting', eenvoudig: 'Wonen' },
  'huiselijke-relaties': { label: 'Huiselijke relaties', eenvoudig: 'Thuis en gezin' },
  'geestelijke-gezondheid': { label: 'Geestelijke gezondheid', eenvoudig: 'Hoe ik me voel' },
  'lichamelijke-gezondheid': { label: 'Lichamelijke gezondheid', eenvoudig: 'Mijn lichaam' },
  verslaving: { label: 'Verslaving', eenvoudig: 'Alcohol en drugs' },
  adl: { label: 'ADL-vaardigheden', eenvoudig: 'Dagelijkse dingen zelf doen' },
  'sociaal-netwerk': { label: 'Sociaal netwerk', eenvoudig: 'Mensen om mij heen' },
  'maatschappelijke-participatie': { label: 'Maatschappelijke participatie', eenvoudig: 'Meedoen' },
  justitie: { label: 'Justitie', eenvoudig: 'Politie en rechter' },
  opvoeding: { label: 'Opvoeding / kinderen', eenvoudig: 'Opvoeden' },
};

export const ZRM_SCORE_LABELS: Record<number, string> = {
  1: 'Acute problematiek',
  2: 'Niet zelfredzaam',
  3: 'Beperkt zelfredzaam',
  4: 'Voldoende zelfredzaam',
  5: 'Volledig zelfredzaam',
};

/** The matrix version stored with every score. */
export const ZRM_VERSION = 'ZRM-2017';
