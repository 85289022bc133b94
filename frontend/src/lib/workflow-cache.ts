import type { Cache, Data, KeyingConfig, UpdateResolver, UpdatesConfig } from '@urql/exchange-graphcache';
import { AlertsDocument, type AlertFilter, type AlertItemFragment, type AlertsQuery, type AlertsQueryVariables } from '@/gql/graphql';

/**
 * The cache rules of the retention workflow (dashboard, complaints, alerts,
 * win-back, value, playbooks, audit, the customer's timeline): which types
 * are embedded in their parent, which lists a mutation makes stale, and how
 * a live alert joins the cached alert lists.
 */

type Entity = { __typename: string; id: string };

/** Types without an id of their own: embedded in their parent. */
export const workflowKeys: KeyingConfig = {
  Agenda: () => null,
  AlertConnection: () => null,
  AlertEdge: () => null,
  AuditConnection: () => null,
  AuditEdge: () => null,
  ComplaintConnection: () => null,
  ComplaintEdge: () => null,
  ContactDue: () => null,
  LossReasonCount: () => null,
  OrderConnection: () => null,
  ParetoPoint: () => null,
  PlaybookStep: () => null,
  ProcessMeasure: () => null,
  Profit: () => null,
  ProfitOverview: () => null,
  PromiseConnection: () => null,
  RiskPoint: () => null,
  RiskThresholds: () => null,
  TierProfit: () => null,
  TimelineConnection: () => null,
  TimelineEdge: () => null,
  // An entry shares its id with the interaction, complaint… it stands for.
  TimelineEntry: (e) => (e.kind && e.id ? `${String(e.kind)}:${String(e.id)}` : null),
  UpcomingKeyDate: () => null,
  WinBackConnection: () => null,
  WinBackEdge: () => null,
  WinBackEntry: () => null,
  WorkspaceSettings: () => null,
};

/** Drops every cached value of `fieldName` on `entity`, whatever its arguments. */
export function invalidateField(cache: Cache, entity: Entity | 'Query', fieldName: string): void {
  for (const f of cache.inspectFields(entity)) {
    if (f.fieldName === fieldName) cache.invalidate(entity, f.fieldName, f.arguments ?? undefined);
  }
}

const query = (cache: Cache, ...fields: string[]) => fields.forEach((f) => invalidateField(cache, 'Query', f));
const customer = (id: unknown): Entity | null => (typeof id === 'string' ? { __typename: 'Customer', id } : null);
const onCustomer = (cache: Cache, id: unknown, ...fields: string[]) => {
  const c = customer(id);
  if (c) fields.forEach((f) => invalidateField(cache, c, f));
};

type StepResult = { complaintId?: string | null; customer?: { id: string } | null };

/** A checklist changed: its complaint's steps and cost, or the customer's win-back. */
function stepsChanged(cache: Cache, steps: StepResult[]): void {
  const seen = new Set<string>();
  for (const s of steps) {
    if (s.complaintId) {
      if (seen.has(s.complaintId)) continue;
      seen.add(s.complaintId);
      const k = { __typename: 'Complaint', id: s.complaintId };
      invalidateField(cache, k, 'steps');
      invalidateField(cache, k, 'totalCost');
    } else if (s.customer?.id) {
      if (seen.has(s.customer.id)) continue;
      seen.add(s.customer.id);
      onCustomer(cache, s.customer.id, 'winBackSteps');
      query(cache, 'winBack');
    }
  }
}

const asList = (v: unknown): StepResult[] => (Array.isArray(v) ? (v as StepResult[]) : v ? [v as StepResult] : []);
const input = (args: Record<string, unknown>) => (args.input ?? {}) as Record<string, unknown>;

export const workflowMutationUpdates: NonNullable<UpdatesConfig['Mutation']> = {
  openComplaint: (_r, args, cache) => {
    query(cache, 'complaints');
    onCustomer(cache, input(args).customerId, 'timeline', 'complaints');
  },
  transitionComplaint: (_r, _a, cache) => query(cache, 'complaints'),
  addRemediationStep: (r, _a, cache) => stepsChanged(cache, asList(r.addRemediationStep)),
  updateRemediationStep: (r, _a, cache) => stepsChanged(cache, asList(r.updateRemediationStep)),
  reorderRemediationSteps: (r, _a, cache) => stepsChanged(cache, asList(r.reorderRemediationSteps)),
  applyPlaybook: (r, _a, cache) => stepsChanged(cache, asList(r.applyPlaybook)),
  acknowledgeAlert: (_r, _a, cache) => query(cache, 'alerts'),
  resolveAlert: (_r, _a, cache) => query(cache, 'alerts'),
  logInteraction: (_r, args, cache) => {
    onCustomer(cache, input(args).customerId, 'timeline', 'promises');
    query(cache, 'contactAgenda', 'overduePromises');
  },
  createPromise: (_r, args, cache) => {
    onCustomer(cache, input(args).customerId, 'timeline', 'promises');
    query(cache, 'overduePromises');
  },
  resolvePromise: (_r, _a, cache) => query(cache, 'overduePromises'),
  addKeyDate: (_r, args, cache) => {
    onCustomer(cache, input(args).customerId, 'keyDates');
    query(cache, 'contactAgenda');
  },
  deleteKeyDate: (_r, args, cache) => {
    if (typeof args.id === 'string') cache.invalidate({ __typename: 'KeyDate', id: args.id });
    query(cache, 'contactAgenda');
  },
  changeStage: (_r, args, cache) => {
    onCustomer(cache, input(args).customerId, 'timeline', 'winBackSteps');
    query(cache, 'customers', 'winBack', 'lossReasonAnalysis');
  },
};

/** Whether a first page of `alerts(filter)` would list this new alert. */
export function filterAdmits(filter: AlertFilter | null | undefined, alert: AlertItemFragment): boolean {
  if (!filter) return true;
  if (filter.since) return false; // a catch-up page, not a list on screen
  if (filter.statuses?.length && !filter.statuses.includes(alert.status)) return false;
  if (filter.kinds?.length && !filter.kinds.includes(alert.kind)) return false;
  if (filter.customerId && filter.customerId !== alert.customer.id) return false;
  return true;
}

const LANGS = ['en', 'zh'];

/** Puts a new alert at the top of every cached first page of `alerts` that admits it. */
export function prependAlert(cache: Cache, alert: AlertItemFragment & { __typename?: string }): void {
  for (const f of cache.inspectFields('Query')) {
    if (f.fieldName !== 'alerts') continue;
    const args = (f.arguments ?? {}) as Omit<AlertsQueryVariables, 'lang'>;
    if (args.after || !filterAdmits(args.filter, alert)) continue;
    // The lists on screen were read in one language or the other.
    for (const lang of LANGS) {
      cache.updateQuery<AlertsQuery, AlertsQueryVariables>({ query: AlertsDocument, variables: { ...args, first: args.first ?? 20, lang } }, (data) => {
        if (!data || data.alerts.edges.some((e) => e.node.id === alert.id)) return data;
        const edge = { __typename: 'AlertEdge', node: { ...alert, __typename: 'Alert' } } as unknown as AlertsQuery['alerts']['edges'][number];
        return { ...data, alerts: { ...data.alerts, edges: [edge, ...data.alerts.edges] } };
      });
    }
  }
}

const alertRaised: UpdateResolver = (result, _args, cache) => {
  const alert = (result as Data & { alertRaised?: AlertItemFragment }).alertRaised;
  if (alert) prependAlert(cache, alert);
};

export const workflowSubscriptionUpdates: NonNullable<UpdatesConfig['Subscription']> = { alertRaised };
