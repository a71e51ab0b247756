// The `partnerPortal` extension point: other plugins add partner-safe types and fields to the portal
// schema. A contributor sets `extensions: { partnerPortal: (builder, portal) => { ... } }` on its
// definePlugin and lists `requires: ['partner?']`; without the partner plugin it is simply not called.
import type { EnabledPlugin, Prisma, Viewer } from '@rapport/core';
import { contactsSharedWith, customersSharedWith, partnerOf } from '../access.js';
import type { PortalBuilder } from './builder.js';
import type { registerPortalSchema } from './schema.js';

export type PortalRefs = ReturnType<typeof registerPortalSchema>;

/** What a contribution gets beside the portal builder. */
export interface PartnerPortalRegistration<Config = unknown> {
  /** The portal's types to extend (`builder.prismaObjectField(refs.Customer, …)`) or point at. */
  refs: PortalRefs;
  /** The contributing plugin's own configuration. */
  config: Config;
  isEnabled(name: string): boolean;
  /** The portal's row rules: merge them into every query a contribution makes. */
  rules: {
    customersSharedWith(viewer: Viewer | null | undefined): Prisma.CustomerWhereInput;
    contactsSharedWith(viewer: Viewer | null | undefined): Prisma.ContactWhereInput;
    /** The signed-in partner ({ id, partnerId }), or UNAUTHENTICATED. */
    partnerOf: typeof partnerOf;
  };
}

export type PartnerPortalContribution<Config = unknown> = (builder: PortalBuilder, portal: PartnerPortalRegistration<Config>) => void;

// The extension point's type, so a contributor's `extensions: { partnerPortal }` is type-checked; it
// needs only a type import of this package (`import type {} from '@rapport/plugin-partner'`).
declare module '@rapport/core' {
  interface ExtensionPoints {
    /** Contributions to the partner portal's schema (any contributor configuration). */
    partnerPortal: PartnerPortalContribution<never>;
  }
}

/** Kept for contributors that may import this package at run time; a type annotation does the same. */
export function partnerPortalContribution<Config = unknown>(contribution: PartnerPortalContribution<Config>): PartnerPortalContribution<Config> {
  return contribution;
}

/** Calls every enabled plugin's contribution on the portal builder, in dependency order. */
export function applyContributions(builder: PortalBuilder, refs: PortalRefs, plugins: readonly EnabledPlugin[]): void {
  const enabled = new Set(plugins.map((p) => p.plugin.name));
  for (const { plugin, config } of plugins) {
    const contribution = plugin.extensions?.partnerPortal;
    if (contribution === undefined) continue;
    if (typeof contribution !== 'function') {
      throw new Error(`Plugin "${plugin.name}": extensions.partnerPortal must be a function (builder, portal) => void`);
    }
    (contribution as PartnerPortalContribution)(builder, {
      refs,
      config,
      isEnabled: (name) => enabled.has(name),
      rules: { customersSharedWith, contactsSharedWith, partnerOf },
    });
  }
}
