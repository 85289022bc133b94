import { Alert, Anchor, Breadcrumbs, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconEdit } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { StageBadge, TierBadge } from '@/components/enum-badges';
import { PageHeader } from '@/components/page-header';
import { ErrorState, LoadingState, NotFoundView } from '@/components/states';
import { CustomerDocument, type CustomerQuery } from '@/gql/graphql';
import { toAppError } from '@/lib/errors';
import { useFormat } from '@/lib/format';
import { CustomerActions } from './customer-actions';
import { CustomerProfileForm } from './customer-profile-form';
import { CustomerTimeline } from './customer-timeline';
import { DetailsCard, OwnersCard, ProfileFacts } from './customer-facts';
import { KeyDatesCard } from './key-dates-card';
import { ProfitCard } from './profit-card';
import { RelationshipContractCard } from './relationship-contract-card';
import { RiskCard } from './risk-card';
import { RiskTrendCard } from './risk-trend-card';

/** A customer's page: profile, owners, contract, risk and remembered details. */
export function CustomerDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const client = useClient();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  const variables = { id, lang };
  const [result, reexecute] = useQuery({ query: CustomerDocument, variables });
  const [editing, setEditing] = useState(false);

  // Keep the page (and an open form) while refetching, e.g. after a language switch.
  const last = useRef<CustomerQuery['customer']>(null);
  if (result.data?.customer) last.current = result.data.customer;
  const customer = result.data?.customer ?? (result.fetching ? last.current : null);
  if (!customer) {
    if (result.fetching) return <LoadingState rows={6} />;
    const err = toAppError(result.error);
    // A customer the user may not see is "not found", exactly like a missing one.
    if (!err || err.kind === 'not-found') return <NotFoundView />;
    return <ErrorState error={err} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }

  const reloadLatest = async () => {
    const res = await client.query(CustomerDocument, variables, { requestPolicy: 'network-only' }).toPromise();
    return res.data?.customer;
  };

  return (
    <>
      <Breadcrumbs mb="xs" aria-label={t('nav.breadcrumbs')}>
        <Anchor component={Link} to="/customers" size="sm">
          {t('customers.title')}
        </Anchor>
        <Text size="sm" c="dimmed" truncate maw={220}>
          {customer.name}
        </Text>
      </Breadcrumbs>
      <PageHeader
        title={<span data-testid="customer-name">{customer.name}</span>}
        badges={
          <>
            <StageBadge stage={customer.stage} size="lg" />
            <TierBadge tier={customer.tier} size="lg" />
          </>
        }
        description={[customer.company, customer.city, customer.relationshipType.name].filter(Boolean).join(' · ')}
        actions={
          canEdit &&
          !editing && (
            <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)} data-testid="edit-customer">
              {t('common.edit')}
            </Button>
          )
        }
      />
      {customer.archivedAt && (
        <Alert color="gray" icon={<IconArchive />} mb="md">
          {t('customer.archived', { when: f.date(customer.archivedAt) })}
        </Alert>
      )}
      {canEdit && !customer.archivedAt && <CustomerActions customer={customer} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }} order={{ base: 2, lg: 1 }}>
          <Stack gap="md">
            <Card withBorder radius="md" padding="lg">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  {editing ? t('customers.editTitle') : t('customer.profile.title')}
                </Title>
              </Group>
              {editing ? (
                <CustomerProfileForm
                  key={customer.id}
                  customer={customer}
                  onSaved={() => setEditing(false)}
                  onCancel={() => setEditing(false)}
                  onReload={reloadLatest}
                />
              ) : (
                <ProfileFacts customer={customer} />
              )}
            </Card>
            <DetailsCard customer={customer} />
            <CustomerTimeline customerId={customer.id} canEdit={canEdit} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }} order={{ base: 1, lg: 2 }}>
          <Stack gap="md">
            <RiskCard customer={customer} />
            <RiskTrendCard customerId={customer.id} />
            <RelationshipContractCard type={customer.relationshipType} lastContactAt={customer.lastContactAt} />
            <OwnersCard customer={customer} />
            <ProfitCard customerId={customer.id} />
            <KeyDatesCard customerId={customer.id} canEdit={canEdit} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
