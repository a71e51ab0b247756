import type { GraphQLResponse } from './harness.js';

/** A partner signed in to the portal (its own login mutation), sending GraphQL over real HTTP. */
export interface PortalClient {
  url: string;
  authorization: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function portalUrl(serverUrl: string): string {
  return serverUrl.replace(/\/graphql$/, '/partner/graphql');
}

export async function postGraphQL<T = any>(url: string, query: string, variables?: Record<string, unknown>, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';

export async function portalSignIn(serverUrl: string, email: string, password: string): Promise<PortalClient> {
  const url = portalUrl(serverUrl);
  const { body } = await postGraphQL(url, LOGIN, { input: { email, password } });
  if (!body.data?.login) throw new Error(`Cannot sign in to the portal as ${email}: ${JSON.stringify(body.errors)}`);
  const authorization = `Bearer ${body.data.login.accessToken}`;
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => (await postGraphQL<T>(url, query, variables, authorization)).body;
  return {
    url,
    authorization,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
  };
}
