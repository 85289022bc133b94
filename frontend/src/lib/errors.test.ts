import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { formFieldOf, fromGraphQLError, isAuthError, toAppError } from './errors';

const gqlError = (code: string, extra: Record<string, unknown> = {}, message = 'msg') =>
  new CombinedError({ graphQLErrors: [{ message, extensions: { code, ...extra } }] });

describe('toAppError', () => {
  it('maps each API code to one kind', () => {
    expect(toAppError(gqlError('UNAUTHENTICATED'))?.kind).toBe('unauthenticated');
    expect(toAppError(gqlError('FORBIDDEN'))?.kind).toBe('forbidden');
    expect(toAppError(gqlError('NOT_FOUND'))?.kind).toBe('not-found');
    expect(toAppError(gqlError('CONFLICT'))?.kind).toBe('conflict');
    expect(toAppError(gqlError('INTERNAL'))?.kind).toBe('internal');
  });

  it('keeps the field of BAD_USER_INPUT and the request id of INTERNAL', () => {
    expect(toAppError(gqlError('BAD_USER_INPUT', { field: 'input.email' }, 'input.email is not a valid email address'))).toEqual({
      kind: 'bad-input',
      field: 'input.email',
      message: 'input.email is not a valid email address',
    });
    expect(toAppError(gqlError('INTERNAL', { requestId: 'abc123' }))).toMatchObject({ kind: 'internal', requestId: 'abc123' });
  });

  it('treats unknown or missing codes as internal, never guessing from the message', () => {
    expect(fromGraphQLError({ message: 'not found' }).kind).toBe('internal');
    expect(fromGraphQLError({ message: 'x', extensions: { code: 'TEAPOT' } }).kind).toBe('internal');
  });

  it('reports network failures as network', () => {
    expect(toAppError(new CombinedError({ networkError: new Error('Failed to fetch') }))?.kind).toBe('network');
  });

  it('returns null without an error and picks the most actionable of several', () => {
    expect(toAppError(undefined)).toBeNull();
    const both = new CombinedError({
      graphQLErrors: [
        { message: 'a', extensions: { code: 'INTERNAL' } },
        { message: 'b', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    expect(toAppError(both)?.kind).toBe('unauthenticated');
    expect(isAuthError(both)).toBe(true);
    expect(isAuthError(gqlError('FORBIDDEN'))).toBe(false);
  });
});

describe('formFieldOf', () => {
  it('strips the input. prefix the API uses', () => {
    expect(formFieldOf('input.email')).toBe('email');
    expect(formFieldOf('input.riskWeights.sentiment')).toBe('riskWeights.sentiment');
    expect(formFieldOf('successorId')).toBe('successorId');
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});
