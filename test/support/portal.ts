import { endpointUrl, postGraphQL, signInAt, type EndpointClient } from '@rapport/core/testing';

/** A partner signed in to the portal (the portal's login mutation), sending GraphQL over real HTTP. */
export type PortalClient = EndpointClient;

export { postGraphQL };

export function portalUrl(serverUrl: string): string {
  return endpointUrl({ url: serverUrl }, '/partner/graphql');
}

export function portalSignIn(serverUrl: string, email: string, password: string): Promise<PortalClient> {
  return signInAt(portalUrl(serverUrl), email, password);
}
