import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconUserExclamation } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerQuery } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

type Customer = NonNullable<CustomerQuery['customer']>;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}

/** Contact data and value figures, read-only. */
export function ProfileFacts({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="sm" data-testid="profile-facts">
      <Fact label={t('customers.fields.company')}>{c.company}</Fact>
      <Fact label={t('customers.fields.email')}>{c.email}</Fact>
      <Fact label={t('customers.fields.phone')}>{c.phone}</Fact>
      <Fact label={t('customers.fields.city')}>{c.city}</Fact>
      <Fact label={t('customers.fields.industry')}>{c.industry}</Fact>
      <Fact label={t('customers.fields.externalId')}>{c.externalId}</Fact>
      <Fact label={t('customers.fields.tier')}>{t(`enums.tier.${c.tier}`)}</Fact>
      <Fact label={t('customers.fields.potential')}>{t(`enums.potential.${c.potential}`, { defaultValue: c.potential })}</Fact>
      <Fact label={t('customers.fields.satisfaction')}>{c.satisfaction ? t('customers.satisfactionValue', { value: c.satisfaction }) : ''}</Fact>
      <Fact label={t('customers.fields.annualRevenue')}>{f.money(c.annualRevenue)}</Fact>
      <Fact label={t('customers.fields.acquisitionCost')}>{f.money(c.acquisitionCost)}</Fact>
      <Fact label={t('customers.fields.lastContact')}>{c.lastContactAt ? `${f.date(c.lastContactAt)} (${f.relative(c.lastContactAt)})` : t('customers.neverContacted')}</Fact>
      <Fact label={t('customers.fields.openComplaints')}>{f.number(c.openComplaintCount)}</Fact>
      <Fact label={t('customers.fields.createdAt')}>{f.date(c.createdAt)}</Fact>
      <Fact label={t('customers.fields.updatedAt')}>{f.dateTime(c.updatedAt)}</Fact>
    </SimpleGrid>
  );
}

export function OwnersCard({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="owners-card">
      <Title order={2} size="h4" mb="sm">
        {t('customer.owners.title')}
      </Title>
      {c.ownerDeparted && (
        <Alert color="orange" icon={<IconUserExclamation />} mb="sm" p="xs">
          {t('customer.owners.departed')}
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <Fact label={t('customers.fields.owner')}>
          <Text size="sm" fw={500}>
            {c.owner.name}
          </Text>
          <Text size="xs" c="dimmed">
            {c.owner.email}
          </Text>
        </Fact>
        <Fact label={t('customers.fields.backupOwner')}>
          {c.backupOwner ? (
            <>
              <Text size="sm" fw={500}>
                {c.backupOwner.name}
              </Text>
              <Text size="xs" c="dimmed">
                {c.backupOwner.email}
              </Text>
            </>
          ) : (
            <Text size="sm" c="orange.8">
              {t('customer.owners.noBackup')}
            </Text>
          )}
        </Fact>
      </SimpleGrid>
    </Card>
  );
}

function KeyValues({ doc, empty }: { doc: Record<string, unknown>; empty: string }) {
  const entries = Object.entries(doc ?? {});
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {entries.map(([k, v]) => (
        <Group key={k} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" miw={90}>
            {k}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {typeof v === 'string' ? v : JSON.stringify(v)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Tags, details and remembered preferences. */
export function DetailsCard({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="details-card">
      <Title order={2} size="h4" mb="sm">
        {t('customer.details.title')}
      </Title>
      <Text fw={500} size="sm" mb={6}>
        {t('customers.fields.tags')}
      </Text>
      {c.tags.length ? (
        <Group gap={6} mb="md">
          {c.tags.map((tag) => (
            <Badge key={tag} variant="default" radius="sm" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed" mb="md">
          {t('customer.details.noTags')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <div>
          <Text fw={500} size="sm" mb={6}>
            {t('customers.fields.details')}
          </Text>
          <KeyValues doc={c.details} empty={t('customer.details.noDetails')} />
        </div>
        <div>
          <Text fw={500} size="sm" mb={6}>
            {t('customers.fields.preferences')}
          </Text>
          <KeyValues doc={c.preferences} empty={t('customer.details.noPreferences')} />
        </div>
      </SimpleGrid>
    </Card>
  );
}
