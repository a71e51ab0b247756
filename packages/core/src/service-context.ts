import type { RapportContext } from './context.js';

/** What services need: usable from GraphQL resolvers, jobs, seeds and tests alike. */
export type ServiceContext = Pick<RapportContext, 'prisma' | 'viewer' | 'clock'> & {
  /** Where the request came from, for the audit log; absent outside requests. */
  origin?: RapportContext['origin'] | undefined;
  /** The deployment's rule parameters; the defaults when absent (seeds, scripts). */
  config?:
    | (Pick<RapportContext['config'], 'customerRules'> &
        Partial<Pick<RapportContext['config'], 'locale' | 'customerCodePrefix' | 'customerCodePattern' | 'customerCodeLetters'>>)
    | undefined;
};
