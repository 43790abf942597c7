import { type KpiQuery, KpiDto } from '@spil/shared';
import { request } from '../../api/http';

export function kpiQueryString(q: KpiQuery): string {
  const p = new URLSearchParams();
  if (q.wijk) p.set('wijk', q.wijk);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const kpiApi = {
  get: (q: KpiQuery) => request('GET', `/api/kpi${kpiQueryString(q)}`, KpiDto),
  /** The same KPIs as CSV; a plain link, so the browser downloads it with the session cookie. */
  csvUrl: (q: KpiQuery) => `/api/kpi/export.csv${kpiQueryString(q)}`,
};
