import { Button, Group, Modal, Paper, SimpleGrid } from '@mantine/core';
import { IconArrowsExchange, IconHeartHandshake, IconMessageReport, IconPhonePlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { CustomerDocument, type Stage } from '@/gql/graphql';
import { useIsMobile } from '@/lib/use-is-mobile';
import { LogInteractionForm } from './log-interaction-form';
import { OpenComplaintForm } from './open-complaint-form';
import { PromiseForm } from './promise-form';
import { StageChangeForm } from './stage-change-form';

type Dialog = 'interaction' | 'promise' | 'complaint' | 'stage' | null;

/** A row of buttons on a desk, a 2 × 2 grid on a phone. */
function Bar({ mobile, children }: { mobile: boolean; children: ReactNode }) {
  return mobile ? (
    <SimpleGrid cols={2} spacing="xs">
      {children}
    </SimpleGrid>
  ) : (
    <Group gap="xs">{children}</Group>
  );
}

export type ActionsCustomer = { id: string; name: string; stage: Stage; version: number; relationshipType: { complaintSlaHours: number } };

/** What an account manager does from the customer page: log an interaction, a promise, a complaint, or move the stage. */
export function CustomerActions({ customer }: { customer: ActionsCustomer }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const isMobile = useIsMobile();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const titles: Record<Exclude<Dialog, null>, string> = {
    interaction: t('interaction.title', { name: customer.name }),
    promise: t('promise.title', { name: customer.name }),
    complaint: t('newComplaint.title', { name: customer.name }),
    stage: t('lifecycle.title', { name: customer.name }),
  };
  const reload = () => client.query(CustomerDocument, { id: customer.id, lang: i18n.language === 'zh' ? 'zh' : 'en' }, { requestPolicy: 'network-only' }).toPromise();
  return (
    <>
      <Paper withBorder radius="md" p="xs" mb="md" role="toolbar" aria-label={t('interaction.toolbar')} data-testid="customer-actions">
        <Bar mobile={isMobile}>
            <Button size="sm" leftSection={<IconPhonePlus size={16} />} onClick={() => setDialog('interaction')} data-testid="action-log-interaction">
              {t('interaction.action')}
            </Button>
            <Button size="sm" variant="light" leftSection={<IconHeartHandshake size={16} />} onClick={() => setDialog('promise')} data-testid="action-promise">
              {t('promise.action')}
            </Button>
            <Button size="sm" variant="light" color="red" leftSection={<IconMessageReport size={16} />} onClick={() => setDialog('complaint')} data-testid="action-complaint">
              {t('newComplaint.action')}
            </Button>
            <Button size="sm" variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={() => setDialog('stage')} data-testid="action-stage">
              {t('lifecycle.action')}
            </Button>
        </Bar>
      </Paper>
      <Modal opened={dialog !== null} onClose={close} title={dialog ? titles[dialog] : ''} size="lg" fullScreen={isMobile} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {dialog === 'interaction' && <LogInteractionForm customerId={customer.id} onDone={close} onCancel={close} />}
        {dialog === 'promise' && <PromiseForm customerId={customer.id} onDone={close} onCancel={close} />}
        {dialog === 'complaint' && <OpenComplaintForm customerId={customer.id} slaHours={customer.relationshipType.complaintSlaHours} onDone={close} onCancel={close} />}
        {dialog === 'stage' && <StageChangeForm customer={customer} onDone={close} onCancel={close} onReload={reload} />}
      </Modal>
    </>
  );
}
