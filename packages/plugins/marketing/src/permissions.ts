import type { PermissionDefinition } from '@rapport/core';

// Makes `campaign.manage` a Permission for the type checker (core's list is closed without it).
declare module '@rapport/core' {
  interface PermissionRegistry {
    'campaign.manage': true;
  }
}

export const MARKETING_PERMISSIONS: readonly PermissionDefinition[] = [
  {
    name: 'campaign.manage',
    description: 'Plan and change marketing campaigns, segments, members, responses and materials; see campaign money.',
    roles: ['MANAGER', 'MARKETING'],
  },
];
