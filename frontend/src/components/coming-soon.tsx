import { Paper } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';
import { StateMessage } from './states';

export type ComingSoonSection = 'dashboard' | 'complaints' | 'alerts' | 'winBack' | 'value' | 'playbooks' | 'audit';

/** A placeholder for a screen whose API has not landed yet. */
export function ComingSoon({ section, withHeader = true }: { section: ComingSoonSection; withHeader?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {withHeader && <PageHeader title={t(`comingSoon.${section}.title`)} />}
      <Paper withBorder p="lg" radius="md" data-testid="coming-soon">
        <StateMessage icon={IconHourglassHigh} color="blue" title={t('comingSoon.heading')}>
          {t(`comingSoon.${section}.body`)}
        </StateMessage>
      </Paper>
    </>
  );
}
