import { cacheExchange, type Cache } from '@urql/exchange-graphcache';
import { workflowKeys, workflowMutationUpdates, workflowSubscriptionUpdates } from './workflow-cache';

/** Drops every cached result of a root field (all argument combinations). */
function invalidateRootField(cache: Cache, fieldName: string): void {
  for (const f of cache.inspectFields('Query')) {
    if (f.fieldName === fieldName) cache.invalidate('Query', f.fieldName, f.arguments ?? undefined);
  }
}

/**
 * The normalised cache. Entities with an `id` are keyed by it; the types
 * below have none and are embedded in their parent. Mutations that change
 * which records a list contains invalidate that list so it refetches.
 */
export function createCacheExchange() {
  return cacheExchange({
    keys: {
      ...workflowKeys,
      AuthPayload: () => null,
      CreatedApiToken: () => null,
      CustomerConnection: () => null,
      CustomerEdge: () => null,
      PageInfo: () => null,
      RiskFactor: () => null,
      RiskWeights: () => null,
    },
    updates: {
      Subscription: workflowSubscriptionUpdates,
      Mutation: {
        ...workflowMutationUpdates,
        createCustomer: (_r, _a, cache) => invalidateRootField(cache, 'customers'),
        reassignCustomers: (_r, _a, cache) => invalidateRootField(cache, 'customers'),
        updateCustomer: (_r, _a, cache) => invalidateRootField(cache, 'customers'),
        archiveCustomer: (_r, _a, cache) => invalidateRootField(cache, 'customers'),
        createUser: (_r, _a, cache) => invalidateRootField(cache, 'users'),
        deactivateUser: (_r, _a, cache) => {
          invalidateRootField(cache, 'users');
          invalidateRootField(cache, 'customers');
        },
        createRelationshipType: (_r, _a, cache) => invalidateRootField(cache, 'relationshipTypes'),
        createApiToken: (_r, _a, cache) => invalidateRootField(cache, 'apiTokens'),
      },
    },
  });
}
