import { Alert, Button, Group } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { revealAndFocus } from '@/lib/forms';

/** Explains a CONFLICT (someone else saved first) and offers to reload. */
export function ConflictAlert({ onReload, onDismiss, reloading }: { onReload: () => void; onDismiss?: () => void; reloading?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The form may be long: bring the explanation into view and focus it.
  useEffect(() => {
    revealAndFocus(ref.current);
  }, []);
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" icon={<IconGitMerge />} title={t('errors.conflictTitle')} role="alert" data-testid="conflict-alert" mb="md">
      {t('errors.conflictBody')}
      <Group mt="sm" gap="xs">
        <Button size="xs" color="orange" onClick={onReload} loading={reloading}>
          {t('errors.conflictReload')}
        </Button>
        {onDismiss && (
          <Button size="xs" variant="subtle" color="gray" onClick={onDismiss}>
            {t('errors.conflictKeepEditing')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
