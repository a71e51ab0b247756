import { describe } from '@rapport/core';
import { definePlugin } from '@rapport/core';
import { KNOWLEDGE_DESCRIPTIONS } from './descriptions.js';
import { knowledge } from './messages.js';
// Types only (erased at run time): the service plugin's refs and the partner portal's extension point,
// both optional requirements.
import type {} from '@rapport/plugin-partner';
import type {} from '@rapport/plugin-service';
import { KNOWLEDGE_ALERT_KINDS, KNOWLEDGE_ALERT_MESSAGES } from './alerts.js';
import { knowledgeConfigSchema, type KnowledgeConfig } from './config.js';
import { combineArticleLinks } from './merge.js';
import { registerKnowledgeMutations } from './mutations-schema.js';
import { publishJob } from './publish-job.js';
import { registerPublicArticles } from './public-schema.js';
import { knowledgePortal } from './portal.js';
import { registerKnowledgeTypes } from './schema.js';
import { seedKnowledgeBase } from './seed.js';

const knowledgePlugin = definePlugin<KnowledgeConfig>({
  name: 'knowledge',
  dataModel: new URL('../prisma/', import.meta.url),
  version: '0.1.0',
  description: 'Knowledge base: reviewed, versioned articles with full-text search, links to customers and tickets, votes and attachments.',
  // partner: optional, for the `partnerPortal` contribution below (never called without it).
  requires: ['service?', 'partner?'],
  configSchema: knowledgeConfigSchema,
  messages: knowledge.catalogue,
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config, refsOf }) {
    describe(builder, KNOWLEDGE_DESCRIPTIONS);
    // Undefined while the service plugin is off: no ticket links then.
    const service = refsOf('service');
    const knowledge = registerKnowledgeTypes(builder, refs, config, service);
    registerKnowledgeMutations(builder, refs, config, knowledge, service);
    if (config.publicAccess) registerPublicArticles(builder, config, knowledge);
  },
  alertKinds: KNOWLEDGE_ALERT_KINDS,
  alertMessages: KNOWLEDGE_ALERT_MESSAGES,
  jobs: [publishJob],
  seed: seedKnowledgeBase,
  onCustomerMerge: combineArticleLinks,
  // Published PARTNER and PUBLIC articles on the partner portal's own schema (/partner/graphql).
  extensions: { partnerPortal: knowledgePortal },
});

export default knowledgePlugin;
export { knowledgePlugin, knowledgeConfigSchema, type KnowledgeConfig };
// Reading as an audience: the partner portal (or any non-staff surface) wires these into its schema.
export { articleAudienceFilter, articleAudienceSql, audienceRule, audienceOf, articlesVisibleTo, type ArticleAudience } from './audience.js';
export { knowledgePortal } from './portal.js';
export { articleFor, searchArticlesFor, type PublishedArticleView, type ReaderSearch } from './readers.js';
export { searchArticles, suggestArticles, safeHighlight, categoryAndDescendants, type ArticleFilter, type SearchHit } from './search.js';
export { compareArticleVersions, type VersionComparison } from './diff.js';
export { renderMarkdown } from './render.js';
export { TRANSITIONS, transitionProblem } from './transitions.js';
export { searchConfigFor, SEARCH_CONFIGS } from './search-config.js';
export { runScheduledPublishing, publishJob } from './publish-job.js';
export { contentProblem } from './attachments.js';
export { voteOnArticle, linkArticle, unlinkArticle, countView } from './engagement.js';
export { KNOWLEDGE_ALERT_KINDS, ARTICLE_CHANGES_REQUESTED, ARTICLE_PUBLISHED, ARTICLE_REVIEW_REQUESTED } from './alerts.js';
export * from './service.js';
