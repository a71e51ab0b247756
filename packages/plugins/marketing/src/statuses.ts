import { z } from 'zod';
import { marketing } from './messages.js';

/** What reaching a member status counts as in the campaign's metrics. */
export interface MemberStatusDefinition {
  name: string;
  isInitial: boolean;
  countsAsSent: boolean;
  countsAsResponse: boolean;
  countsAsConversion: boolean;
  countsAsOptOut: boolean;
}

const status = (
  name: string,
  flags: Partial<Omit<MemberStatusDefinition, 'name'>> = {},
): MemberStatusDefinition => ({
  name,
  isInitial: false,
  countsAsSent: false,
  countsAsResponse: false,
  countsAsConversion: false,
  countsAsOptOut: false,
  ...flags,
});

/** The status set a campaign gets unless it names its own. */
export const DEFAULT_MEMBER_STATUSES: readonly MemberStatusDefinition[] = [
  status('TARGETED', { isInitial: true }),
  status('SENT', { countsAsSent: true }),
  status('OPENED', { countsAsSent: true }),
  status('RESPONDED', { countsAsSent: true, countsAsResponse: true }),
  status('CONVERTED', { countsAsSent: true, countsAsResponse: true, countsAsConversion: true }),
  status('OPTED_OUT', { countsAsSent: true, countsAsOptOut: true }),
  // Never reached the contact: neither sent nor a response.
  status('BOUNCED'),
];

/** Unset (or null, from GraphQL) is false. */
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);

const definition = z.object({
  name: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,39}$/, marketing.key('marketing.status.name')),
  isInitial: flag,
  countsAsSent: flag,
  countsAsResponse: flag,
  countsAsConversion: flag,
  countsAsOptOut: flag,
});

/**
 * A campaign's status set: unique names, exactly one initial status that counts as nothing, a
 * conversion is always a response, and an opt-out is never a response or conversion.
 */
export const memberStatusSet = z
  .array(definition)
  .min(1, marketing.key('marketing.status.atLeastOne'))
  .max(20, marketing.key('marketing.status.atMost'))
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.forEach((s, i) => {
      if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: marketing.stored('marketing.status.twice', { name: s.name }) });
      seen.add(s.name);
      if (s.countsAsConversion && !s.countsAsResponse) {
        ctx.addIssue({ code: 'custom', path: [i, 'countsAsResponse'], message: marketing.key('marketing.status.conversionIsResponse') });
      }
      if (s.countsAsOptOut && (s.countsAsResponse || s.countsAsConversion)) {
        ctx.addIssue({ code: 'custom', path: [i, 'countsAsOptOut'], message: marketing.key('marketing.status.optOutNotResponse') });
      }
      const counts = s.countsAsSent || s.countsAsResponse || s.countsAsConversion || s.countsAsOptOut;
      if (s.isInitial && counts) ctx.addIssue({ code: 'custom', path: [i, 'isInitial'], message: marketing.key('marketing.status.initialCountsNothing') });
    });
    const initial = set.filter((s) => s.isInitial).length;
    if (initial !== 1) ctx.addIssue({ code: 'custom', path: [], message: marketing.stored('marketing.status.oneInitial', { count: initial }) });
  });

export interface Milestones {
  sentAt: Date | null;
  respondedAt: Date | null;
  convertedAt: Date | null;
  optedOutAt: Date | null;
}

const earliest = (current: Date | null, at: Date) => (current && current <= at ? current : at);

/**
 * The member's milestones after reaching `status` at `at`. They only move earlier, never back to
 * null: a member who responded and then opted out still counted as a response. A response or
 * conversion implies the member was reached (sent).
 */
export function milestonesAfter(member: Milestones, status: Omit<MemberStatusDefinition, 'name' | 'isInitial'>, at: Date): Milestones {
  const sent = status.countsAsSent || status.countsAsResponse || status.countsAsConversion;
  return {
    sentAt: sent ? earliest(member.sentAt, at) : member.sentAt,
    respondedAt: status.countsAsResponse ? earliest(member.respondedAt, at) : member.respondedAt,
    convertedAt: status.countsAsConversion ? earliest(member.convertedAt, at) : member.convertedAt,
    optedOutAt: status.countsAsOptOut ? earliest(member.optedOutAt, at) : member.optedOutAt,
  };
}
