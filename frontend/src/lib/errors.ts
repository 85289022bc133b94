import type { CombinedError } from '@urql/core';

/**
 * What went wrong, in the terms the UI reacts to. The API puts a stable code
 * in `extensions.code` of every error; `toAppError` is the one place in the
 * app that reads it. Screens switch on `kind`, never on messages.
 */
export type AppError =
  /** No or an expired session: refresh silently, else sign in again. */
  | { kind: 'unauthenticated'; message: string }
  /** The role or scope does not allow this. */
  | { kind: 'forbidden'; message: string }
  /** The record does not exist or the user may not see it (indistinguishable on purpose). */
  | { kind: 'not-found'; message: string }
  /** Bad input; `field` names the input field in the API's spelling, e.g. "input.email". */
  | { kind: 'bad-input'; message: string; field?: string }
  /** Someone else saved first (stale `version`). */
  | { kind: 'conflict'; message: string }
  /** A server fault; `requestId` lets support find it in the logs. */
  | { kind: 'internal'; message: string; requestId?: string }
  /** The server could not be reached at all. */
  | { kind: 'network'; message: string };

export type AppErrorKind = AppError['kind'];

type GraphQLErrorLike = { message: string; extensions?: Record<string, unknown> | null };

/** The error codes of the API (see error.go). */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  BadUserInput: 'BAD_USER_INPUT',
  Conflict: 'CONFLICT',
  Internal: 'INTERNAL',
} as const;

/** Maps one GraphQL error to an AppError by its `extensions.code`. */
export function fromGraphQLError(e: GraphQLErrorLike): AppError {
  const ext = e.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code : '';
  const message = e.message;
  switch (code) {
    case ErrorCode.Unauthenticated:
      return { kind: 'unauthenticated', message };
    case ErrorCode.Forbidden:
      return { kind: 'forbidden', message };
    case ErrorCode.NotFound:
      return { kind: 'not-found', message };
    case ErrorCode.BadUserInput:
      return { kind: 'bad-input', message, field: typeof ext.field === 'string' ? ext.field : undefined };
    case ErrorCode.Conflict:
      return { kind: 'conflict', message };
    case ErrorCode.Internal:
    default:
      // Unknown codes are treated as server faults: never guess from the text.
      return { kind: 'internal', message, requestId: typeof ext.requestId === 'string' ? ext.requestId : undefined };
  }
}

// When several errors come back, the one the user must act on first wins.
const priority: Record<AppErrorKind, number> = {
  unauthenticated: 0,
  conflict: 1,
  'bad-input': 2,
  forbidden: 3,
  'not-found': 4,
  internal: 5,
  network: 6,
};

/** Turns an urql CombinedError (or any thrown error) into an AppError. */
export function toAppError(error: CombinedError | Error | null | undefined): AppError | null {
  if (!error) return null;
  const combined = error as Partial<CombinedError>;
  const gqlErrors = combined.graphQLErrors ?? [];
  if (gqlErrors.length > 0) {
    return gqlErrors.map(fromGraphQLError).sort((a, b) => priority[a.kind] - priority[b.kind])[0];
  }
  if (combined.networkError || 'graphQLErrors' in combined) {
    return { kind: 'network', message: (combined.networkError ?? error).message };
  }
  return { kind: 'internal', message: error.message };
}

/** Whether an urql error means the access token was refused. */
export function isAuthError(error: CombinedError | null | undefined): boolean {
  return toAppError(error)?.kind === 'unauthenticated';
}

/**
 * Maps an API field path ("input.email", "input.riskWeights.sentiment",
 * "successorId") onto a form field name ("email", "riskWeights.sentiment",
 * "successorId").
 */
export function formFieldOf(apiField: string | undefined): string | undefined {
  if (!apiField) return undefined;
  return apiField.startsWith('input.') ? apiField.slice('input.'.length) : apiField;
}
