import type { TFunction } from 'i18next';

/** Fields both the create and the edit form have. */
export type CustomerFormValues = {
  name: string;
  company: string;
  email: string;
  phone: string;
  city: string;
  industry: string;
  externalId: string;
  tier: string;
  potential: string;
  relationshipTypeId: string;
  tags: string[];
  annualRevenue: number | string;
  acquisitionCost: number | string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MONEY_MAX = 1e12;

function text(v: string, max: number, t: TFunction, required = false): string | null {
  const s = v.trim();
  if (required && !s) return t('validation.required');
  if ([...s].length > max) return t('validation.maxLength', { max });
  return null;
}

function money(v: number | string, t: TFunction): string | null {
  if (v === '' || v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return t('validation.number');
  if (n < 0) return t('validation.notNegative');
  if (n >= MONEY_MAX) return t('validation.tooLarge');
  return null;
}

/**
 * Client-side checks mirroring the API's (validate.go), so most mistakes are
 * caught before sending; the API's BAD_USER_INPUT still lands on the field.
 */
export function validateCustomerForm(values: CustomerFormValues, t: TFunction): Partial<Record<keyof CustomerFormValues, string>> {
  const errors: Partial<Record<keyof CustomerFormValues, string>> = {};
  const set = (k: keyof CustomerFormValues, e: string | null) => {
    if (e) errors[k] = e;
  };
  set('name', text(values.name, 200, t, true));
  set('company', text(values.company, 200, t));
  const email = values.email.trim();
  if (email) set('email', email.length > 254 || !EMAIL.test(email) ? t('validation.email') : null);
  set('phone', text(values.phone, 50, t));
  set('city', text(values.city, 100, t));
  set('industry', text(values.industry, 100, t));
  set('externalId', text(values.externalId, 100, t));
  if (!['A', 'B', 'C'].includes(values.potential)) set('potential', t('validation.required'));
  if (!values.relationshipTypeId) set('relationshipTypeId', t('validation.required'));
  if (values.tags.length > 20) set('tags', t('validation.maxTags', { max: 20 }));
  else if (values.tags.some((tag) => [...tag.trim()].length > 40)) set('tags', t('validation.tagLength', { max: 40 }));
  set('annualRevenue', money(values.annualRevenue, t));
  set('acquisitionCost', money(values.acquisitionCost, t));
  return errors;
}

/** A money field's value for the API: blank means 0. */
export function moneyValue(v: number | string): number {
  if (v === '' || v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : Number(v);
}
