// Customer.score: the rule in score.ts over core's and the enabled plugins' parts.
import { canViewFinancials } from '../auth/fields.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { CoreRefs } from '../schema/index.js';
import { readerOf } from '../shared/reader.js';
import { CORE_SCORE_SOURCES, scoreCustomers, type CustomerScoreSource, type ScoreResult } from './score.js';

interface PartView {
  key: string;
  label: string;
  weight: number;
  value: number | null;
  points: number;
}

export function registerScoreSchema(builder: RapportBuilder, refs: Pick<CoreRefs, 'Customer'>, pluginSources: readonly CustomerScoreSource[]) {
  const sources = [...CORE_SCORE_SOURCES, ...pluginSources];
  const Part = builder.objectRef<PartView>('CustomerScorePart').implement({
    description: 'One part of a customer score: what was measured and the points it earned.',
    fields: (t) => ({
      key: t.exposeString('key', { description: 'frequency, amount, or a key a plugin contributes (complaints, campaigns).' }),
      label: t.exposeString('label', { description: "The part's name in the reader's language." }),
      weight: t.exposeFloat('weight', { description: 'The most points it can earn (customerRules.score.weights).' }),
      value: t.exposeFloat('value', {
        nullable: true,
        description: 'What was measured over the window: a count, or for amount money in Customer.currency (null unless you hold customer.viewFinancials).',
      }),
      points: t.exposeFloat('points', { description: 'Points earned: up to the weight.' }),
    }),
  });
  const Score = builder.objectRef<{ total: number; parts: PartView[] }>('CustomerScore').implement({
    description: 'The customer score (客户评估, seed 004): purchase frequency, amount, complaints and campaign participation, each weighted.',
    fields: (t) => ({
      total: t.exposeFloat('total', { description: 'Points earned over the weights of the parts present, scaled to 0–100.' }),
      parts: t.field({ type: [Part], resolve: (s) => s.parts, description: 'Each part with its weight, value and points.' }),
    }),
  });
  builder.prismaObjectField(refs.Customer, 'score', (t) =>
    t.field({
      type: Score,
      select: { id: true },
      description: "The customer's score over customerRules.score.windowDays, with its parts (docs/customer-rules.md).",
      resolve: async (customer, _args, ctx) => {
        const settings = ctx.config.customerRules.score;
        const result: ScoreResult = (await scoreCustomers(ctx.prisma, [customer.id], sources, settings, ctx.clock.now())).get(customer.id)!;
        const { language } = await readerOf(ctx);
        const financials = canViewFinancials(ctx.viewer);
        return {
          total: result.total,
          parts: result.parts.map((p) => {
            const source = sources.find((s) => s.key === p.key)!;
            return { key: p.key, label: source.label[language], weight: p.weight, value: source.money && !financials ? null : p.value, points: p.points };
          }),
        };
      },
    }),
  );
}
