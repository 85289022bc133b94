import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { ValueOverview } from '@/features/value/components/value-overview';

export default function ValueRoute() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('value.title')} description={t('value.subtitle')} />
      <ValueOverview />
    </>
  );
}
