import { Anchor, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconCalendarEvent, IconPhoneCall } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { DashboardAgendaDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DashboardCard } from './dashboard-card';

const SHOWN = 8;

/** My customers due or overdue for contact within the week, and key dates coming up. */
export function AgendaCard({ days = 7 }: { days?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [res, reexecute] = useQuery({ query: DashboardAgendaDocument, variables: { days } });
  const a = res.data?.contactAgenda;
  // Key dates are calendar days (midnight UTC from the API): never shift them into the previous day.
  const day = new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  let body;
  if (!a && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!a) body = <LoadingState rows={4} />;
  else {
    const contacts = [...a.dueContacts].sort((x, y) => y.daysOverdue - x.daysOverdue);
    body = (
      <Tabs defaultValue="contacts" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="contacts" leftSection={<IconPhoneCall size={14} aria-hidden />} data-testid="agenda-tab-contacts">
            {t('dashboard.agenda.contacts', { count: contacts.length })}
          </Tabs.Tab>
          <Tabs.Tab value="dates" leftSection={<IconCalendarEvent size={14} aria-hidden />} data-testid="agenda-tab-dates">
            {t('dashboard.agenda.keyDates', { count: a.keyDates.length })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contacts">
          {contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.agenda.noContacts', { days })}
            </Text>
          ) : (
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="agenda-contacts">
              {contacts.slice(0, SHOWN).map((c) => (
                <Group component="li" key={c.customer.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/customers/${c.customer.id}`} size="sm" truncate>
                    {c.customer.name}
                  </Anchor>
                  {c.daysOverdue > 0 ? (
                    <Badge size="sm" color="red" variant="light" style={{ flexShrink: 0 }}>
                      {t('dashboard.agenda.overdue', { count: c.daysOverdue })}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                      {t('dashboard.agenda.dueOn', { when: f.date(c.dueAt) })}
                    </Text>
                  )}
                </Group>
              ))}
              {contacts.length > SHOWN && (
                <Text size="xs" c="dimmed">
                  {t('dashboard.agenda.more', { count: contacts.length - SHOWN })}
                </Text>
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="dates">
          {a.keyDates.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.agenda.noKeyDates', { days })}
            </Text>
          ) : (
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {a.keyDates.slice(0, SHOWN).map((k) => (
                <Group component="li" key={k.keyDate.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/customers/${k.customer.id}`} size="sm" truncate>
                      {k.customer.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" truncate>
                      {t(`workflowEnums.keyDateKind.${k.keyDate.kind}`)} · {k.keyDate.label}
                      {k.keyDate.calendar === 'LUNAR' ? ` · ${t('workflowEnums.calendar.LUNAR')}` : ''}
                    </Text>
                  </Stack>
                  <Text size="xs" c={k.daysTo <= 1 ? 'orange.8' : 'dimmed'} fw={k.daysTo <= 1 ? 600 : undefined} style={{ flexShrink: 0 }} ta="right">
                    {day.format(new Date(k.date))}
                    <br />
                    {k.daysTo === 0 ? t('dashboard.agenda.today') : t('dashboard.agenda.inDays', { count: k.daysTo })}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
    );
  }
  return (
    <DashboardCard id="agenda" title={t('dashboard.agenda.title')} testId="card-agenda">
      {body}
    </DashboardCard>
  );
}
