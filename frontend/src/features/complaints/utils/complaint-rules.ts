import type { ComplaintStatus, Severity, StepKind, StepStatus } from '@/gql/graphql';

/** The board's columns, in the order of the state machine. */
export const COMPLAINT_STATUSES: ComplaintStatus[] = ['OPEN', 'ACKNOWLEDGED', 'REMEDIATING', 'RESOLVED', 'CLOSED'];
export const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export const COMPLAINT_CATEGORIES = ['QUALITY', 'DELIVERY', 'BILLING', 'SERVICE_ATTITUDE', 'BROKEN_PROMISE', 'PRICE', 'OTHER'] as const;
export const STEP_KINDS: StepKind[] = [
  'APOLOGISE',
  'ASK_REMEDY',
  'COMPENSATE',
  'ESCALATE',
  'CORRECT',
  'CARE',
  'ACCOUNTABILITY',
  'CONTACT',
  'LISTEN',
  'PLAN',
  'FULFIL',
  'FIX_DEFECT',
  'OTHER',
];
export const STEP_STATUSES: StepStatus[] = ['PENDING', 'DONE', 'SKIPPED'];

/**
 * The state machine exactly as the API enforces it (complaint.go): open →
 * acknowledged → remediating → resolved → closed, and reopen from resolved
 * or closed. Only these moves are ever offered.
 */
export const COMPLAINT_TRANSITIONS: Record<ComplaintStatus, ComplaintStatus[]> = {
  OPEN: ['ACKNOWLEDGED'],
  ACKNOWLEDGED: ['REMEDIATING'],
  REMEDIATING: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'OPEN'],
  CLOSED: ['OPEN'],
};

export function allowedTransitions(from: ComplaintStatus): ComplaintStatus[] {
  return COMPLAINT_TRANSITIONS[from] ?? [];
}

/** The name of the move from → to: a reopen is a move back to OPEN. */
export type TransitionAction = 'acknowledge' | 'remediate' | 'resolve' | 'close' | 'reopen';

export function transitionAction(to: ComplaintStatus): TransitionAction {
  switch (to) {
    case 'ACKNOWLEDGED':
      return 'acknowledge';
    case 'REMEDIATING':
      return 'remediate';
    case 'RESOLVED':
      return 'resolve';
    case 'CLOSED':
      return 'close';
    default:
      return 'reopen';
  }
}

/** Whether the complaint still needs work (and may be escalated). */
export function isOpenStatus(s: ComplaintStatus): boolean {
  return s === 'OPEN' || s === 'ACKNOWLEDGED' || s === 'REMEDIATING';
}

export const severityColor: Record<Severity, string> = { LOW: 'gray', MEDIUM: 'yellow', HIGH: 'orange', CRITICAL: 'red' };
export const complaintStatusColor: Record<ComplaintStatus, string> = {
  OPEN: 'red',
  ACKNOWLEDGED: 'orange',
  REMEDIATING: 'blue',
  RESOLVED: 'teal',
  CLOSED: 'gray',
};
export const stepStatusColor: Record<StepStatus, string> = { PENDING: 'gray', DONE: 'teal', SKIPPED: 'yellow' };
