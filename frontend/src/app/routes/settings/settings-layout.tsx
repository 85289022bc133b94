import { ScrollArea, Tabs } from '@mantine/core';
import { IconAddressBook, IconAdjustments, IconHeartHandshake, IconKey, IconListCheck, IconUsers } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadingState } from '@/components/states';
import { usePermissions } from '@/lib/session-context';

export default function SettingsLayout() {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = [
    { value: 'relationship-types', label: t('settings.tabs.relationshipTypes'), icon: IconHeartHandshake, show: true },
    { value: 'users', label: t('settings.tabs.users'), icon: IconUsers, show: true },
    { value: 'api-tokens', label: t('settings.tabs.apiTokens'), icon: IconKey, show: can.manageTokens },
    { value: 'playbooks', label: t('settings.tabs.playbooks'), icon: IconListCheck, show: true },
    { value: 'audit', label: t('settings.tabs.audit'), icon: IconAddressBook, show: can.manageUsers },
    { value: 'workspace', label: t('workspace.tab'), icon: IconAdjustments, show: can.manageUsers },
  ].filter((x) => x.show);
  const current = pathname.split('/')[2] ?? 'relationship-types';
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <Tabs value={current} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false} mb="md">
        <ScrollArea type="never">
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            {tabs.map((x) => (
              <Tabs.Tab key={x.value} value={x.value} leftSection={<x.icon size={16} aria-hidden />} data-testid={`settings-tab-${x.value}`}>
                {x.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
      </Tabs>
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </>
  );
}
