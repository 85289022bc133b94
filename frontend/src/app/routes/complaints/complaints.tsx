import { Drawer } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { ComplaintDetail } from '@/features/complaints/components/complaint-detail';
import { ComplaintsBoard, type BoardFilters } from '@/features/complaints/components/complaints-board';
import { SEVERITIES } from '@/features/complaints/utils/complaint-rules';
import type { Severity } from '@/gql/graphql';
import { useCurrentUser, usePermissions } from '@/lib/session-context';
import { useIsMobile } from '@/lib/use-is-mobile';

/** The board; `?c=<id>` opens a complaint in a drawer (filters live in the URL too). */
export default function ComplaintsRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = usePermissions();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<BoardFilters>(
    () => ({
      severities: (params.get('severity')?.split(',') ?? []).filter((s): s is Severity => SEVERITIES.includes(s as Severity)),
      breached: params.get('breached') === '1',
      mine: params.get('mine') === '1',
    }),
    [params],
  );
  const onFilters = useCallback(
    (f: BoardFilters) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (f.severities.length) p.set('severity', f.severities.join(','));
          else p.delete('severity');
          if (f.breached) p.set('breached', '1');
          else p.delete('breached');
          if (f.mine) p.set('mine', '1');
          else p.delete('mine');
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const open = params.get('c');
  const close = () =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.delete('c');
      return p;
    });
  return (
    <>
      <PageHeader title={t('complaints.title')} description={t('complaints.subtitle')} />
      <ComplaintsBoard filters={filters} onFilters={onFilters} userId={me.id} />
      <Drawer
        opened={!!open}
        onClose={close}
        position="right"
        size={isMobile ? '100%' : 'xl'}
        title={t('complaints.detailTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {open && <ComplaintDetail key={open} id={open} canEdit={can.writeCustomers} />}
      </Drawer>
    </>
  );
}
