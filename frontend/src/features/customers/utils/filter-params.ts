import type { CustomerFilter, CustomerOrder, RiskLevel, Stage, Tier } from '@/gql/graphql';

export const STAGES: Stage[] = ['PROSPECT', 'ACTIVE', 'DORMANT', 'SUSPENDED', 'LOST', 'WON_BACK'];
export const TIERS: Tier[] = ['TKA', 'PKA', 'IKA', 'STANDARD', 'MARGINAL'];
export const RISK_LEVELS: RiskLevel[] = ['HEALTHY', 'WATCH', 'AT_RISK', 'CRITICAL'];
export const ORDERS: CustomerOrder[] = ['RISK_DESC', 'NAME_ASC', 'UPDATED_DESC', 'LAST_CONTACT_ASC', 'CREATED_DESC'];
export const PAGE_SIZES = [25, 50, 100] as const;

/** The list's filters, sort and page size: all kept in the URL so links and Back work. */
export type CustomerListState = {
  search: string;
  stages: Stage[];
  tiers: Tier[];
  riskLevels: RiskLevel[];
  ownerIds: string[];
  relationshipTypeIds: string[];
  tag: string;
  orderBy: CustomerOrder;
  pageSize: number;
};

export const DEFAULT_LIST_STATE: CustomerListState = {
  search: '',
  stages: [],
  tiers: [],
  riskLevels: [],
  ownerIds: [],
  relationshipTypeIds: [],
  tag: '',
  orderBy: 'RISK_DESC',
  pageSize: 25,
};

function list<T extends string>(params: URLSearchParams, key: string, allowed?: readonly T[]): T[] {
  const raw = params.get(key);
  if (!raw) return [];
  const items = raw.split(',').filter(Boolean) as T[];
  return allowed ? items.filter((i) => allowed.includes(i)) : items;
}

export function listStateFromParams(params: URLSearchParams): CustomerListState {
  const order = params.get('sort') as CustomerOrder | null;
  const size = Number(params.get('size'));
  return {
    search: params.get('q') ?? '',
    stages: list(params, 'stage', STAGES),
    tiers: list(params, 'tier', TIERS),
    riskLevels: list(params, 'risk', RISK_LEVELS),
    ownerIds: list(params, 'owner'),
    relationshipTypeIds: list(params, 'type'),
    tag: params.get('tag') ?? '',
    orderBy: order && ORDERS.includes(order) ? order : DEFAULT_LIST_STATE.orderBy,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_LIST_STATE.pageSize,
  };
}

export function listStateToParams(s: CustomerListState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.search.trim()) p.set('q', s.search.trim());
  if (s.stages.length) p.set('stage', s.stages.join(','));
  if (s.tiers.length) p.set('tier', s.tiers.join(','));
  if (s.riskLevels.length) p.set('risk', s.riskLevels.join(','));
  if (s.ownerIds.length) p.set('owner', s.ownerIds.join(','));
  if (s.relationshipTypeIds.length) p.set('type', s.relationshipTypeIds.join(','));
  if (s.tag.trim()) p.set('tag', s.tag.trim());
  if (s.orderBy !== DEFAULT_LIST_STATE.orderBy) p.set('sort', s.orderBy);
  if (s.pageSize !== DEFAULT_LIST_STATE.pageSize) p.set('size', String(s.pageSize));
  return p;
}

/** The API filter: empty criteria are left out. */
export function toApiFilter(s: CustomerListState): CustomerFilter {
  const f: CustomerFilter = {};
  if (s.search.trim()) f.search = s.search.trim();
  if (s.stages.length) f.stages = s.stages;
  if (s.tiers.length) f.tiers = s.tiers;
  if (s.riskLevels.length) f.riskLevels = s.riskLevels;
  if (s.ownerIds.length) f.ownerIds = s.ownerIds;
  if (s.relationshipTypeIds.length) f.relationshipTypeIds = s.relationshipTypeIds;
  if (s.tag.trim()) f.tag = s.tag.trim();
  return f;
}

/** How many filter criteria are active (for the mobile "Filters (3)" button). */
export function activeFilterCount(s: CustomerListState): number {
  return (
    (s.search.trim() ? 1 : 0) +
    (s.tag.trim() ? 1 : 0) +
    [s.stages, s.tiers, s.riskLevels, s.ownerIds, s.relationshipTypeIds].filter((l) => l.length > 0).length
  );
}
