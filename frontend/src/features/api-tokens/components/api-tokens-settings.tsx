import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { ApiTokensDocument, CreateApiTokenDocument, RevokeApiTokenDocument, type ApiTokenItemFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { useErrorHandler } from '@/lib/use-error-handler';
import { focusFirstError } from '@/lib/forms';
import { useIsMobile } from '@/lib/use-is-mobile';

export const SCOPES = ['customers:read', 'customers:write', 'orders:write', 'interactions:write', 'alerts:read'] as const;

type TokenValues = { name: string; scopes: string[]; expiresInDays: number | string };

export function validateToken(v: TokenValues, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = t('validation.required');
  if (v.scopes.length === 0) e.scopes = t('tokens.scopeRequired');
  const d = Number(v.expiresInDays);
  if (!Number.isInteger(d) || d < 1 || d > 730) e.expiresInDays = t('validation.between', { min: 1, max: 730 });
  return e;
}

function tokenStatus(tok: ApiTokenItemFragment, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (tok.revokedAt) return 'revoked';
  if (new Date(tok.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

/** Shows the new token exactly once, with a copy button. */
function CreatedToken({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="orange" icon={<IconAlertTriangle />}>
        {t('tokens.shownOnce')}
      </Alert>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="created-token">
        {token}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} color={copied ? 'teal' : undefined} onClick={copy} data-testid="copy-token">
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onClose}>
          {t('tokens.done')}
        </Button>
      </Group>
    </Stack>
  );
}

function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, create] = useMutation(CreateApiTokenDocument);
  const form = useForm<TokenValues>({
    initialValues: { name: '', scopes: ['customers:read'], expiresInDays: 90 },
    validate: (v) => validateToken(v, t),
  });
  const submit = form.onSubmit(async (v) => {
    const res = await create({ input: { name: v.name.trim(), scopes: v.scopes, expiresInDays: Number(v.expiresInDays) } });
    if (res.error || !res.data) {
      handle(res.error, { form, fields: ['name', 'scopes', 'expiresInDays'] });
      return;
    }
    onCreated(res.data.createApiToken.token);
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate data-testid="create-token-form">
      <Stack>
        <TextInput label={t('tokens.fields.name')} description={t('tokens.nameHelp')} required maxLength={100} {...form.getInputProps('name')} data-testid="token-name" />
        <Checkbox.Group label={t('tokens.fields.scopes')} required {...form.getInputProps('scopes')}>
          <Stack gap={6} mt={6}>
            {SCOPES.map((s) => (
              <Checkbox key={s} value={s} label={`${s} — ${t(`tokens.scopes.${s.replace(':', '_')}`)}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput label={t('tokens.fields.expiresInDays')} min={1} max={730} allowDecimal={false} required {...form.getInputProps('expiresInDays')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Integration tokens: create (shown once), list, revoke. */
export function ApiTokensSettings() {
  const { t } = useTranslation();
  const f = useFormat();
  const handle = useErrorHandler();
  const isMobile = useIsMobile();
  const [result, reexecute] = useQuery({ query: ApiTokensDocument });
  const [, revoke] = useMutation(RevokeApiTokenDocument);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ApiTokenItemFragment | null>(null);
  const tokens = result.data?.apiTokens;

  const doRevoke = async (tok: ApiTokenItemFragment) => {
    const res = await revoke({ id: tok.id });
    setConfirm(null);
    if (res.error) handle(res.error);
    else notifications.show({ color: 'teal', message: t('tokens.revoked', { name: tok.name }) });
  };

  const statusBadge = (tok: ApiTokenItemFragment) => {
    const s = tokenStatus(tok);
    return (
      <Badge color={s === 'active' ? 'teal' : 'gray'} variant="light">
        {t(`tokens.status.${s}`)}
      </Badge>
    );
  };

  let body;
  if (!tokens && result.error) body = <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!tokens) body = <LoadingState rows={4} />;
  else if (tokens.length === 0) body = <EmptyState title={t('tokens.emptyTitle')} description={t('tokens.emptyBody')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={isMobile ? 640 : 760}>
        <Table verticalSpacing="xs" data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.fields.name')}</Table.Th>
              <Table.Th>{t('tokens.fields.scopes')}</Table.Th>
              <Table.Th>{t('tokens.fields.status')}</Table.Th>
              <Table.Th>{t('tokens.fields.expiresAt')}</Table.Th>
              <Table.Th>{t('tokens.fields.lastUsedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((tok) => (
              <Table.Tr key={tok.id} data-testid="token-row">
                <Table.Td fw={500}>{tok.name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {tok.scopes.map((s) => (
                      <Badge key={s} variant="default" size="sm" radius="sm">
                        {s}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{statusBadge(tok)}</Table.Td>
                <Table.Td>{f.date(tok.expiresAt)}</Table.Td>
                <Table.Td>{tok.lastUsedAt ? f.relative(tok.lastUsedAt) : t('tokens.neverUsed')}</Table.Td>
                <Table.Td ta="right">
                  {tokenStatus(tok) === 'active' && (
                    <Tooltip label={t('tokens.revokeHelp')}>
                      <Button size="xs" variant="light" color="red" onClick={() => setConfirm(tok)} aria-label={t('tokens.revokeNamed', { name: tok.name })}>
                        {t('tokens.revoke')}
                      </Button>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <Group justify="space-between" mb="md">
        <Text size="sm" c="dimmed" maw={640}>
          {t('tokens.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-token">
          {t('tokens.new')}
        </Button>
      </Group>
      <Card withBorder radius="md" padding={isMobile ? 'xs' : 'md'}>
        {body}
      </Card>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={creating || created !== null}
        onClose={() => {
          setCreating(false);
          setCreated(null);
        }}
        title={created ? t('tokens.createdTitle') : t('tokens.newTitle')}
        closeOnClickOutside={!created}
        size="lg"
      >
        {created ? (
          <CreatedToken
            token={created}
            onClose={() => {
              setCreated(null);
              setCreating(false);
            }}
          />
        ) : (
          creating && (
            <CreateTokenForm
              onCreated={(tok) => {
                setCreated(tok);
                setCreating(false);
              }}
              onCancel={() => setCreating(false)}
            />
          )
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={confirm !== null} onClose={() => setConfirm(null)} title={t('tokens.revokeTitle')} centered>
        {confirm && (
          <Stack>
            <Text size="sm">{t('tokens.revokeConfirm', { name: confirm.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={() => void doRevoke(confirm)} data-testid="confirm-revoke">
                {t('tokens.revoke')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
