import { notifications } from '@mantine/notifications';
import type { CombinedError } from '@urql/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formFieldOf, toAppError, type AppError } from './errors';
import { focusFirstError } from './forms';

/** The part of a Mantine form the handler needs to put an error on a field. */
export type FieldErrorTarget = { setFieldError: (path: string, error: string) => void };

export type HandleOptions = {
  /** Where BAD_USER_INPUT errors go, when their field is one of `fields`. */
  form?: FieldErrorTarget;
  /** The form's field names; an error for another field becomes a notification. */
  fields?: readonly string[];
  /** CONFLICT: someone else saved first. Without it a notification explains. */
  onConflict?: () => void;
};

/**
 * Reacts to a failed mutation: field errors onto the form, a conflict to the
 * caller, everything else as a notification. UNAUTHENTICATED needs nothing:
 * the client has already tried a silent refresh and the router takes the
 * user to the login page. Returns the error, or null when there was none.
 */
export function useErrorHandler() {
  const { t } = useTranslation();
  return useCallback(
    (error: CombinedError | Error | null | undefined, opts: HandleOptions = {}): AppError | null => {
      const e = toAppError(error);
      if (!e) return null;
      const notify = (title: string, message: string) =>
        notifications.show({ color: 'red', title, message, autoClose: 8000 });
      switch (e.kind) {
        case 'bad-input': {
          const field = formFieldOf(e.field);
          if (opts.form && field && (!opts.fields || opts.fields.includes(field))) {
            opts.form.setFieldError(field, t('errors.fieldRejected', { message: e.message }));
            setTimeout(() => focusFirstError({ [field]: true }), 0);
          } else {
            notify(t('errors.badInputTitle'), e.message);
          }
          break;
        }
        case 'conflict':
          if (opts.onConflict) opts.onConflict();
          else notify(t('errors.conflictTitle'), t('errors.conflictBody'));
          break;
        case 'forbidden':
          notify(t('errors.forbiddenTitle'), t('errors.forbiddenAction'));
          break;
        case 'not-found':
          notify(t('errors.notFoundTitle'), t('errors.notFoundBody'));
          break;
        case 'network':
          notify(t('errors.networkTitle'), t('errors.networkBody'));
          break;
        case 'internal':
          notify(
            t('errors.internalTitle'),
            e.requestId ? `${t('errors.internalBody')} ${t('errors.requestId', { id: e.requestId })}` : t('errors.internalBody'),
          );
          break;
        case 'unauthenticated':
          break;
      }
      return e;
    },
    [t],
  );
}
