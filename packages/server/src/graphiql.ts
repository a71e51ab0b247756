import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL from the npm package (editor, styles and workers inlined in one page), so it works with
 * no internet. The 9 MB page is loaded on first use and kept.
 */
export function offlineGraphiQL(): (options: GraphiQLOptions) => Promise<string> {
  const pages = new Map<string, string>();
  return async (options) => {
    const key = JSON.stringify(options);
    const cached = pages.get(key);
    if (cached) return cached;
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    const page = renderGraphiQL(options);
    pages.set(key, page);
    return page;
  };
}

/** What the main endpoint's GraphiQL opens with: sign in, pass the token, then a first query. */
export const GRAPHIQL_EXAMPLE = `# Welcome to Rapport's GraphQL API.
#
# 1. Run "Login" (the ▶ button, then Login): a demo account, password "demo"
#    (admin@demo.local, manager@demo.local, rep@demo.local, agent@demo.local).
# 2. Copy its accessToken into the Headers tab below:
#      { "Authorization": "Bearer <accessToken>" }
#    (integrations: { "Authorization": "ApiKey <key>" }). Tokens last 15 minutes;
#    refreshToken(input: { refreshToken }) gives a new pair.
# 3. Run "Customers".

mutation Login {
  login(input: { email: "rep@demo.local", password: "demo" }) {
    accessToken
    refreshToken
  }
}

query Customers {
  customers(first: 5, orderBy: { field: LAST_CONTACTED_AT, direction: DESC }) {
    totalCount
    edges { node { code name tier stage owner { name } contacts { name phone } } }
  }
}
`;
