import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RISK_WEIGHT_KEYS } from '@/features/relationship-types/components/contract-editor';
import { SCOPES } from '@/features/api-tokens/components/api-tokens-settings';
import { ROLES } from '@/features/users/components/user-forms';
import { ORDERS, RISK_LEVELS, STAGES, TIERS } from '@/features/customers/utils/filter-params';
import en from './en.json';
import zh from './zh.json';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const enKeys = flatten(en as Tree);
const zhKeys = flatten(zh as Tree);
const base = (k: string) => k.replace(PLURAL, '');
const bases = (m: Map<string, string>) => new Set([...m.keys()].map(base));
const has = (m: Map<string, string>, key: string) => m.has(key) || m.has(`${key}_other`);

describe('translations', () => {
  it('every English key exists in Chinese', () => {
    const zhBases = bases(zhKeys);
    expect([...bases(enKeys)].filter((k) => !zhBases.has(k))).toEqual([]);
  });

  it('every Chinese key exists in English', () => {
    const enBases = bases(enKeys);
    expect([...bases(zhKeys)].filter((k) => !enBases.has(k))).toEqual([]);
  });

  it('each language has the plural forms its rules need', () => {
    for (const [lang, keys] of [['en', enKeys], ['zh', zhKeys]] as const) {
      const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const plurals = new Set([...keys.keys()].filter((k) => PLURAL.test(k)).map(base));
      const missing = [...plurals].flatMap((b) => forms.filter((f) => !keys.has(`${b}_${f}`)).map((f) => `${lang}: ${b}_${f}`));
      expect(missing).toEqual([]);
    }
  });

  it('has no empty strings and keeps the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',');
    for (const [k, v] of enKeys) {
      expect(v.trim(), k).not.toBe('');
      const zhValue = zhKeys.get(k) ?? zhKeys.get(k.replace(PLURAL, '_other'));
      if (zhValue !== undefined) expect(vars(zhValue), k).toBe(vars(v));
    }
    for (const [k, v] of zhKeys) expect(v.trim(), k).not.toBe('');
  });

  it('covers every enum value and code the UI translates dynamically', () => {
    const need = [
      ...STAGES.map((s) => `enums.stage.${s}`),
      ...TIERS.flatMap((s) => [`enums.tier.${s}`, `enums.tierShort.${s}`]),
      ...RISK_LEVELS.map((s) => `enums.riskLevel.${s}`),
      ...ORDERS.map((s) => `enums.order.${s}`),
      ...ROLES.map((s) => `enums.role.${s}`),
      ...['A', 'B', 'C'].map((s) => `enums.potential.${s}`),
      ...RISK_WEIGHT_KEYS.map((s) => `riskSignals.${s}`),
      ...SCOPES.map((s) => `tokens.scopes.${s.replace(':', '_')}`),
      ...['active', 'expired', 'revoked'].map((s) => `tokens.status.${s}`),
      ...['dashboard', 'complaints', 'alerts', 'winBack', 'value', 'playbooks', 'audit'].flatMap((s) => [`comingSoon.${s}.title`, `comingSoon.${s}.body`]),
    ];
    expect(need.filter((k) => !has(enKeys, k) || !has(zhKeys, k))).toEqual([]);
  });

  it('every literal key used in the source exists', () => {
    const src = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) {
          if (f !== 'gql') walk(p);
        } else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(src);
    const missing = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) {
        if (!has(enKeys, m[1])) missing.add(`${m[1]} (${f.slice(src.length + 1)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
