/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment ApiTokenItem on ApiToken {\n  id\n  name\n  scopes\n  expiresAt\n  revokedAt\n  lastUsedAt\n  createdAt\n}": typeof types.ApiTokenItemFragmentDoc,
    "query ApiTokens {\n  apiTokens {\n    ...ApiTokenItem\n  }\n}": typeof types.ApiTokensDocument,
    "mutation CreateApiToken($input: CreateApiTokenInput!) {\n  createApiToken(input: $input) {\n    token\n    apiToken {\n      ...ApiTokenItem\n    }\n  }\n}": typeof types.CreateApiTokenDocument,
    "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenItem\n  }\n}": typeof types.RevokeApiTokenDocument,
    "fragment AuthSession on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    ...CurrentUser\n  }\n}": typeof types.AuthSessionFragmentDoc,
    "fragment CurrentUser on User {\n  id\n  email\n  name\n  role\n  locale\n  version\n}": typeof types.CurrentUserFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}": typeof types.LoginDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "mutation RefreshToken {\n  refreshToken(client: WEB) {\n    ...AuthSession\n  }\n}": typeof types.RefreshTokenDocument,
    "mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}": typeof types.CreateCustomerDocument,
    "fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}": typeof types.CustomerListItemFragmentDoc,
    "fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}": typeof types.CustomerProfileFragmentDoc,
    "query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}": typeof types.CustomerDocument,
    "query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.CustomersDocument,
    "query OwnerOptions {\n  users {\n    id\n    name\n    role\n    active\n  }\n}": typeof types.OwnerOptionsDocument,
    "mutation ReassignCustomers($ids: [ID!]!, $ownerId: ID!, $backupOwnerId: ID) {\n  reassignCustomers(ids: $ids, ownerId: $ownerId, backupOwnerId: $backupOwnerId) {\n    id\n    owner {\n      id\n      name\n    }\n    backupOwner {\n      id\n      name\n    }\n    ownerDeparted\n    version\n  }\n}": typeof types.ReassignCustomersDocument,
    "query RelationshipTypeOptions {\n  relationshipTypes {\n    id\n    name\n  }\n}": typeof types.RelationshipTypeOptionsDocument,
    "mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}": typeof types.UpdateCustomerDocument,
    "mutation CreateRelationshipType($input: RelationshipTypeInput!) {\n  createRelationshipType(input: $input) {\n    ...RelationshipTypeContract\n  }\n}": typeof types.CreateRelationshipTypeDocument,
    "fragment RelationshipTypeContract on RelationshipType {\n  id\n  name\n  description\n  contactCadenceDays\n  complaintSlaHours\n  dos\n  donts\n  benefitBudget\n  riskWeights {\n    contactOverdue\n    openComplaints\n    breachedDeadlines\n    brokenPromises\n    sentiment\n    orderDecline\n    returns\n    competitor\n    ownerRisk\n    remediationOverdue\n  }\n  customerCount\n  version\n  updatedAt\n}": typeof types.RelationshipTypeContractFragmentDoc,
    "query RelationshipTypes {\n  relationshipTypes {\n    ...RelationshipTypeContract\n  }\n}": typeof types.RelationshipTypesDocument,
    "mutation UpdateRelationshipType($id: ID!, $version: Int!, $input: RelationshipTypeInput!) {\n  updateRelationshipType(id: $id, version: $version, input: $input) {\n    ...RelationshipTypeContract\n  }\n}": typeof types.UpdateRelationshipTypeDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...DirectoryUser\n  }\n}": typeof types.CreateUserDocument,
    "mutation DeactivateUser($id: ID!, $successorId: ID) {\n  deactivateUser(id: $id, successorId: $successorId) {\n    ...DirectoryUser\n  }\n}": typeof types.DeactivateUserDocument,
    "fragment DirectoryUser on User {\n  id\n  email\n  name\n  role\n  locale\n  active\n  deactivatedAt\n  manager {\n    id\n    name\n  }\n  version\n  createdAt\n}": typeof types.DirectoryUserFragmentDoc,
    "mutation UpdateUser($id: ID!, $version: Int!, $input: UpdateUserInput!) {\n  updateUser(id: $id, version: $version, input: $input) {\n    ...DirectoryUser\n  }\n}": typeof types.UpdateUserDocument,
    "query Users($includeInactive: Boolean!) {\n  users(includeInactive: $includeInactive) {\n    ...DirectoryUser\n  }\n}": typeof types.UsersDocument,
};
const documents: Documents = {
    "fragment ApiTokenItem on ApiToken {\n  id\n  name\n  scopes\n  expiresAt\n  revokedAt\n  lastUsedAt\n  createdAt\n}": types.ApiTokenItemFragmentDoc,
    "query ApiTokens {\n  apiTokens {\n    ...ApiTokenItem\n  }\n}": types.ApiTokensDocument,
    "mutation CreateApiToken($input: CreateApiTokenInput!) {\n  createApiToken(input: $input) {\n    token\n    apiToken {\n      ...ApiTokenItem\n    }\n  }\n}": types.CreateApiTokenDocument,
    "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenItem\n  }\n}": types.RevokeApiTokenDocument,
    "fragment AuthSession on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    ...CurrentUser\n  }\n}": types.AuthSessionFragmentDoc,
    "fragment CurrentUser on User {\n  id\n  email\n  name\n  role\n  locale\n  version\n}": types.CurrentUserFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}": types.LoginDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "mutation RefreshToken {\n  refreshToken(client: WEB) {\n    ...AuthSession\n  }\n}": types.RefreshTokenDocument,
    "mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}": types.CreateCustomerDocument,
    "fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}": types.CustomerListItemFragmentDoc,
    "fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}": types.CustomerProfileFragmentDoc,
    "query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}": types.CustomerDocument,
    "query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.CustomersDocument,
    "query OwnerOptions {\n  users {\n    id\n    name\n    role\n    active\n  }\n}": types.OwnerOptionsDocument,
    "mutation ReassignCustomers($ids: [ID!]!, $ownerId: ID!, $backupOwnerId: ID) {\n  reassignCustomers(ids: $ids, ownerId: $ownerId, backupOwnerId: $backupOwnerId) {\n    id\n    owner {\n      id\n      name\n    }\n    backupOwner {\n      id\n      name\n    }\n    ownerDeparted\n    version\n  }\n}": types.ReassignCustomersDocument,
    "query RelationshipTypeOptions {\n  relationshipTypes {\n    id\n    name\n  }\n}": types.RelationshipTypeOptionsDocument,
    "mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}": types.UpdateCustomerDocument,
    "mutation CreateRelationshipType($input: RelationshipTypeInput!) {\n  createRelationshipType(input: $input) {\n    ...RelationshipTypeContract\n  }\n}": types.CreateRelationshipTypeDocument,
    "fragment RelationshipTypeContract on RelationshipType {\n  id\n  name\n  description\n  contactCadenceDays\n  complaintSlaHours\n  dos\n  donts\n  benefitBudget\n  riskWeights {\n    contactOverdue\n    openComplaints\n    breachedDeadlines\n    brokenPromises\n    sentiment\n    orderDecline\n    returns\n    competitor\n    ownerRisk\n    remediationOverdue\n  }\n  customerCount\n  version\n  updatedAt\n}": types.RelationshipTypeContractFragmentDoc,
    "query RelationshipTypes {\n  relationshipTypes {\n    ...RelationshipTypeContract\n  }\n}": types.RelationshipTypesDocument,
    "mutation UpdateRelationshipType($id: ID!, $version: Int!, $input: RelationshipTypeInput!) {\n  updateRelationshipType(id: $id, version: $version, input: $input) {\n    ...RelationshipTypeContract\n  }\n}": types.UpdateRelationshipTypeDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...DirectoryUser\n  }\n}": types.CreateUserDocument,
    "mutation DeactivateUser($id: ID!, $successorId: ID) {\n  deactivateUser(id: $id, successorId: $successorId) {\n    ...DirectoryUser\n  }\n}": types.DeactivateUserDocument,
    "fragment DirectoryUser on User {\n  id\n  email\n  name\n  role\n  locale\n  active\n  deactivatedAt\n  manager {\n    id\n    name\n  }\n  version\n  createdAt\n}": types.DirectoryUserFragmentDoc,
    "mutation UpdateUser($id: ID!, $version: Int!, $input: UpdateUserInput!) {\n  updateUser(id: $id, version: $version, input: $input) {\n    ...DirectoryUser\n  }\n}": types.UpdateUserDocument,
    "query Users($includeInactive: Boolean!) {\n  users(includeInactive: $includeInactive) {\n    ...DirectoryUser\n  }\n}": types.UsersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ApiTokenItem on ApiToken {\n  id\n  name\n  scopes\n  expiresAt\n  revokedAt\n  lastUsedAt\n  createdAt\n}"): (typeof documents)["fragment ApiTokenItem on ApiToken {\n  id\n  name\n  scopes\n  expiresAt\n  revokedAt\n  lastUsedAt\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiTokens {\n  apiTokens {\n    ...ApiTokenItem\n  }\n}"): (typeof documents)["query ApiTokens {\n  apiTokens {\n    ...ApiTokenItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApiToken($input: CreateApiTokenInput!) {\n  createApiToken(input: $input) {\n    token\n    apiToken {\n      ...ApiTokenItem\n    }\n  }\n}"): (typeof documents)["mutation CreateApiToken($input: CreateApiTokenInput!) {\n  createApiToken(input: $input) {\n    token\n    apiToken {\n      ...ApiTokenItem\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenItem\n  }\n}"): (typeof documents)["mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AuthSession on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    ...CurrentUser\n  }\n}"): (typeof documents)["fragment AuthSession on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    ...CurrentUser\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CurrentUser on User {\n  id\n  email\n  name\n  role\n  locale\n  version\n}"): (typeof documents)["fragment CurrentUser on User {\n  id\n  email\n  name\n  role\n  locale\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout {\n  logout\n}"): (typeof documents)["mutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RefreshToken {\n  refreshToken(client: WEB) {\n    ...AuthSession\n  }\n}"): (typeof documents)["mutation RefreshToken {\n  refreshToken(client: WEB) {\n    ...AuthSession\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}"): (typeof documents)["mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}"): (typeof documents)["fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}"): (typeof documents)["fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}"): (typeof documents)["query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OwnerOptions {\n  users {\n    id\n    name\n    role\n    active\n  }\n}"): (typeof documents)["query OwnerOptions {\n  users {\n    id\n    name\n    role\n    active\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReassignCustomers($ids: [ID!]!, $ownerId: ID!, $backupOwnerId: ID) {\n  reassignCustomers(ids: $ids, ownerId: $ownerId, backupOwnerId: $backupOwnerId) {\n    id\n    owner {\n      id\n      name\n    }\n    backupOwner {\n      id\n      name\n    }\n    ownerDeparted\n    version\n  }\n}"): (typeof documents)["mutation ReassignCustomers($ids: [ID!]!, $ownerId: ID!, $backupOwnerId: ID) {\n  reassignCustomers(ids: $ids, ownerId: $ownerId, backupOwnerId: $backupOwnerId) {\n    id\n    owner {\n      id\n      name\n    }\n    backupOwner {\n      id\n      name\n    }\n    ownerDeparted\n    version\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RelationshipTypeOptions {\n  relationshipTypes {\n    id\n    name\n  }\n}"): (typeof documents)["query RelationshipTypeOptions {\n  relationshipTypes {\n    id\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}"): (typeof documents)["mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateRelationshipType($input: RelationshipTypeInput!) {\n  createRelationshipType(input: $input) {\n    ...RelationshipTypeContract\n  }\n}"): (typeof documents)["mutation CreateRelationshipType($input: RelationshipTypeInput!) {\n  createRelationshipType(input: $input) {\n    ...RelationshipTypeContract\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RelationshipTypeContract on RelationshipType {\n  id\n  name\n  description\n  contactCadenceDays\n  complaintSlaHours\n  dos\n  donts\n  benefitBudget\n  riskWeights {\n    contactOverdue\n    openComplaints\n    breachedDeadlines\n    brokenPromises\n    sentiment\n    orderDecline\n    returns\n    competitor\n    ownerRisk\n    remediationOverdue\n  }\n  customerCount\n  version\n  updatedAt\n}"): (typeof documents)["fragment RelationshipTypeContract on RelationshipType {\n  id\n  name\n  description\n  contactCadenceDays\n  complaintSlaHours\n  dos\n  donts\n  benefitBudget\n  riskWeights {\n    contactOverdue\n    openComplaints\n    breachedDeadlines\n    brokenPromises\n    sentiment\n    orderDecline\n    returns\n    competitor\n    ownerRisk\n    remediationOverdue\n  }\n  customerCount\n  version\n  updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RelationshipTypes {\n  relationshipTypes {\n    ...RelationshipTypeContract\n  }\n}"): (typeof documents)["query RelationshipTypes {\n  relationshipTypes {\n    ...RelationshipTypeContract\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateRelationshipType($id: ID!, $version: Int!, $input: RelationshipTypeInput!) {\n  updateRelationshipType(id: $id, version: $version, input: $input) {\n    ...RelationshipTypeContract\n  }\n}"): (typeof documents)["mutation UpdateRelationshipType($id: ID!, $version: Int!, $input: RelationshipTypeInput!) {\n  updateRelationshipType(id: $id, version: $version, input: $input) {\n    ...RelationshipTypeContract\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...DirectoryUser\n  }\n}"): (typeof documents)["mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...DirectoryUser\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeactivateUser($id: ID!, $successorId: ID) {\n  deactivateUser(id: $id, successorId: $successorId) {\n    ...DirectoryUser\n  }\n}"): (typeof documents)["mutation DeactivateUser($id: ID!, $successorId: ID) {\n  deactivateUser(id: $id, successorId: $successorId) {\n    ...DirectoryUser\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DirectoryUser on User {\n  id\n  email\n  name\n  role\n  locale\n  active\n  deactivatedAt\n  manager {\n    id\n    name\n  }\n  version\n  createdAt\n}"): (typeof documents)["fragment DirectoryUser on User {\n  id\n  email\n  name\n  role\n  locale\n  active\n  deactivatedAt\n  manager {\n    id\n    name\n  }\n  version\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($id: ID!, $version: Int!, $input: UpdateUserInput!) {\n  updateUser(id: $id, version: $version, input: $input) {\n    ...DirectoryUser\n  }\n}"): (typeof documents)["mutation UpdateUser($id: ID!, $version: Int!, $input: UpdateUserInput!) {\n  updateUser(id: $id, version: $version, input: $input) {\n    ...DirectoryUser\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users($includeInactive: Boolean!) {\n  users(includeInactive: $includeInactive) {\n    ...DirectoryUser\n  }\n}"): (typeof documents)["query Users($includeInactive: Boolean!) {\n  users(includeInactive: $includeInactive) {\n    ...DirectoryUser\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;