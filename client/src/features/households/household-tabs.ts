/**
 * The sections of the household page as tabs, kept in the URL (`?tab=`). The
 * page opens on the plan, the part professionals work in; `?tab=alles` shows
 * every section on one page.
 */
export const HOUSEHOLD_TABS = {
  plan: 'Plan van aanpak',
  voorzieningen: 'Voorzieningen',
  team: 'Gezin en casusteam',
  regie: 'Regie',
  'wie-doet-wat': 'Wie doet wat',
  traject: 'Traject',
  toestemming: 'Toestemming',
  overleg: 'Overleg',
  alles: 'Alles',
} as const;
export type HouseholdTab = keyof typeof HOUSEHOLD_TABS;

/** The tab without `?tab=`. */
export const FIRST_TAB: HouseholdTab = 'plan';

export function householdTab(param: string | null): HouseholdTab {
  return param && param in HOUSEHOLD_TABS ? (param as HouseholdTab) : FIRST_TAB;
}

/** The path of a household's page on `tab`, at `anchor` (an element's id) in it. */
export function householdPath(id: string, tab: HouseholdTab = FIRST_TAB, anchor?: string): string {
  const query = tab === FIRST_TAB ? '' : `?tab=${tab}`;
  return `/huishoudens/${id}${query}${anchor ? `#${anchor}` : ''}`;
}
