import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Operation } from '@urql/core';
import { CombinedError } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import i18n from '@/i18n';
import { mockClient, renderWithProviders } from '@/testing/render';
import { validateCustomerForm, type CustomerFormValues } from '../utils/customer-validation';
import { CustomerCreateForm } from './customer-create-form';

const t = i18n.getFixedT('en');

const opName = (op: Operation) => (op.query.definitions[0] as { name?: { value: string } }).name?.value;

function client(mutate: (op: Operation) => { data?: unknown; error?: CombinedError }) {
  const executeMutation = vi.fn((op: Operation) => fromValue({ operation: op, stale: false, hasNext: false, ...mutate(op) }));
  const c = mockClient({
    executeQuery: ((op: Operation) => {
      const data =
        opName(op) === 'RelationshipTypeOptions'
          ? { relationshipTypes: [{ __typename: 'RelationshipType', id: 'rt-1', name: 'Friendship' }] }
          : { users: [{ __typename: 'User', id: 'u-1', name: 'Agent One', role: 'AGENT', active: true }] };
      return fromValue({ operation: op, data, stale: false, hasNext: false });
    }) as never,
    executeMutation: executeMutation as never,
  });
  return { c, executeMutation };
}

function renderForm(mutate: Parameters<typeof client>[0] = () => ({})) {
  const { c, executeMutation } = client(mutate);
  const onCreated = vi.fn();
  renderWithProviders(<CustomerCreateForm canChooseOwner={false} currentUserId="u-1" onCreated={onCreated} onCancel={() => {}} />, { client: c });
  return { executeMutation, onCreated, user: userEvent.setup({ delay: null }) };
}

async function chooseRelationshipType(user: ReturnType<typeof userEvent.setup>) {
  const [input] = screen.getAllByLabelText(/^Relationship type/).filter((el) => el.tagName === 'INPUT');
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: 'Friendship' }));
}

describe('customer form validation', () => {
  const valid: CustomerFormValues = {
    name: 'Ada',
    company: '',
    email: '',
    phone: '',
    city: '',
    industry: '',
    externalId: '',
    tier: 'STANDARD',
    potential: 'B',
    relationshipTypeId: 'rt-1',
    tags: [],
    annualRevenue: '',
    acquisitionCost: '',
  };

  it('accepts a minimal customer', () => {
    expect(validateCustomerForm(valid, t)).toEqual({});
  });

  it('mirrors the API limits', () => {
    const e = validateCustomerForm(
      { ...valid, name: '  ', email: 'not-an-email', company: 'x'.repeat(201), annualRevenue: -1, acquisitionCost: 1e12, tags: Array.from({ length: 21 }, (_, i) => `t${i}`), relationshipTypeId: '' },
      t,
    );
    expect(e).toEqual({
      name: 'Required',
      email: 'Enter a valid email address',
      company: 'At most 200 characters',
      annualRevenue: 'Must not be negative',
      acquisitionCost: 'Too large',
      tags: 'At most 20 tags',
      relationshipTypeId: 'Required',
    });
  });

  it('counts characters, not bytes, so Chinese names get the same limit', () => {
    expect(validateCustomerForm({ ...valid, name: '客'.repeat(200) }, t)).toEqual({});
    expect(validateCustomerForm({ ...valid, name: '客'.repeat(201) }, t).name).toBe('At most 200 characters');
  });
});

describe('CustomerCreateForm', () => {
  it('does not send an invalid form and shows each problem on its field', async () => {
    const { executeMutation, user } = renderForm();
    await user.type(screen.getByRole('textbox', { name: /^Email/ }), 'nope');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByText('Enter a valid email address')).toBeTruthy();
    expect(screen.getAllByText('Required').length).toBe(2); // name and relationship type
    expect(screen.getByRole('textbox', { name: /^Name/ }).getAttribute('aria-invalid')).toBe('true');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('sends a valid form and reports the new customer', async () => {
    const { executeMutation, onCreated, user } = renderForm(() => ({ data: { createCustomer: { __typename: 'Customer', id: 'c-9', name: 'Ada Lovelace' } } }));
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), '  Ada Lovelace ');
    await user.type(screen.getByRole('textbox', { name: /^Email/ }), 'ada@example.com');
    await chooseRelationshipType(user);
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('c-9'));
    const vars = executeMutation.mock.calls[0][0].variables as { input: Record<string, unknown> };
    expect(vars.input).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', relationshipTypeId: 'rt-1', stage: 'PROSPECT', tier: 'STANDARD', potential: 'B' });
    expect(vars.input.ownerId).toBeUndefined();
  });

  it("puts the server's BAD_USER_INPUT on the field it names", async () => {
    const { onCreated, user } = renderForm(() => ({
      error: new CombinedError({ graphQLErrors: [{ message: 'input.email is not a valid email address', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } }] }),
    }));
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: /^Email/ }), 'ada@localhost.x');
    await chooseRelationshipType(user);
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByText('Not accepted: input.email is not a valid email address')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /^Email/ }).getAttribute('aria-invalid')).toBe('true');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
