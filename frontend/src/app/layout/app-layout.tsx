import { AppShell, Avatar, Badge, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconBell,
  IconChartPie,
  IconChevronDown,
  IconLayoutDashboard,
  IconLogout,
  IconMessageReport,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { LoadingState } from '@/components/states';
import { AlertsBell } from '@/features/live/components/alerts-bell';
import { LiveAlerts } from '@/features/live/components/live-alerts';
import { UnreadAlertsBadge } from '@/features/live/components/unread-alerts-badge';
import { useCurrentUser, useSessionManager } from '@/lib/session-context';
import classes from './app-layout.module.css';

type NavItem = { to: string; label: string; icon: Icon; soon?: boolean; badge?: ReactNode };

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  return [
    { to: '/dashboard', label: t('nav.dashboard'), icon: IconLayoutDashboard },
    { to: '/customers', label: t('nav.customers'), icon: IconUsers },
    { to: '/complaints', label: t('nav.complaints'), icon: IconMessageReport },
    { to: '/alerts', label: t('nav.alerts'), icon: IconBell, badge: <UnreadAlertsBadge /> },
    { to: '/win-back', label: t('nav.winBack'), icon: IconArrowBackUp },
    { to: '/value', label: t('nav.value'), icon: IconChartPie },
    { to: '/settings', label: t('nav.settings'), icon: IconSettings },
  ];
}

function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const session = useSessionManager();
  const initials = user.name.trim().slice(0, 1).toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.user} aria-label={t('nav.accountMenu', { name: user.name })} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="cyan">
              {initials}
            </Avatar>
            <div className={classes.userText}>
              <Text size="sm" fw={500} lh={1.1}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                {t(`enums.role.${user.role}`)}
              </Text>
            </div>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void session.logout()} data-testid="logout">
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The app shell: header, navigation (a drawer behind a burger on phones), content. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const items = useNavItems();
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      <a href="#main" className={classes.skip}>
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')} data-testid="burger" />
            <RouterNavLink to="/dashboard" className={classes.brand} aria-label={t('app.name')}>
              <img src="/favicon.svg" alt="" width={26} height={26} />
              <Text fw={700} size="lg" visibleFrom="xs">
                {t('app.name')}
              </Text>
            </RouterNavLink>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <AlertsBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <AppShell.Section grow component={ScrollArea}>
          <div data-testid="main-nav">
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label}
                active={location.pathname === item.to || location.pathname.startsWith(item.to + '/')}
                leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
                rightSection={
                  item.badge ? (
                    item.badge
                  ) : item.soon ? (
                    <Badge size="xs" variant="light" color="gray">
                      {t('nav.soon')}
                      <VisuallyHidden>{t('comingSoon.heading')}</VisuallyHidden>
                    </Badge>
                  ) : undefined
                }
                className={classes.navLink}
              />
            ))}
          </div>
        </AppShell.Section>
      </AppShell.Navbar>
      <LiveAlerts />
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
