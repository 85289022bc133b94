import { Alert, Anchor, Button, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowUpRight, IconListCheck } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { ErrorState, LoadingState, NotFoundView } from '@/components/states';
import {
  ApplyRecoveryPlaybookDocument,
  ComplaintDocument,
  ComplaintPeopleDocument,
  EscalateComplaintDocument,
  RecoveryPlaybooksDocument,
  TransitionComplaintDocument,
  type TransitionComplaintInput,
} from '@/gql/graphql';
import { toAppError } from '@/lib/errors';
import { useFormat } from '@/lib/format';
import { useErrorHandler, type FieldErrorTarget } from '@/lib/use-error-handler';
import { isOpenStatus } from '../utils/complaint-rules';
import { ComplaintStatusBadge, SeverityBadge } from './complaint-badges';
import { Countdown } from './countdown';
import { EscalateDialog } from './escalate-dialog';
import { RemediationChecklist } from './remediation-checklist';
import { TransitionButtons } from './transition-buttons';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/**
 * A complaint: its facts and deadline, the moves the state machine allows,
 * escalation, and the remediation checklist with its costs.
 */
export function ComplaintDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const handle = useErrorHandler();
  const [res, reexecute] = useQuery({ query: ComplaintDocument, variables: { id } });
  const [people] = useQuery({ query: ComplaintPeopleDocument });
  const [playbooks] = useQuery({ query: RecoveryPlaybooksDocument, pause: !canEdit });
  const [, transition] = useMutation(TransitionComplaintDocument);
  const [escalateState, escalate] = useMutation(EscalateComplaintDocument);
  const [applyState, apply] = useMutation(ApplyRecoveryPlaybookDocument);
  const [conflict, setConflict] = useState(false);
  const [escalating, setEscalating] = useState(false);

  const personOptions = useMemo(
    () => (people.data?.users ?? []).filter((u) => u.active && u.role !== 'VIEWER').map((u) => ({ value: u.id, label: u.name })),
    [people.data],
  );
  const managerOptions = useMemo(
    () => (people.data?.users ?? []).filter((u) => u.active && (u.role === 'MANAGER' || u.role === 'ADMIN')).map((u) => ({ value: u.id, label: u.name })),
    [people.data],
  );

  const c = res.data?.complaint;
  if (!c) {
    if (res.fetching) return <LoadingState rows={6} />;
    const err = toAppError(res.error);
    if (!err || err.kind === 'not-found') return <NotFoundView />;
    return <ErrorState error={err} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  const onTransition = async (input: TransitionComplaintInput, form?: FieldErrorTarget) => {
    setConflict(false);
    const r = await transition({ id: c.id, version: c.version, input });
    if (r.error) {
      handle(r.error, { form, fields: ['rootCause', 'preventionAction', 'satisfaction', 'note'], onConflict: () => setConflict(true) });
      return false;
    }
    notifications.show({ color: 'teal', message: t('complaints.moved', { status: t(`workflowEnums.complaintStatus.${input.to}`) }) });
    return true;
  };
  const onEscalate = async (managerId: string | null, note: string, form: FieldErrorTarget) => {
    const r = await escalate({ id: c.id, version: c.version, managerId, note: note || null });
    if (r.error) {
      handle(r.error, { form, fields: ['managerId', 'note'], onConflict: () => setConflict(true) });
      return;
    }
    setEscalating(false);
    notifications.show({ color: 'grape', message: t('complaints.escalate.done', { name: r.data?.escalateComplaint.escalatedTo?.name ?? '' }) });
  };
  const recovery = playbooks.data?.playbooks.find((p) => p.purpose === 'RECOVERY');
  const applyPlaybook = async () => {
    if (!recovery) return;
    const r = await apply({ playbookId: recovery.id, complaintId: c.id });
    if (r.error) handle(r.error);
  };

  return (
    <Stack gap="md" data-testid="complaint-detail" data-status={c.status}>
      {conflict && <ConflictAlert onReload={() => (setConflict(false), reload())} onDismiss={() => setConflict(false)} />}
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs" mb={4}>
            <SeverityBadge severity={c.severity} />
            <ComplaintStatusBadge status={c.status} />
            <Text size="sm" c="dimmed">
              {t(`workflowEnums.category.${c.category}`)} · {t(`workflowEnums.channel.${c.channel}`)}
            </Text>
          </Group>
          <Anchor component={Link} to={`/customers/${c.customer.id}`} fw={600} size="lg">
            {c.customer.name}
          </Anchor>
          {c.customer.company && (
            <Text size="sm" c="dimmed">
              {c.customer.company}
            </Text>
          )}
        </div>
        {isOpenStatus(c.status) && <Countdown responseDueAt={c.responseDueAt} deadlineBreached={c.deadlineBreached} acknowledgedAt={c.acknowledgedAt} size="lg" />}
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <Fact label={t('complaints.fields.owner')}>{c.owner.name}</Fact>
        <Fact label={t('complaints.fields.openedAt')}>{f.dateTime(c.openedAt)}</Fact>
        <Fact label={t('complaints.fields.responseDueAt')}>
          <Text size="sm" c={c.deadlineBreached ? 'red' : undefined} fw={c.deadlineBreached ? 600 : undefined}>
            {f.dateTime(c.responseDueAt)}
            {c.deadlineBreached && ` · ${t('complaints.breached')}`}
          </Text>
        </Fact>
        {c.acknowledgedAt && <Fact label={t('complaints.fields.acknowledgedAt')}>{f.dateTime(c.acknowledgedAt)}</Fact>}
        {c.resolvedAt && <Fact label={t('complaints.fields.resolvedAt')}>{f.dateTime(c.resolvedAt)}</Fact>}
        {c.closedAt && <Fact label={t('complaints.fields.closedAt')}>{f.dateTime(c.closedAt)}</Fact>}
        {c.satisfaction != null && <Fact label={t('complaints.satisfaction.label')}>{t('complaints.satisfaction.value', { n: c.satisfaction })}</Fact>}
        {c.reopenCount > 0 && <Fact label={t('complaints.fields.reopenCount')}>{f.number(c.reopenCount)}</Fact>}
      </SimpleGrid>
      {c.escalatedTo && (
        <Alert color="grape" variant="light" icon={<IconArrowUpRight />} data-testid="escalated">
          {t('complaints.escalatedToWhen', { name: c.escalatedTo.name, when: f.dateTime(c.escalatedAt) })}
        </Alert>
      )}
      {(c.rootCause || c.preventionAction) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {c.rootCause && <Fact label={t('complaints.fields.rootCause')}>{c.rootCause}</Fact>}
          {c.preventionAction && <Fact label={t('complaints.fields.preventionAction')}>{c.preventionAction}</Fact>}
        </SimpleGrid>
      )}
      {canEdit && (
        <Card withBorder radius="md" padding="sm">
          <Text size="sm" fw={500} mb="xs">
            {t('complaints.nextMoves')}
          </Text>
          <Group gap="xs" justify="space-between">
            <TransitionButtons complaint={c} onTransition={onTransition} />
            {isOpenStatus(c.status) && (
              <Button variant="light" color="grape" leftSection={<IconArrowUpRight size={16} />} onClick={() => setEscalating(true)} data-testid="escalate">
                {c.escalatedTo ? t('complaints.escalate.again') : t('complaints.escalate.open')}
              </Button>
            )}
          </Group>
        </Card>
      )}
      <Divider />
      <RemediationChecklist complaintId={c.id} steps={c.steps} totalCost={c.totalCost} canEdit={canEdit} people={personOptions} onReload={reload} />
      {canEdit && c.steps.length === 0 && recovery && (
        <Button
          variant="subtle"
          leftSection={<IconListCheck size={16} />}
          onClick={() => void applyPlaybook()}
          loading={applyState.fetching}
          data-testid="apply-playbook"
          h="auto"
          py={6}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
        >
          {t('remediation.applyPlaybook', { name: recovery.name })}
        </Button>
      )}
      {escalating && (
        <EscalateDialog
          opened
          onClose={() => setEscalating(false)}
          managers={managerOptions}
          ownersManager={c.owner.manager ?? null}
          onEscalate={onEscalate}
          busy={escalateState.fetching}
        />
      )}
    </Stack>
  );
}

/** The detail with a heading, for the complaint's own page. */
export function ComplaintPage({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('complaints.detailTitle')}
      </Title>
      <Card withBorder radius="md" padding="lg">
        <ComplaintDetail id={id} canEdit={canEdit} />
      </Card>
    </>
  );
}
