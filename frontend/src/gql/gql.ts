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
    "mutation AcknowledgeAlert($id: ID!, $lang: String!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertItem\n  }\n}": typeof types.AcknowledgeAlertDocument,
    "fragment AlertItem on Alert {\n  id\n  kind\n  status\n  scoreBefore\n  scoreAfter\n  levelBefore\n  levelAfter\n  createdAt\n  acknowledgedAt\n  acknowledgedBy {\n    id\n    name\n  }\n  resolvedAt\n  resolvedBy {\n    id\n    name\n  }\n  customer {\n    id\n    name\n    company\n    riskScore\n    riskLevel\n  }\n  reasons {\n    key\n    points\n    text(lang: $lang)\n  }\n}": typeof types.AlertItemFragmentDoc,
    "query Alerts($first: Int!, $after: String, $filter: AlertFilter, $lang: String!) {\n  alerts(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...AlertItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.AlertsDocument,
    "mutation ResolveAlert($id: ID!, $lang: String!) {\n  resolveAlert(id: $id) {\n    ...AlertItem\n  }\n}": typeof types.ResolveAlertDocument,
    "fragment ApiTokenItem on ApiToken {\n  id\n  name\n  scopes\n  expiresAt\n  revokedAt\n  lastUsedAt\n  createdAt\n}": typeof types.ApiTokenItemFragmentDoc,
    "query ApiTokens {\n  apiTokens {\n    ...ApiTokenItem\n  }\n}": typeof types.ApiTokensDocument,
    "mutation CreateApiToken($input: CreateApiTokenInput!) {\n  createApiToken(input: $input) {\n    token\n    apiToken {\n      ...ApiTokenItem\n    }\n  }\n}": typeof types.CreateApiTokenDocument,
    "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenItem\n  }\n}": typeof types.RevokeApiTokenDocument,
    "query AuditLog($entityType: String, $entityId: ID, $first: Int!, $after: String) {\n  auditLog(\n    entityType: $entityType\n    entityId: $entityId\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        id\n        actor {\n          id\n          name\n        }\n        actorTokenId\n        action\n        entityType\n        entityId\n        before\n        after\n        requestId\n        at\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.AuditLogDocument,
    "fragment AuthSession on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    ...CurrentUser\n  }\n}": typeof types.AuthSessionFragmentDoc,
    "fragment CurrentUser on User {\n  id\n  email\n  name\n  role\n  locale\n  version\n}": typeof types.CurrentUserFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}": typeof types.LoginDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "mutation RefreshToken {\n  refreshToken(client: WEB) {\n    ...AuthSession\n  }\n}": typeof types.RefreshTokenDocument,
    "mutation AddRemediationStep($input: AddStepInput!) {\n  addRemediationStep(input: $input) {\n    ...RemediationStepItem\n  }\n}": typeof types.AddRemediationStepDocument,
    "mutation ApplyRecoveryPlaybook($playbookId: ID!, $complaintId: ID!) {\n  applyPlaybook(playbookId: $playbookId, complaintId: $complaintId) {\n    ...RemediationStepItem\n  }\n}": typeof types.ApplyRecoveryPlaybookDocument,
    "fragment ComplaintCard on Complaint {\n  id\n  status\n  severity\n  category\n  channel\n  description\n  openedAt\n  responseDueAt\n  acknowledgedAt\n  deadlineBreached\n  resolvedAt\n  closedAt\n  escalatedAt\n  escalatedTo {\n    id\n    name\n  }\n  reopenCount\n  totalCost\n  customer {\n    id\n    name\n    company\n  }\n  owner {\n    id\n    name\n  }\n  version\n}": typeof types.ComplaintCardFragmentDoc,
    "fragment ComplaintDetail on Complaint {\n  ...ComplaintCard\n  breachedAt\n  rootCause\n  preventionAction\n  satisfaction\n  updatedAt\n  owner {\n    id\n    name\n    manager {\n      id\n      name\n    }\n  }\n  steps {\n    ...RemediationStepItem\n  }\n}": typeof types.ComplaintDetailFragmentDoc,
    "query ComplaintPeople {\n  users {\n    id\n    name\n    role\n    active\n  }\n}": typeof types.ComplaintPeopleDocument,
    "query Complaint($id: ID!) {\n  complaint(id: $id) {\n    ...ComplaintDetail\n  }\n}": typeof types.ComplaintDocument,
    "query ComplaintsBoard($first: Int!, $after: String, $filter: ComplaintFilter) {\n  complaints(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...ComplaintCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.ComplaintsBoardDocument,
    "mutation EscalateComplaint($id: ID!, $version: Int!, $managerId: ID, $note: String) {\n  escalateComplaint(\n    id: $id\n    version: $version\n    managerId: $managerId\n    note: $note\n  ) {\n    ...ComplaintDetail\n  }\n}": typeof types.EscalateComplaintDocument,
    "query RecoveryPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}": typeof types.RecoveryPlaybooksDocument,
    "fragment RemediationStepItem on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  cost\n  notes\n  completedAt\n  version\n}": typeof types.RemediationStepItemFragmentDoc,
    "mutation ReorderRemediationSteps($stepIds: [ID!]!) {\n  reorderRemediationSteps(stepIds: $stepIds) {\n    ...RemediationStepItem\n  }\n}": typeof types.ReorderRemediationStepsDocument,
    "mutation TransitionComplaint($id: ID!, $version: Int!, $input: TransitionComplaintInput!) {\n  transitionComplaint(id: $id, version: $version, input: $input) {\n    ...ComplaintDetail\n  }\n}": typeof types.TransitionComplaintDocument,
    "mutation UpdateRemediationStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...RemediationStepItem\n  }\n}": typeof types.UpdateRemediationStepDocument,
    "mutation AddKeyDate($input: AddKeyDateInput!) {\n  addKeyDate(input: $input) {\n    id\n    kind\n    label\n    calendar\n    month\n    day\n    year\n    notes\n    nextDate\n  }\n}": typeof types.AddKeyDateDocument,
    "mutation ChangeStage($input: ChangeStageInput!) {\n  changeStage(input: $input) {\n    id\n    stage\n    version\n    updatedAt\n    riskScore\n    riskLevel\n  }\n}": typeof types.ChangeStageDocument,
    "mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}": typeof types.CreateCustomerDocument,
    "mutation CreatePromise($input: CreatePromiseInput!) {\n  createPromise(input: $input) {\n    id\n    description\n    dueAt\n    status\n    overdue\n    customer {\n      id\n    }\n  }\n}": typeof types.CreatePromiseDocument,
    "query CustomerKeyDates($id: ID!) {\n  customer(id: $id) {\n    id\n    keyDates {\n      id\n      kind\n      label\n      calendar\n      month\n      day\n      year\n      notes\n      nextDate\n    }\n  }\n}": typeof types.CustomerKeyDatesDocument,
    "fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}": typeof types.CustomerListItemFragmentDoc,
    "mutation CustomerOpenComplaint($input: OpenComplaintInput!) {\n  openComplaint(input: $input) {\n    id\n    status\n    severity\n    responseDueAt\n    customer {\n      id\n      openComplaintCount\n      riskScore\n      riskLevel\n    }\n  }\n}": typeof types.CustomerOpenComplaintDocument,
    "fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}": typeof types.CustomerProfileFragmentDoc,
    "query CustomerProfit($id: ID!) {\n  customer(id: $id) {\n    id\n    profit {\n      revenue\n      returns\n      grossMargin\n      costToServe\n      compensation\n      discounts\n      serviceHours\n      profit\n      returnRate\n    }\n  }\n}": typeof types.CustomerProfitDocument,
    "query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}": typeof types.CustomerDocument,
    "subscription CustomerRiskChanged($id: ID!, $lang: String!) {\n  customerRiskChanged(customerId: $id) {\n    id\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n  }\n}": typeof types.CustomerRiskChangedDocument,
    "query CustomerRiskHistory($id: ID!, $days: Int!) {\n  customer(id: $id) {\n    id\n    riskHistory(days: $days) {\n      score\n      level\n      at\n    }\n  }\n  workspace {\n    id\n    settings {\n      riskThresholds {\n        watch\n        atRisk\n        critical\n      }\n    }\n  }\n}": typeof types.CustomerRiskHistoryDocument,
    "query CustomerTimeline($id: ID!, $first: Int!, $after: String, $lang: String!) {\n  customer(id: $id) {\n    id\n    timeline(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          kind\n          at\n          id\n          interaction {\n            id\n            channel\n            direction\n            occurredAt\n            summary\n            sentiment\n            competitor\n            giftValue\n            giftFeedback\n            nextStep\n            nextStepDueAt\n            durationMinutes\n            user {\n              id\n              name\n            }\n          }\n          stageChange {\n            id\n            fromStage\n            toStage\n            reason\n            lossReason {\n              id\n              code\n              label\n            }\n            actor {\n              id\n              name\n            }\n          }\n          complaint {\n            id\n            status\n            severity\n            category\n            description\n            deadlineBreached\n          }\n          promise {\n            id\n            description\n            dueAt\n            status\n            overdue\n            owner {\n              id\n              name\n            }\n            version\n          }\n          alert {\n            id\n            kind\n            levelAfter\n            scoreAfter\n            status\n            reasons {\n              key\n              points\n              text(lang: $lang)\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.CustomerTimelineDocument,
    "query CustomersCount($filter: CustomerFilter) {\n  customers(first: 1, filter: $filter) {\n    totalCount\n  }\n}": typeof types.CustomersCountDocument,
    "query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.CustomersDocument,
    "mutation DeleteKeyDate($id: ID!) {\n  deleteKeyDate(id: $id)\n}": typeof types.DeleteKeyDateDocument,
    "mutation LogInteraction($input: LogInteractionInput!) {\n  logInteraction(input: $input) {\n    id\n    occurredAt\n    customer {\n      id\n      lastContactAt\n      riskScore\n      riskLevel\n    }\n  }\n}": typeof types.LogInteractionDocument,
    "query LossReasonOptions {\n  lossReasons {\n    id\n    code\n    label\n  }\n}": typeof types.LossReasonOptionsDocument,
    "query OwnerOptions {\n  users {\n    id\n    name\n    role\n    active\n  }\n}": typeof types.OwnerOptionsDocument,
    "mutation ReassignCustomers($ids: [ID!]!, $ownerId: ID!, $backupOwnerId: ID) {\n  reassignCustomers(ids: $ids, ownerId: $ownerId, backupOwnerId: $backupOwnerId) {\n    id\n    owner {\n      id\n      name\n    }\n    backupOwner {\n      id\n      name\n    }\n    ownerDeparted\n    version\n  }\n}": typeof types.ReassignCustomersDocument,
    "query RelationshipTypeOptions {\n  relationshipTypes {\n    id\n    name\n  }\n}": typeof types.RelationshipTypeOptionsDocument,
    "mutation ResolvePromise($id: ID!, $version: Int!, $status: PromiseStatus!, $note: String) {\n  resolvePromise(id: $id, version: $version, status: $status, note: $note) {\n    id\n    status\n    overdue\n    resolvedAt\n    resolutionNote\n    version\n    customer {\n      id\n      riskScore\n      riskLevel\n    }\n  }\n}": typeof types.ResolvePromiseDocument,
    "mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}": typeof types.UpdateCustomerDocument,
    "query DashboardAgenda($days: Int!) {\n  contactAgenda(days: $days) {\n    dueContacts {\n      customer {\n        id\n        name\n        company\n      }\n      dueAt\n      daysOverdue\n    }\n    keyDates {\n      keyDate {\n        id\n        kind\n        label\n        calendar\n      }\n      customer {\n        id\n        name\n      }\n      date\n      daysTo\n    }\n  }\n}": typeof types.DashboardAgendaDocument,
    "query DashboardChurn($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n  base: customers(\n    first: 1\n    filter: {stages: [ACTIVE, DORMANT, SUSPENDED, WON_BACK]}\n  ) {\n    totalCount\n  }\n}": typeof types.DashboardChurnDocument,
    "query DashboardProcessMeasures($from: Time!, $to: Time!) {\n  processMeasures(from: $from, to: $to) {\n    user {\n      id\n      name\n    }\n    customers\n    withinCadence\n    complaints\n    answeredInTime\n    promisesDue\n    kept\n    broken\n  }\n}": typeof types.DashboardProcessMeasuresDocument,
    "query DashboardRevenueAtRisk($first: Int!) {\n  customers(\n    first: $first\n    filter: {riskLevels: [AT_RISK, CRITICAL]}\n    orderBy: RISK_DESC\n  ) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        annualRevenue\n        riskScore\n        riskLevel\n      }\n    }\n  }\n}": typeof types.DashboardRevenueAtRiskDocument,
    "query DashboardRiskCounts {\n  healthy: customers(first: 1, filter: {riskLevels: [HEALTHY]}) {\n    totalCount\n  }\n  watch: customers(first: 1, filter: {riskLevels: [WATCH]}) {\n    totalCount\n  }\n  atRisk: customers(first: 1, filter: {riskLevels: [AT_RISK]}) {\n    totalCount\n  }\n  critical: customers(first: 1, filter: {riskLevels: [CRITICAL]}) {\n    totalCount\n  }\n}": typeof types.DashboardRiskCountsDocument,
    "subscription AlertRaised($lang: String!) {\n  alertRaised {\n    ...AlertItem\n    customer {\n      id\n      riskScore\n      riskLevel\n      riskUpdatedAt\n    }\n  }\n}": typeof types.AlertRaisedDocument,
    "query MissedAlerts($since: Time!, $lang: String!) {\n  alerts(first: 50, filter: {since: $since}) {\n    edges {\n      node {\n        ...AlertItem\n        customer {\n          id\n          riskScore\n          riskLevel\n          riskUpdatedAt\n        }\n      }\n    }\n  }\n}": typeof types.MissedAlertsDocument,
    "query NewestAlert {\n  alerts(first: 1) {\n    edges {\n      node {\n        id\n        createdAt\n      }\n    }\n  }\n}": typeof types.NewestAlertDocument,
    "fragment PlaybookEditable on Playbook {\n  id\n  code\n  name\n  purpose\n  version\n  steps {\n    position\n    kind\n    title\n    dueOffsetHours\n    defaultAssigneeRole\n  }\n}": typeof types.PlaybookEditableFragmentDoc,
    "query Playbooks {\n  playbooks {\n    ...PlaybookEditable\n  }\n}": typeof types.PlaybooksDocument,
    "mutation UpdatePlaybook($id: ID!, $version: Int!, $name: String!, $steps: [PlaybookStepInput!]!) {\n  updatePlaybook(id: $id, version: $version, name: $name, steps: $steps) {\n    ...PlaybookEditable\n  }\n}": typeof types.UpdatePlaybookDocument,
    "mutation CreateRelationshipType($input: RelationshipTypeInput!) {\n  createRelationshipType(input: $input) {\n    ...RelationshipTypeContract\n  }\n}": typeof types.CreateRelationshipTypeDocument,
    "fragment RelationshipTypeContract on RelationshipType {\n  id\n  name\n  description\n  contactCadenceDays\n  complaintSlaHours\n  dos\n  donts\n  benefitBudget\n  riskWeights {\n    contactOverdue\n    openComplaints\n    breachedDeadlines\n    brokenPromises\n    sentiment\n    orderDecline\n    returns\n    competitor\n    ownerRisk\n    remediationOverdue\n  }\n  customerCount\n  version\n  updatedAt\n}": typeof types.RelationshipTypeContractFragmentDoc,
    "query RelationshipTypes {\n  relationshipTypes {\n    ...RelationshipTypeContract\n  }\n}": typeof types.RelationshipTypesDocument,
    "mutation UpdateRelationshipType($id: ID!, $version: Int!, $input: RelationshipTypeInput!) {\n  updateRelationshipType(id: $id, version: $version, input: $input) {\n    ...RelationshipTypeContract\n  }\n}": typeof types.UpdateRelationshipTypeDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...DirectoryUser\n  }\n}": typeof types.CreateUserDocument,
    "mutation DeactivateUser($id: ID!, $successorId: ID) {\n  deactivateUser(id: $id, successorId: $successorId) {\n    ...DirectoryUser\n  }\n}": typeof types.DeactivateUserDocument,
    "fragment DirectoryUser on User {\n  id\n  email\n  name\n  role\n  locale\n  active\n  deactivatedAt\n  manager {\n    id\n    name\n  }\n  version\n  createdAt\n}": typeof types.DirectoryUserFragmentDoc,
    "mutation UpdateUser($id: ID!, $version: Int!, $input: UpdateUserInput!) {\n  updateUser(id: $id, version: $version, input: $input) {\n    ...DirectoryUser\n  }\n}": typeof types.UpdateUserDocument,
    "query Users($includeInactive: Boolean!) {\n  users(includeInactive: $includeInactive) {\n    ...DirectoryUser\n  }\n}": typeof types.UsersDocument,
    "query NegativeProfitCustomers($first: Int!) {\n  negativeProfitCustomers(first: $first) {\n    customer {\n      id\n      name\n      company\n      tier\n      owner {\n        id\n        name\n      }\n    }\n    revenue\n    grossMargin\n    costToServe\n    profit\n    returnRate\n  }\n}": typeof types.NegativeProfitCustomersDocument,
    "query ProfitOverview {\n  profitOverview {\n    customers\n    topShare\n    negativeCount\n    pareto {\n      customerShare\n      profitShare\n    }\n    tiers {\n      tier\n      customers\n      revenue\n      profit\n      negativeProfit\n    }\n  }\n}": typeof types.ProfitOverviewDocument,
    "query LossReasonAnalysis($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n}": typeof types.LossReasonAnalysisDocument,
    "mutation StartWinBack($playbookId: ID!, $customerId: ID!) {\n  applyPlaybook(playbookId: $playbookId, customerId: $customerId) {\n    ...WinBackStep\n  }\n}": typeof types.StartWinBackDocument,
    "mutation UpdateWinBackStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...WinBackStep\n  }\n}": typeof types.UpdateWinBackStepDocument,
    "query WinBackPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}": typeof types.WinBackPlaybooksDocument,
    "query WinBack($first: Int!, $after: String) {\n  winBack(first: $first, after: $after) {\n    edges {\n      node {\n        customer {\n          id\n          name\n          company\n          stage\n          owner {\n            id\n            name\n          }\n          winBackSteps {\n            ...WinBackStep\n          }\n        }\n        lostAt\n        lossReason {\n          id\n          code\n          label\n        }\n        stepsTotal\n        stepsDone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.WinBackDocument,
    "fragment WinBackStep on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  completedAt\n  version\n}": typeof types.WinBackStepFragmentDoc,
    "mutation UpdateWorkspace($version: Int!, $input: WorkspaceSettingsInput!) {\n  updateWorkspace(version: $version, input: $input) {\n    ...WorkspacePolicy\n  }\n}": typeof types.UpdateWorkspaceDocument,
    "query WorkspaceCurrency {\n  workspace {\n    id\n    settings {\n      currency\n    }\n  }\n}": typeof types.WorkspaceCurrencyDocument,
    "query WorkspaceSettings {\n  workspace {\n    ...WorkspacePolicy\n  }\n}": typeof types.WorkspaceSettingsDocument,
    "fragment WorkspacePolicy on Workspace {\n  id\n  name\n  slug\n  version\n  settings {\n    riskThresholds {\n      watch\n      atRisk\n      critical\n    }\n    riskWeights {\n      contactOverdue\n      openComplaints\n      breachedDeadlines\n      brokenPromises\n      sentiment\n      orderDecline\n      returns\n      competitor\n      ownerRisk\n      remediationOverdue\n    }\n    autoRecoveryPlaybook\n    timezone\n    currency\n  }\n}": typeof types.WorkspacePolicyFragmentDoc,
};
const documents: Documents = {
    "mutation AcknowledgeAlert($id: ID!, $lang: String!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertItem\n  }\n}": types.AcknowledgeAlertDocument,
    "fragment AlertItem on Alert {\n  id\n  kind\n  status\n  scoreBefore\n  scoreAfter\n  levelBefore\n  levelAfter\n  createdAt\n  acknowledgedAt\n  acknowledgedBy {\n    id\n    name\n  }\n  resolvedAt\n  resolvedBy {\n    id\n    name\n  }\n  customer {\n    id\n    name\n    company\n    riskScore\n    riskLevel\n  }\n  reasons {\n    key\n    points\n    text(lang: $lang)\n  }\n}": types.AlertItemFragmentDoc,
    "query Alerts($first: Int!, $after: String, $filter: AlertFilter, $lang: String!) {\n  alerts(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...AlertItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.AlertsDocument,
    "mutation ResolveAlert($id: ID!, $lang: String!) {\n  resolveAlert(id: $id) {\n    ...AlertItem\n  }\n}": types.ResolveAlertDocument,
    "fragment ApiTokenItem on ApiToken {\n  id\n  name\n  scopes\n  expiresAt\n  revokedAt\n  lastUsedAt\n  createdAt\n}": types.ApiTokenItemFragmentDoc,
    "query ApiTokens {\n  apiTokens {\n    ...ApiTokenItem\n  }\n}": types.ApiTokensDocument,
    "mutation CreateApiToken($input: CreateApiTokenInput!) {\n  createApiToken(input: $input) {\n    token\n    apiToken {\n      ...ApiTokenItem\n    }\n  }\n}": types.CreateApiTokenDocument,
    "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenItem\n  }\n}": types.RevokeApiTokenDocument,
    "query AuditLog($entityType: String, $entityId: ID, $first: Int!, $after: String) {\n  auditLog(\n    entityType: $entityType\n    entityId: $entityId\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        id\n        actor {\n          id\n          name\n        }\n        actorTokenId\n        action\n        entityType\n        entityId\n        before\n        after\n        requestId\n        at\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.AuditLogDocument,
    "fragment AuthSession on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    ...CurrentUser\n  }\n}": types.AuthSessionFragmentDoc,
    "fragment CurrentUser on User {\n  id\n  email\n  name\n  role\n  locale\n  version\n}": types.CurrentUserFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}": types.LoginDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "mutation RefreshToken {\n  refreshToken(client: WEB) {\n    ...AuthSession\n  }\n}": types.RefreshTokenDocument,
    "mutation AddRemediationStep($input: AddStepInput!) {\n  addRemediationStep(input: $input) {\n    ...RemediationStepItem\n  }\n}": types.AddRemediationStepDocument,
    "mutation ApplyRecoveryPlaybook($playbookId: ID!, $complaintId: ID!) {\n  applyPlaybook(playbookId: $playbookId, complaintId: $complaintId) {\n    ...RemediationStepItem\n  }\n}": types.ApplyRecoveryPlaybookDocument,
    "fragment ComplaintCard on Complaint {\n  id\n  status\n  severity\n  category\n  channel\n  description\n  openedAt\n  responseDueAt\n  acknowledgedAt\n  deadlineBreached\n  resolvedAt\n  closedAt\n  escalatedAt\n  escalatedTo {\n    id\n    name\n  }\n  reopenCount\n  totalCost\n  customer {\n    id\n    name\n    company\n  }\n  owner {\n    id\n    name\n  }\n  version\n}": types.ComplaintCardFragmentDoc,
    "fragment ComplaintDetail on Complaint {\n  ...ComplaintCard\n  breachedAt\n  rootCause\n  preventionAction\n  satisfaction\n  updatedAt\n  owner {\n    id\n    name\n    manager {\n      id\n      name\n    }\n  }\n  steps {\n    ...RemediationStepItem\n  }\n}": types.ComplaintDetailFragmentDoc,
    "query ComplaintPeople {\n  users {\n    id\n    name\n    role\n    active\n  }\n}": types.ComplaintPeopleDocument,
    "query Complaint($id: ID!) {\n  complaint(id: $id) {\n    ...ComplaintDetail\n  }\n}": types.ComplaintDocument,
    "query ComplaintsBoard($first: Int!, $after: String, $filter: ComplaintFilter) {\n  complaints(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...ComplaintCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.ComplaintsBoardDocument,
    "mutation EscalateComplaint($id: ID!, $version: Int!, $managerId: ID, $note: String) {\n  escalateComplaint(\n    id: $id\n    version: $version\n    managerId: $managerId\n    note: $note\n  ) {\n    ...ComplaintDetail\n  }\n}": types.EscalateComplaintDocument,
    "query RecoveryPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}": types.RecoveryPlaybooksDocument,
    "fragment RemediationStepItem on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  cost\n  notes\n  completedAt\n  version\n}": types.RemediationStepItemFragmentDoc,
    "mutation ReorderRemediationSteps($stepIds: [ID!]!) {\n  reorderRemediationSteps(stepIds: $stepIds) {\n    ...RemediationStepItem\n  }\n}": types.ReorderRemediationStepsDocument,
    "mutation TransitionComplaint($id: ID!, $version: Int!, $input: TransitionComplaintInput!) {\n  transitionComplaint(id: $id, version: $version, input: $input) {\n    ...ComplaintDetail\n  }\n}": types.TransitionComplaintDocument,
    "mutation UpdateRemediationStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...RemediationStepItem\n  }\n}": types.UpdateRemediationStepDocument,
    "mutation AddKeyDate($input: AddKeyDateInput!) {\n  addKeyDate(input: $input) {\n    id\n    kind\n    label\n    calendar\n    month\n    day\n    year\n    notes\n    nextDate\n  }\n}": types.AddKeyDateDocument,
    "mutation ChangeStage($input: ChangeStageInput!) {\n  changeStage(input: $input) {\n    id\n    stage\n    version\n    updatedAt\n    riskScore\n    riskLevel\n  }\n}": types.ChangeStageDocument,
    "mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}": types.CreateCustomerDocument,
    "mutation CreatePromise($input: CreatePromiseInput!) {\n  createPromise(input: $input) {\n    id\n    description\n    dueAt\n    status\n    overdue\n    customer {\n      id\n    }\n  }\n}": types.CreatePromiseDocument,
    "query CustomerKeyDates($id: ID!) {\n  customer(id: $id) {\n    id\n    keyDates {\n      id\n      kind\n      label\n      calendar\n      month\n      day\n      year\n      notes\n      nextDate\n    }\n  }\n}": types.CustomerKeyDatesDocument,
    "fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}": types.CustomerListItemFragmentDoc,
    "mutation CustomerOpenComplaint($input: OpenComplaintInput!) {\n  openComplaint(input: $input) {\n    id\n    status\n    severity\n    responseDueAt\n    customer {\n      id\n      openComplaintCount\n      riskScore\n      riskLevel\n    }\n  }\n}": types.CustomerOpenComplaintDocument,
    "fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}": types.CustomerProfileFragmentDoc,
    "query CustomerProfit($id: ID!) {\n  customer(id: $id) {\n    id\n    profit {\n      revenue\n      returns\n      grossMargin\n      costToServe\n      compensation\n      discounts\n      serviceHours\n      profit\n      returnRate\n    }\n  }\n}": types.CustomerProfitDocument,
    "query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}": types.CustomerDocument,
    "subscription CustomerRiskChanged($id: ID!, $lang: String!) {\n  customerRiskChanged(customerId: $id) {\n    id\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n  }\n}": types.CustomerRiskChangedDocument,
    "query CustomerRiskHistory($id: ID!, $days: Int!) {\n  customer(id: $id) {\n    id\n    riskHistory(days: $days) {\n      score\n      level\n      at\n    }\n  }\n  workspace {\n    id\n    settings {\n      riskThresholds {\n        watch\n        atRisk\n        critical\n      }\n    }\n  }\n}": types.CustomerRiskHistoryDocument,
    "query CustomerTimeline($id: ID!, $first: Int!, $after: String, $lang: String!) {\n  customer(id: $id) {\n    id\n    timeline(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          kind\n          at\n          id\n          interaction {\n            id\n            channel\n            direction\n            occurredAt\n            summary\n            sentiment\n            competitor\n            giftValue\n            giftFeedback\n            nextStep\n            nextStepDueAt\n            durationMinutes\n            user {\n              id\n              name\n            }\n          }\n          stageChange {\n            id\n            fromStage\n            toStage\n            reason\n            lossReason {\n              id\n              code\n              label\n            }\n            actor {\n              id\n              name\n            }\n          }\n          complaint {\n            id\n            status\n            severity\n            category\n            description\n            deadlineBreached\n          }\n          promise {\n            id\n            description\n            dueAt\n            status\n            overdue\n            owner {\n              id\n              name\n            }\n            version\n          }\n          alert {\n            id\n            kind\n            levelAfter\n            scoreAfter\n            status\n            reasons {\n              key\n              points\n              text(lang: $lang)\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.CustomerTimelineDocument,
    "query CustomersCount($filter: CustomerFilter) {\n  customers(first: 1, filter: $filter) {\n    totalCount\n  }\n}": types.CustomersCountDocument,
    "query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.CustomersDocument,
    "mutation DeleteKeyDate($id: ID!) {\n  deleteKeyDate(id: $id)\n}": types.DeleteKeyDateDocument,
    "mutation LogInteraction($input: LogInteractionInput!) {\n  logInteraction(input: $input) {\n    id\n    occurredAt\n    customer {\n      id\n      lastContactAt\n      riskScore\n      riskLevel\n    }\n  }\n}": types.LogInteractionDocument,
    "query LossReasonOptions {\n  lossReasons {\n    id\n    code\n    label\n  }\n}": types.LossReasonOptionsDocument,
    "query OwnerOptions {\n  users {\n    id\n    name\n    role\n    active\n  }\n}": types.OwnerOptionsDocument,
    "mutation ReassignCustomers($ids: [ID!]!, $ownerId: ID!, $backupOwnerId: ID) {\n  reassignCustomers(ids: $ids, ownerId: $ownerId, backupOwnerId: $backupOwnerId) {\n    id\n    owner {\n      id\n      name\n    }\n    backupOwner {\n      id\n      name\n    }\n    ownerDeparted\n    version\n  }\n}": types.ReassignCustomersDocument,
    "query RelationshipTypeOptions {\n  relationshipTypes {\n    id\n    name\n  }\n}": types.RelationshipTypeOptionsDocument,
    "mutation ResolvePromise($id: ID!, $version: Int!, $status: PromiseStatus!, $note: String) {\n  resolvePromise(id: $id, version: $version, status: $status, note: $note) {\n    id\n    status\n    overdue\n    resolvedAt\n    resolutionNote\n    version\n    customer {\n      id\n      riskScore\n      riskLevel\n    }\n  }\n}": types.ResolvePromiseDocument,
    "mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}": types.UpdateCustomerDocument,
    "query DashboardAgenda($days: Int!) {\n  contactAgenda(days: $days) {\n    dueContacts {\n      customer {\n        id\n        name\n        company\n      }\n      dueAt\n      daysOverdue\n    }\n    keyDates {\n      keyDate {\n        id\n        kind\n        label\n        calendar\n      }\n      customer {\n        id\n        name\n      }\n      date\n      daysTo\n    }\n  }\n}": types.DashboardAgendaDocument,
    "query DashboardChurn($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n  base: customers(\n    first: 1\n    filter: {stages: [ACTIVE, DORMANT, SUSPENDED, WON_BACK]}\n  ) {\n    totalCount\n  }\n}": types.DashboardChurnDocument,
    "query DashboardProcessMeasures($from: Time!, $to: Time!) {\n  processMeasures(from: $from, to: $to) {\n    user {\n      id\n      name\n    }\n    customers\n    withinCadence\n    complaints\n    answeredInTime\n    promisesDue\n    kept\n    broken\n  }\n}": types.DashboardProcessMeasuresDocument,
    "query DashboardRevenueAtRisk($first: Int!) {\n  customers(\n    first: $first\n    filter: {riskLevels: [AT_RISK, CRITICAL]}\n    orderBy: RISK_DESC\n  ) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        annualRevenue\n        riskScore\n        riskLevel\n      }\n    }\n  }\n}": types.DashboardRevenueAtRiskDocument,
    "query DashboardRiskCounts {\n  healthy: customers(first: 1, filter: {riskLevels: [HEALTHY]}) {\n    totalCount\n  }\n  watch: customers(first: 1, filter: {riskLevels: [WATCH]}) {\n    totalCount\n  }\n  atRisk: customers(first: 1, filter: {riskLevels: [AT_RISK]}) {\n    totalCount\n  }\n  critical: customers(first: 1, filter: {riskLevels: [CRITICAL]}) {\n    totalCount\n  }\n}": types.DashboardRiskCountsDocument,
    "subscription AlertRaised($lang: String!) {\n  alertRaised {\n    ...AlertItem\n    customer {\n      id\n      riskScore\n      riskLevel\n      riskUpdatedAt\n    }\n  }\n}": types.AlertRaisedDocument,
    "query MissedAlerts($since: Time!, $lang: String!) {\n  alerts(first: 50, filter: {since: $since}) {\n    edges {\n      node {\n        ...AlertItem\n        customer {\n          id\n          riskScore\n          riskLevel\n          riskUpdatedAt\n        }\n      }\n    }\n  }\n}": types.MissedAlertsDocument,
    "query NewestAlert {\n  alerts(first: 1) {\n    edges {\n      node {\n        id\n        createdAt\n      }\n    }\n  }\n}": types.NewestAlertDocument,
    "fragment PlaybookEditable on Playbook {\n  id\n  code\n  name\n  purpose\n  version\n  steps {\n    position\n    kind\n    title\n    dueOffsetHours\n    defaultAssigneeRole\n  }\n}": types.PlaybookEditableFragmentDoc,
    "query Playbooks {\n  playbooks {\n    ...PlaybookEditable\n  }\n}": types.PlaybooksDocument,
    "mutation UpdatePlaybook($id: ID!, $version: Int!, $name: String!, $steps: [PlaybookStepInput!]!) {\n  updatePlaybook(id: $id, version: $version, name: $name, steps: $steps) {\n    ...PlaybookEditable\n  }\n}": types.UpdatePlaybookDocument,
    "mutation CreateRelationshipType($input: RelationshipTypeInput!) {\n  createRelationshipType(input: $input) {\n    ...RelationshipTypeContract\n  }\n}": types.CreateRelationshipTypeDocument,
    "fragment RelationshipTypeContract on RelationshipType {\n  id\n  name\n  description\n  contactCadenceDays\n  complaintSlaHours\n  dos\n  donts\n  benefitBudget\n  riskWeights {\n    contactOverdue\n    openComplaints\n    breachedDeadlines\n    brokenPromises\n    sentiment\n    orderDecline\n    returns\n    competitor\n    ownerRisk\n    remediationOverdue\n  }\n  customerCount\n  version\n  updatedAt\n}": types.RelationshipTypeContractFragmentDoc,
    "query RelationshipTypes {\n  relationshipTypes {\n    ...RelationshipTypeContract\n  }\n}": types.RelationshipTypesDocument,
    "mutation UpdateRelationshipType($id: ID!, $version: Int!, $input: RelationshipTypeInput!) {\n  updateRelationshipType(id: $id, version: $version, input: $input) {\n    ...RelationshipTypeContract\n  }\n}": types.UpdateRelationshipTypeDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    ...DirectoryUser\n  }\n}": types.CreateUserDocument,
    "mutation DeactivateUser($id: ID!, $successorId: ID) {\n  deactivateUser(id: $id, successorId: $successorId) {\n    ...DirectoryUser\n  }\n}": types.DeactivateUserDocument,
    "fragment DirectoryUser on User {\n  id\n  email\n  name\n  role\n  locale\n  active\n  deactivatedAt\n  manager {\n    id\n    name\n  }\n  version\n  createdAt\n}": types.DirectoryUserFragmentDoc,
    "mutation UpdateUser($id: ID!, $version: Int!, $input: UpdateUserInput!) {\n  updateUser(id: $id, version: $version, input: $input) {\n    ...DirectoryUser\n  }\n}": types.UpdateUserDocument,
    "query Users($includeInactive: Boolean!) {\n  users(includeInactive: $includeInactive) {\n    ...DirectoryUser\n  }\n}": types.UsersDocument,
    "query NegativeProfitCustomers($first: Int!) {\n  negativeProfitCustomers(first: $first) {\n    customer {\n      id\n      name\n      company\n      tier\n      owner {\n        id\n        name\n      }\n    }\n    revenue\n    grossMargin\n    costToServe\n    profit\n    returnRate\n  }\n}": types.NegativeProfitCustomersDocument,
    "query ProfitOverview {\n  profitOverview {\n    customers\n    topShare\n    negativeCount\n    pareto {\n      customerShare\n      profitShare\n    }\n    tiers {\n      tier\n      customers\n      revenue\n      profit\n      negativeProfit\n    }\n  }\n}": types.ProfitOverviewDocument,
    "query LossReasonAnalysis($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n}": types.LossReasonAnalysisDocument,
    "mutation StartWinBack($playbookId: ID!, $customerId: ID!) {\n  applyPlaybook(playbookId: $playbookId, customerId: $customerId) {\n    ...WinBackStep\n  }\n}": types.StartWinBackDocument,
    "mutation UpdateWinBackStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...WinBackStep\n  }\n}": types.UpdateWinBackStepDocument,
    "query WinBackPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}": types.WinBackPlaybooksDocument,
    "query WinBack($first: Int!, $after: String) {\n  winBack(first: $first, after: $after) {\n    edges {\n      node {\n        customer {\n          id\n          name\n          company\n          stage\n          owner {\n            id\n            name\n          }\n          winBackSteps {\n            ...WinBackStep\n          }\n        }\n        lostAt\n        lossReason {\n          id\n          code\n          label\n        }\n        stepsTotal\n        stepsDone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.WinBackDocument,
    "fragment WinBackStep on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  completedAt\n  version\n}": types.WinBackStepFragmentDoc,
    "mutation UpdateWorkspace($version: Int!, $input: WorkspaceSettingsInput!) {\n  updateWorkspace(version: $version, input: $input) {\n    ...WorkspacePolicy\n  }\n}": types.UpdateWorkspaceDocument,
    "query WorkspaceCurrency {\n  workspace {\n    id\n    settings {\n      currency\n    }\n  }\n}": types.WorkspaceCurrencyDocument,
    "query WorkspaceSettings {\n  workspace {\n    ...WorkspacePolicy\n  }\n}": types.WorkspaceSettingsDocument,
    "fragment WorkspacePolicy on Workspace {\n  id\n  name\n  slug\n  version\n  settings {\n    riskThresholds {\n      watch\n      atRisk\n      critical\n    }\n    riskWeights {\n      contactOverdue\n      openComplaints\n      breachedDeadlines\n      brokenPromises\n      sentiment\n      orderDecline\n      returns\n      competitor\n      ownerRisk\n      remediationOverdue\n    }\n    autoRecoveryPlaybook\n    timezone\n    currency\n  }\n}": types.WorkspacePolicyFragmentDoc,
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
export function graphql(source: "mutation AcknowledgeAlert($id: ID!, $lang: String!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertItem\n  }\n}"): (typeof documents)["mutation AcknowledgeAlert($id: ID!, $lang: String!) {\n  acknowledgeAlert(id: $id) {\n    ...AlertItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AlertItem on Alert {\n  id\n  kind\n  status\n  scoreBefore\n  scoreAfter\n  levelBefore\n  levelAfter\n  createdAt\n  acknowledgedAt\n  acknowledgedBy {\n    id\n    name\n  }\n  resolvedAt\n  resolvedBy {\n    id\n    name\n  }\n  customer {\n    id\n    name\n    company\n    riskScore\n    riskLevel\n  }\n  reasons {\n    key\n    points\n    text(lang: $lang)\n  }\n}"): (typeof documents)["fragment AlertItem on Alert {\n  id\n  kind\n  status\n  scoreBefore\n  scoreAfter\n  levelBefore\n  levelAfter\n  createdAt\n  acknowledgedAt\n  acknowledgedBy {\n    id\n    name\n  }\n  resolvedAt\n  resolvedBy {\n    id\n    name\n  }\n  customer {\n    id\n    name\n    company\n    riskScore\n    riskLevel\n  }\n  reasons {\n    key\n    points\n    text(lang: $lang)\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Alerts($first: Int!, $after: String, $filter: AlertFilter, $lang: String!) {\n  alerts(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...AlertItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Alerts($first: Int!, $after: String, $filter: AlertFilter, $lang: String!) {\n  alerts(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...AlertItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResolveAlert($id: ID!, $lang: String!) {\n  resolveAlert(id: $id) {\n    ...AlertItem\n  }\n}"): (typeof documents)["mutation ResolveAlert($id: ID!, $lang: String!) {\n  resolveAlert(id: $id) {\n    ...AlertItem\n  }\n}"];
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
export function graphql(source: "query AuditLog($entityType: String, $entityId: ID, $first: Int!, $after: String) {\n  auditLog(\n    entityType: $entityType\n    entityId: $entityId\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        id\n        actor {\n          id\n          name\n        }\n        actorTokenId\n        action\n        entityType\n        entityId\n        before\n        after\n        requestId\n        at\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query AuditLog($entityType: String, $entityId: ID, $first: Int!, $after: String) {\n  auditLog(\n    entityType: $entityType\n    entityId: $entityId\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        id\n        actor {\n          id\n          name\n        }\n        actorTokenId\n        action\n        entityType\n        entityId\n        before\n        after\n        requestId\n        at\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
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
export function graphql(source: "mutation AddRemediationStep($input: AddStepInput!) {\n  addRemediationStep(input: $input) {\n    ...RemediationStepItem\n  }\n}"): (typeof documents)["mutation AddRemediationStep($input: AddStepInput!) {\n  addRemediationStep(input: $input) {\n    ...RemediationStepItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApplyRecoveryPlaybook($playbookId: ID!, $complaintId: ID!) {\n  applyPlaybook(playbookId: $playbookId, complaintId: $complaintId) {\n    ...RemediationStepItem\n  }\n}"): (typeof documents)["mutation ApplyRecoveryPlaybook($playbookId: ID!, $complaintId: ID!) {\n  applyPlaybook(playbookId: $playbookId, complaintId: $complaintId) {\n    ...RemediationStepItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ComplaintCard on Complaint {\n  id\n  status\n  severity\n  category\n  channel\n  description\n  openedAt\n  responseDueAt\n  acknowledgedAt\n  deadlineBreached\n  resolvedAt\n  closedAt\n  escalatedAt\n  escalatedTo {\n    id\n    name\n  }\n  reopenCount\n  totalCost\n  customer {\n    id\n    name\n    company\n  }\n  owner {\n    id\n    name\n  }\n  version\n}"): (typeof documents)["fragment ComplaintCard on Complaint {\n  id\n  status\n  severity\n  category\n  channel\n  description\n  openedAt\n  responseDueAt\n  acknowledgedAt\n  deadlineBreached\n  resolvedAt\n  closedAt\n  escalatedAt\n  escalatedTo {\n    id\n    name\n  }\n  reopenCount\n  totalCost\n  customer {\n    id\n    name\n    company\n  }\n  owner {\n    id\n    name\n  }\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ComplaintDetail on Complaint {\n  ...ComplaintCard\n  breachedAt\n  rootCause\n  preventionAction\n  satisfaction\n  updatedAt\n  owner {\n    id\n    name\n    manager {\n      id\n      name\n    }\n  }\n  steps {\n    ...RemediationStepItem\n  }\n}"): (typeof documents)["fragment ComplaintDetail on Complaint {\n  ...ComplaintCard\n  breachedAt\n  rootCause\n  preventionAction\n  satisfaction\n  updatedAt\n  owner {\n    id\n    name\n    manager {\n      id\n      name\n    }\n  }\n  steps {\n    ...RemediationStepItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ComplaintPeople {\n  users {\n    id\n    name\n    role\n    active\n  }\n}"): (typeof documents)["query ComplaintPeople {\n  users {\n    id\n    name\n    role\n    active\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Complaint($id: ID!) {\n  complaint(id: $id) {\n    ...ComplaintDetail\n  }\n}"): (typeof documents)["query Complaint($id: ID!) {\n  complaint(id: $id) {\n    ...ComplaintDetail\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ComplaintsBoard($first: Int!, $after: String, $filter: ComplaintFilter) {\n  complaints(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...ComplaintCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query ComplaintsBoard($first: Int!, $after: String, $filter: ComplaintFilter) {\n  complaints(first: $first, after: $after, filter: $filter) {\n    edges {\n      node {\n        ...ComplaintCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EscalateComplaint($id: ID!, $version: Int!, $managerId: ID, $note: String) {\n  escalateComplaint(\n    id: $id\n    version: $version\n    managerId: $managerId\n    note: $note\n  ) {\n    ...ComplaintDetail\n  }\n}"): (typeof documents)["mutation EscalateComplaint($id: ID!, $version: Int!, $managerId: ID, $note: String) {\n  escalateComplaint(\n    id: $id\n    version: $version\n    managerId: $managerId\n    note: $note\n  ) {\n    ...ComplaintDetail\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RecoveryPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}"): (typeof documents)["query RecoveryPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RemediationStepItem on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  cost\n  notes\n  completedAt\n  version\n}"): (typeof documents)["fragment RemediationStepItem on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  cost\n  notes\n  completedAt\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReorderRemediationSteps($stepIds: [ID!]!) {\n  reorderRemediationSteps(stepIds: $stepIds) {\n    ...RemediationStepItem\n  }\n}"): (typeof documents)["mutation ReorderRemediationSteps($stepIds: [ID!]!) {\n  reorderRemediationSteps(stepIds: $stepIds) {\n    ...RemediationStepItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TransitionComplaint($id: ID!, $version: Int!, $input: TransitionComplaintInput!) {\n  transitionComplaint(id: $id, version: $version, input: $input) {\n    ...ComplaintDetail\n  }\n}"): (typeof documents)["mutation TransitionComplaint($id: ID!, $version: Int!, $input: TransitionComplaintInput!) {\n  transitionComplaint(id: $id, version: $version, input: $input) {\n    ...ComplaintDetail\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateRemediationStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...RemediationStepItem\n  }\n}"): (typeof documents)["mutation UpdateRemediationStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...RemediationStepItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddKeyDate($input: AddKeyDateInput!) {\n  addKeyDate(input: $input) {\n    id\n    kind\n    label\n    calendar\n    month\n    day\n    year\n    notes\n    nextDate\n  }\n}"): (typeof documents)["mutation AddKeyDate($input: AddKeyDateInput!) {\n  addKeyDate(input: $input) {\n    id\n    kind\n    label\n    calendar\n    month\n    day\n    year\n    notes\n    nextDate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangeStage($input: ChangeStageInput!) {\n  changeStage(input: $input) {\n    id\n    stage\n    version\n    updatedAt\n    riskScore\n    riskLevel\n  }\n}"): (typeof documents)["mutation ChangeStage($input: ChangeStageInput!) {\n  changeStage(input: $input) {\n    id\n    stage\n    version\n    updatedAt\n    riskScore\n    riskLevel\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}"): (typeof documents)["mutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerListItem\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreatePromise($input: CreatePromiseInput!) {\n  createPromise(input: $input) {\n    id\n    description\n    dueAt\n    status\n    overdue\n    customer {\n      id\n    }\n  }\n}"): (typeof documents)["mutation CreatePromise($input: CreatePromiseInput!) {\n  createPromise(input: $input) {\n    id\n    description\n    dueAt\n    status\n    overdue\n    customer {\n      id\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CustomerKeyDates($id: ID!) {\n  customer(id: $id) {\n    id\n    keyDates {\n      id\n      kind\n      label\n      calendar\n      month\n      day\n      year\n      notes\n      nextDate\n    }\n  }\n}"): (typeof documents)["query CustomerKeyDates($id: ID!) {\n  customer(id: $id) {\n    id\n    keyDates {\n      id\n      kind\n      label\n      calendar\n      month\n      day\n      year\n      notes\n      nextDate\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}"): (typeof documents)["fragment CustomerListItem on Customer {\n  id\n  name\n  company\n  city\n  stage\n  tier\n  riskScore\n  riskLevel\n  tags\n  ownerDeparted\n  lastContactAt\n  annualRevenue\n  owner {\n    id\n    name\n  }\n  relationshipType {\n    id\n    name\n  }\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CustomerOpenComplaint($input: OpenComplaintInput!) {\n  openComplaint(input: $input) {\n    id\n    status\n    severity\n    responseDueAt\n    customer {\n      id\n      openComplaintCount\n      riskScore\n      riskLevel\n    }\n  }\n}"): (typeof documents)["mutation CustomerOpenComplaint($input: OpenComplaintInput!) {\n  openComplaint(input: $input) {\n    id\n    status\n    severity\n    responseDueAt\n    customer {\n      id\n      openComplaintCount\n      riskScore\n      riskLevel\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}"): (typeof documents)["fragment CustomerProfile on Customer {\n  id\n  externalId\n  name\n  company\n  email\n  phone\n  city\n  industry\n  stage\n  tier\n  potential\n  tags\n  details\n  preferences\n  annualRevenue\n  acquisitionCost\n  satisfaction\n  ownerDeparted\n  owner {\n    id\n    name\n    email\n  }\n  backupOwner {\n    id\n    name\n    email\n  }\n  relationshipType {\n    id\n    name\n    description\n    contactCadenceDays\n    complaintSlaHours\n    dos\n    donts\n    benefitBudget\n  }\n  version\n  updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CustomerProfit($id: ID!) {\n  customer(id: $id) {\n    id\n    profit {\n      revenue\n      returns\n      grossMargin\n      costToServe\n      compensation\n      discounts\n      serviceHours\n      profit\n      returnRate\n    }\n  }\n}"): (typeof documents)["query CustomerProfit($id: ID!) {\n  customer(id: $id) {\n    id\n    profit {\n      revenue\n      returns\n      grossMargin\n      costToServe\n      compensation\n      discounts\n      serviceHours\n      profit\n      returnRate\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}"): (typeof documents)["query Customer($id: ID!, $lang: String!) {\n  customer(id: $id) {\n    ...CustomerProfile\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n    lastContactAt\n    openComplaintCount\n    createdAt\n    archivedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription CustomerRiskChanged($id: ID!, $lang: String!) {\n  customerRiskChanged(customerId: $id) {\n    id\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n  }\n}"): (typeof documents)["subscription CustomerRiskChanged($id: ID!, $lang: String!) {\n  customerRiskChanged(customerId: $id) {\n    id\n    riskScore\n    riskLevel\n    riskUpdatedAt\n    riskFactors {\n      key\n      points\n      text(lang: $lang)\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CustomerRiskHistory($id: ID!, $days: Int!) {\n  customer(id: $id) {\n    id\n    riskHistory(days: $days) {\n      score\n      level\n      at\n    }\n  }\n  workspace {\n    id\n    settings {\n      riskThresholds {\n        watch\n        atRisk\n        critical\n      }\n    }\n  }\n}"): (typeof documents)["query CustomerRiskHistory($id: ID!, $days: Int!) {\n  customer(id: $id) {\n    id\n    riskHistory(days: $days) {\n      score\n      level\n      at\n    }\n  }\n  workspace {\n    id\n    settings {\n      riskThresholds {\n        watch\n        atRisk\n        critical\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CustomerTimeline($id: ID!, $first: Int!, $after: String, $lang: String!) {\n  customer(id: $id) {\n    id\n    timeline(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          kind\n          at\n          id\n          interaction {\n            id\n            channel\n            direction\n            occurredAt\n            summary\n            sentiment\n            competitor\n            giftValue\n            giftFeedback\n            nextStep\n            nextStepDueAt\n            durationMinutes\n            user {\n              id\n              name\n            }\n          }\n          stageChange {\n            id\n            fromStage\n            toStage\n            reason\n            lossReason {\n              id\n              code\n              label\n            }\n            actor {\n              id\n              name\n            }\n          }\n          complaint {\n            id\n            status\n            severity\n            category\n            description\n            deadlineBreached\n          }\n          promise {\n            id\n            description\n            dueAt\n            status\n            overdue\n            owner {\n              id\n              name\n            }\n            version\n          }\n          alert {\n            id\n            kind\n            levelAfter\n            scoreAfter\n            status\n            reasons {\n              key\n              points\n              text(lang: $lang)\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query CustomerTimeline($id: ID!, $first: Int!, $after: String, $lang: String!) {\n  customer(id: $id) {\n    id\n    timeline(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          kind\n          at\n          id\n          interaction {\n            id\n            channel\n            direction\n            occurredAt\n            summary\n            sentiment\n            competitor\n            giftValue\n            giftFeedback\n            nextStep\n            nextStepDueAt\n            durationMinutes\n            user {\n              id\n              name\n            }\n          }\n          stageChange {\n            id\n            fromStage\n            toStage\n            reason\n            lossReason {\n              id\n              code\n              label\n            }\n            actor {\n              id\n              name\n            }\n          }\n          complaint {\n            id\n            status\n            severity\n            category\n            description\n            deadlineBreached\n          }\n          promise {\n            id\n            description\n            dueAt\n            status\n            overdue\n            owner {\n              id\n              name\n            }\n            version\n          }\n          alert {\n            id\n            kind\n            levelAfter\n            scoreAfter\n            status\n            reasons {\n              key\n              points\n              text(lang: $lang)\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CustomersCount($filter: CustomerFilter) {\n  customers(first: 1, filter: $filter) {\n    totalCount\n  }\n}"): (typeof documents)["query CustomersCount($filter: CustomerFilter) {\n  customers(first: 1, filter: $filter) {\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Customers($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {\n  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...CustomerListItem\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteKeyDate($id: ID!) {\n  deleteKeyDate(id: $id)\n}"): (typeof documents)["mutation DeleteKeyDate($id: ID!) {\n  deleteKeyDate(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LogInteraction($input: LogInteractionInput!) {\n  logInteraction(input: $input) {\n    id\n    occurredAt\n    customer {\n      id\n      lastContactAt\n      riskScore\n      riskLevel\n    }\n  }\n}"): (typeof documents)["mutation LogInteraction($input: LogInteractionInput!) {\n  logInteraction(input: $input) {\n    id\n    occurredAt\n    customer {\n      id\n      lastContactAt\n      riskScore\n      riskLevel\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LossReasonOptions {\n  lossReasons {\n    id\n    code\n    label\n  }\n}"): (typeof documents)["query LossReasonOptions {\n  lossReasons {\n    id\n    code\n    label\n  }\n}"];
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
export function graphql(source: "mutation ResolvePromise($id: ID!, $version: Int!, $status: PromiseStatus!, $note: String) {\n  resolvePromise(id: $id, version: $version, status: $status, note: $note) {\n    id\n    status\n    overdue\n    resolvedAt\n    resolutionNote\n    version\n    customer {\n      id\n      riskScore\n      riskLevel\n    }\n  }\n}"): (typeof documents)["mutation ResolvePromise($id: ID!, $version: Int!, $status: PromiseStatus!, $note: String) {\n  resolvePromise(id: $id, version: $version, status: $status, note: $note) {\n    id\n    status\n    overdue\n    resolvedAt\n    resolutionNote\n    version\n    customer {\n      id\n      riskScore\n      riskLevel\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}"): (typeof documents)["mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {\n  updateCustomer(id: $id, version: $version, input: $input) {\n    ...CustomerProfile\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardAgenda($days: Int!) {\n  contactAgenda(days: $days) {\n    dueContacts {\n      customer {\n        id\n        name\n        company\n      }\n      dueAt\n      daysOverdue\n    }\n    keyDates {\n      keyDate {\n        id\n        kind\n        label\n        calendar\n      }\n      customer {\n        id\n        name\n      }\n      date\n      daysTo\n    }\n  }\n}"): (typeof documents)["query DashboardAgenda($days: Int!) {\n  contactAgenda(days: $days) {\n    dueContacts {\n      customer {\n        id\n        name\n        company\n      }\n      dueAt\n      daysOverdue\n    }\n    keyDates {\n      keyDate {\n        id\n        kind\n        label\n        calendar\n      }\n      customer {\n        id\n        name\n      }\n      date\n      daysTo\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardChurn($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n  base: customers(\n    first: 1\n    filter: {stages: [ACTIVE, DORMANT, SUSPENDED, WON_BACK]}\n  ) {\n    totalCount\n  }\n}"): (typeof documents)["query DashboardChurn($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n  base: customers(\n    first: 1\n    filter: {stages: [ACTIVE, DORMANT, SUSPENDED, WON_BACK]}\n  ) {\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardProcessMeasures($from: Time!, $to: Time!) {\n  processMeasures(from: $from, to: $to) {\n    user {\n      id\n      name\n    }\n    customers\n    withinCadence\n    complaints\n    answeredInTime\n    promisesDue\n    kept\n    broken\n  }\n}"): (typeof documents)["query DashboardProcessMeasures($from: Time!, $to: Time!) {\n  processMeasures(from: $from, to: $to) {\n    user {\n      id\n      name\n    }\n    customers\n    withinCadence\n    complaints\n    answeredInTime\n    promisesDue\n    kept\n    broken\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardRevenueAtRisk($first: Int!) {\n  customers(\n    first: $first\n    filter: {riskLevels: [AT_RISK, CRITICAL]}\n    orderBy: RISK_DESC\n  ) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        annualRevenue\n        riskScore\n        riskLevel\n      }\n    }\n  }\n}"): (typeof documents)["query DashboardRevenueAtRisk($first: Int!) {\n  customers(\n    first: $first\n    filter: {riskLevels: [AT_RISK, CRITICAL]}\n    orderBy: RISK_DESC\n  ) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        annualRevenue\n        riskScore\n        riskLevel\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardRiskCounts {\n  healthy: customers(first: 1, filter: {riskLevels: [HEALTHY]}) {\n    totalCount\n  }\n  watch: customers(first: 1, filter: {riskLevels: [WATCH]}) {\n    totalCount\n  }\n  atRisk: customers(first: 1, filter: {riskLevels: [AT_RISK]}) {\n    totalCount\n  }\n  critical: customers(first: 1, filter: {riskLevels: [CRITICAL]}) {\n    totalCount\n  }\n}"): (typeof documents)["query DashboardRiskCounts {\n  healthy: customers(first: 1, filter: {riskLevels: [HEALTHY]}) {\n    totalCount\n  }\n  watch: customers(first: 1, filter: {riskLevels: [WATCH]}) {\n    totalCount\n  }\n  atRisk: customers(first: 1, filter: {riskLevels: [AT_RISK]}) {\n    totalCount\n  }\n  critical: customers(first: 1, filter: {riskLevels: [CRITICAL]}) {\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AlertRaised($lang: String!) {\n  alertRaised {\n    ...AlertItem\n    customer {\n      id\n      riskScore\n      riskLevel\n      riskUpdatedAt\n    }\n  }\n}"): (typeof documents)["subscription AlertRaised($lang: String!) {\n  alertRaised {\n    ...AlertItem\n    customer {\n      id\n      riskScore\n      riskLevel\n      riskUpdatedAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MissedAlerts($since: Time!, $lang: String!) {\n  alerts(first: 50, filter: {since: $since}) {\n    edges {\n      node {\n        ...AlertItem\n        customer {\n          id\n          riskScore\n          riskLevel\n          riskUpdatedAt\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query MissedAlerts($since: Time!, $lang: String!) {\n  alerts(first: 50, filter: {since: $since}) {\n    edges {\n      node {\n        ...AlertItem\n        customer {\n          id\n          riskScore\n          riskLevel\n          riskUpdatedAt\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NewestAlert {\n  alerts(first: 1) {\n    edges {\n      node {\n        id\n        createdAt\n      }\n    }\n  }\n}"): (typeof documents)["query NewestAlert {\n  alerts(first: 1) {\n    edges {\n      node {\n        id\n        createdAt\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PlaybookEditable on Playbook {\n  id\n  code\n  name\n  purpose\n  version\n  steps {\n    position\n    kind\n    title\n    dueOffsetHours\n    defaultAssigneeRole\n  }\n}"): (typeof documents)["fragment PlaybookEditable on Playbook {\n  id\n  code\n  name\n  purpose\n  version\n  steps {\n    position\n    kind\n    title\n    dueOffsetHours\n    defaultAssigneeRole\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Playbooks {\n  playbooks {\n    ...PlaybookEditable\n  }\n}"): (typeof documents)["query Playbooks {\n  playbooks {\n    ...PlaybookEditable\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdatePlaybook($id: ID!, $version: Int!, $name: String!, $steps: [PlaybookStepInput!]!) {\n  updatePlaybook(id: $id, version: $version, name: $name, steps: $steps) {\n    ...PlaybookEditable\n  }\n}"): (typeof documents)["mutation UpdatePlaybook($id: ID!, $version: Int!, $name: String!, $steps: [PlaybookStepInput!]!) {\n  updatePlaybook(id: $id, version: $version, name: $name, steps: $steps) {\n    ...PlaybookEditable\n  }\n}"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NegativeProfitCustomers($first: Int!) {\n  negativeProfitCustomers(first: $first) {\n    customer {\n      id\n      name\n      company\n      tier\n      owner {\n        id\n        name\n      }\n    }\n    revenue\n    grossMargin\n    costToServe\n    profit\n    returnRate\n  }\n}"): (typeof documents)["query NegativeProfitCustomers($first: Int!) {\n  negativeProfitCustomers(first: $first) {\n    customer {\n      id\n      name\n      company\n      tier\n      owner {\n        id\n        name\n      }\n    }\n    revenue\n    grossMargin\n    costToServe\n    profit\n    returnRate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProfitOverview {\n  profitOverview {\n    customers\n    topShare\n    negativeCount\n    pareto {\n      customerShare\n      profitShare\n    }\n    tiers {\n      tier\n      customers\n      revenue\n      profit\n      negativeProfit\n    }\n  }\n}"): (typeof documents)["query ProfitOverview {\n  profitOverview {\n    customers\n    topShare\n    negativeCount\n    pareto {\n      customerShare\n      profitShare\n    }\n    tiers {\n      tier\n      customers\n      revenue\n      profit\n      negativeProfit\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LossReasonAnalysis($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n}"): (typeof documents)["query LossReasonAnalysis($from: Time!, $to: Time!) {\n  lossReasonAnalysis(from: $from, to: $to) {\n    reason {\n      id\n      code\n      label\n    }\n    count\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartWinBack($playbookId: ID!, $customerId: ID!) {\n  applyPlaybook(playbookId: $playbookId, customerId: $customerId) {\n    ...WinBackStep\n  }\n}"): (typeof documents)["mutation StartWinBack($playbookId: ID!, $customerId: ID!) {\n  applyPlaybook(playbookId: $playbookId, customerId: $customerId) {\n    ...WinBackStep\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateWinBackStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...WinBackStep\n  }\n}"): (typeof documents)["mutation UpdateWinBackStep($id: ID!, $version: Int!, $input: UpdateStepInput!) {\n  updateRemediationStep(id: $id, version: $version, input: $input) {\n    ...WinBackStep\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WinBackPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}"): (typeof documents)["query WinBackPlaybooks {\n  playbooks {\n    id\n    code\n    name\n    purpose\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WinBack($first: Int!, $after: String) {\n  winBack(first: $first, after: $after) {\n    edges {\n      node {\n        customer {\n          id\n          name\n          company\n          stage\n          owner {\n            id\n            name\n          }\n          winBackSteps {\n            ...WinBackStep\n          }\n        }\n        lostAt\n        lossReason {\n          id\n          code\n          label\n        }\n        stepsTotal\n        stepsDone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query WinBack($first: Int!, $after: String) {\n  winBack(first: $first, after: $after) {\n    edges {\n      node {\n        customer {\n          id\n          name\n          company\n          stage\n          owner {\n            id\n            name\n          }\n          winBackSteps {\n            ...WinBackStep\n          }\n        }\n        lostAt\n        lossReason {\n          id\n          code\n          label\n        }\n        stepsTotal\n        stepsDone\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment WinBackStep on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  completedAt\n  version\n}"): (typeof documents)["fragment WinBackStep on RemediationStep {\n  id\n  complaintId\n  customer {\n    id\n  }\n  position\n  kind\n  title\n  assignee {\n    id\n    name\n  }\n  dueAt\n  overdue\n  status\n  skipReason\n  completedAt\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateWorkspace($version: Int!, $input: WorkspaceSettingsInput!) {\n  updateWorkspace(version: $version, input: $input) {\n    ...WorkspacePolicy\n  }\n}"): (typeof documents)["mutation UpdateWorkspace($version: Int!, $input: WorkspaceSettingsInput!) {\n  updateWorkspace(version: $version, input: $input) {\n    ...WorkspacePolicy\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkspaceCurrency {\n  workspace {\n    id\n    settings {\n      currency\n    }\n  }\n}"): (typeof documents)["query WorkspaceCurrency {\n  workspace {\n    id\n    settings {\n      currency\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkspaceSettings {\n  workspace {\n    ...WorkspacePolicy\n  }\n}"): (typeof documents)["query WorkspaceSettings {\n  workspace {\n    ...WorkspacePolicy\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment WorkspacePolicy on Workspace {\n  id\n  name\n  slug\n  version\n  settings {\n    riskThresholds {\n      watch\n      atRisk\n      critical\n    }\n    riskWeights {\n      contactOverdue\n      openComplaints\n      breachedDeadlines\n      brokenPromises\n      sentiment\n      orderDecline\n      returns\n      competitor\n      ownerRisk\n      remediationOverdue\n    }\n    autoRecoveryPlaybook\n    timezone\n    currency\n  }\n}"): (typeof documents)["fragment WorkspacePolicy on Workspace {\n  id\n  name\n  slug\n  version\n  settings {\n    riskThresholds {\n      watch\n      atRisk\n      critical\n    }\n    riskWeights {\n      contactOverdue\n      openComplaints\n      breachedDeadlines\n      brokenPromises\n      sentiment\n      orderDecline\n      returns\n      competitor\n      ownerRisk\n      remediationOverdue\n    }\n    autoRecoveryPlaybook\n    timezone\n    currency\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;