// Every bundled plugin's alerts come from its own zh-CN and en catalogues (#20): each kind it
// declares has a text in both languages, with no parameter left unfilled, and the catalogues join
// core's without two of them writing one kind. The call-center plugin raises no alerts of its own
// (its callbacks are core tasks, reminded by core's TASK_* alerts).
import { alertCatalogueOf, alertMessage, CORE_ALERT_KINDS, LANGUAGES, renderAlert, type AlertCatalogue } from '@rapport/core';
import callcenterPlugin from '@rapport/plugin-callcenter';
import knowledgePlugin from '@rapport/plugin-knowledge';
import marketingPlugin from '@rapport/plugin-marketing';
import partnerPlugin, { PARTNER_ALERT_KINDS, PARTNER_ALERT_MESSAGES } from '@rapport/plugin-partner';
import salesPlugin from '@rapport/plugin-sales';
import servicePlugin from '@rapport/plugin-service';
import { describe, expect, it } from 'vitest';

const PLUGINS = [salesPlugin, partnerPlugin, marketingPlugin, knowledgePlugin, callcenterPlugin, servicePlugin];

/** A value for every parameter any text names. */
const PARAMS = {
  opportunity: '远航机械 扩产', days: 14, lastActivityAt: Date.UTC(2026, 10, 1, 2), closeDate: '2026-11-01', contract: 'HT-2026-0007', position: 2,
  title: '设备款', dueDate: '2026-11-10', currency: 'CNY', owed: '5000.00', amount: '8000.00', paid: '3000.00',
  partner: '华东渠道', company: '远航机械', conflicts: 2, customer: '远航机械', reason: '资料齐全',
  campaign: '春季展会', at: Date.UTC(2026, 10, 3, 1), contact: '王芳', status: '已参加', note: '想要报价',
  lead: '星河电子 展会线索', assignedBy: '张伟', code: 'XS-2026-0012', since: Date.UTC(2026, 10, 1),
  order: 'HT-2026-0007-01', expectedDate: '2026-11-20',
  article: '配置路由器', version: 3, subject: '设备异响', target: 'FIRST_RESPONSE', due: Date.UTC(2026, 10, 2), level: 1,
};

describe('plugin alert catalogues', () => {
  const catalogue = alertCatalogueOf([...PLUGINS.map((plugin) => ({ plugin }))]);

  it('has a text for every kind a plugin declares, in every language, with nothing unfilled', () => {
    const kinds = PLUGINS.flatMap((p) => (p.alertKinds ?? []).map((k) => k.kind));
    expect(kinds.length).toBeGreaterThan(10);
    for (const kind of kinds) {
      for (const language of LANGUAGES) {
        const text = renderAlert(catalogue, kind, PARAMS, language, 'Asia/Shanghai');
        expect(text?.title, `${kind} in ${language}`).toBeTruthy();
        expect(`${text?.title} ${text?.body ?? ''}`, `${kind} in ${language}`).not.toMatch(/[{}]/);
      }
    }
    for (const { kind } of CORE_ALERT_KINDS) expect(catalogue['zh-CN'][kind]).toBeDefined();
  });

  it('renders plugin alerts in zh-CN and en, stored in zh-CN', () => {
    expect(alertMessage(catalogue as AlertCatalogue<string>, 'OPPORTUNITY_STALE', PARAMS)).toMatchObject({ title: '商机已 14 天无进展：远航机械 扩产' });
    expect(renderAlert(catalogue, 'OPPORTUNITY_STALE', PARAMS, 'en', 'Asia/Shanghai')).toEqual({
      title: 'No activity for 14 days: 远航机械 扩产',
      body: 'Last activity 11/01/2026, 10:00 AM.',
    });
    expect(renderAlert(catalogue, 'DEAL_REGISTRATION_SUBMITTED', { ...PARAMS, conflicts: 0 }, 'zh-CN', 'UTC')?.title).toBe('华东渠道 报备了商机：远航机械');
    expect(renderAlert(catalogue, 'DEAL_REGISTRATION_SUBMITTED', { ...PARAMS, conflicts: 1 }, 'en', 'UTC')?.title).toBe('华东渠道 registered a deal: 远航机械 — 1 conflict found');
    expect(renderAlert(catalogue, 'CAMPAIGN_STARTING', PARAMS, 'zh-CN', 'Asia/Shanghai')?.title).toBe('营销活动将于 2026/11/03 09:00 开始：春季展会');
    expect(renderAlert(catalogue, 'ARTICLE_PUBLISHED', PARAMS, 'zh-CN', 'UTC')).toEqual({ title: '已发布：配置路由器', body: '第 3 版已上线。' });
    expect(renderAlert(catalogue, 'INSTALMENT_OVERDUE', PARAMS, 'zh-CN', 'UTC')?.title).toBe('HT-2026-0007 第 2 期回款已逾期：CNY 5000.00');
    expect(renderAlert(catalogue, 'SALES_ORDER_DELIVERY_OVERDUE', PARAMS, 'zh-CN', 'UTC')?.title).toBe('订单 HT-2026-0007-01 已过预计交货日 2026-11-20：远航机械');
    expect(renderAlert(catalogue, 'SALES_ORDER_DELIVERY_OVERDUE', PARAMS, 'en', 'UTC')?.title).toBe('Order HT-2026-0007-01 passed its expected delivery date 2026-11-20: 远航机械');
  });

  it('writes the partner portal’s own alerts from a catalogue too', () => {
    for (const { kind } of PARTNER_ALERT_KINDS) {
      for (const language of LANGUAGES) expect(renderAlert(PARTNER_ALERT_MESSAGES, kind, PARAMS, language, 'UTC')?.title).not.toMatch(/[{}]/);
    }
    expect(renderAlert(PARTNER_ALERT_MESSAGES, 'DEAL_REGISTRATION_REJECTED', { company: '远航机械', reason: null }, 'zh-CN', 'UTC')).toEqual({ title: '你报备的商机 远航机械 已驳回', body: null });
  });
});
