import type { ArticleStatus, ArticleVisibility, SeedContext } from '@rapport/core';
import type { KnowledgeConfig } from './config.js';
import { renderMarkdown } from './render.js';

const DAY = 86_400_000;

/** [slug, name, parent slug] */
const CATEGORIES: Array<[string, string, string | null]> = [
  ['getting-started', 'Getting started', null],
  ['customers', 'Customers and contacts', null],
  ['customers-import', 'Importing data', 'customers'],
  ['customers-sharing', 'Sharing and ownership', 'customers'],
  ['service', 'Service desk', null],
  ['service-sla', 'SLAs and escalation', 'service'],
  ['service-tickets', 'Working tickets', 'service'],
  ['hardware', 'Hardware and devices', null],
  ['hardware-network', 'Routers and networking', 'hardware'],
  ['hardware-printers', 'Printers and scanners', 'hardware'],
  ['integrations', 'Integrations', null],
  ['billing', 'Billing and contracts', null],
];

interface SeedArticle {
  title: string;
  category: string;
  summary: string;
  steps: string[];
  tags: string[];
  visibility?: ArticleVisibility;
  language?: string;
  status?: ArticleStatus;
}

const ARTICLES: SeedArticle[] = [
  { title: 'Configuring the router', category: 'hardware-network', summary: 'First-time setup of the branch office router: WAN, Wi-Fi and the admin password.', steps: ['Connect the WAN port to the modem and power the router on.', 'Open http://192.168.1.1 and sign in with the password on the label.', 'Set the WAN type given by the provider (PPPoE or DHCP).', 'Name the Wi-Fi network and choose WPA3 with a strong passphrase.', 'Change the admin password and save the configuration backup.'], tags: ['router', 'setup', 'wifi'], visibility: 'PUBLIC' },
  { title: 'Router keeps dropping the connection', category: 'hardware-network', summary: 'What to check when a router disconnects every few minutes.', steps: ['Check the WAN cable and the modem lights.', 'Update the firmware: old firmware drops PPPoE sessions.', 'Move the router away from microwaves and cordless phones.', 'If you configured a static channel, switch back to automatic.'], tags: ['router', 'troubleshooting'], visibility: 'PUBLIC' },
  { title: 'Updating router firmware safely', category: 'hardware-network', summary: 'Back up the configuration before any firmware update.', steps: ['Export the current configuration.', 'Download the firmware only from the vendor site.', 'Do not power off the router during the update.', 'Restore the configuration if settings were reset.'], tags: ['router', 'firmware'], visibility: 'PARTNER' },
  { title: 'Setting up a VPN between branch offices', category: 'hardware-network', summary: 'Site-to-site IPsec between two routers.', steps: ['Give each site a distinct subnet.', 'Create matching IPsec proposals on both routers.', 'Allow UDP 500 and 4500 through any upstream firewall.', 'Test with a ping between the two LANs.'], tags: ['vpn', 'router', 'network'], visibility: 'PARTNER' },
  { title: 'Printer shows "offline" on Windows', category: 'hardware-printers', summary: 'Bring a network printer back online.', steps: ['Print a network configuration page from the printer panel.', 'Check the printer port uses that IP address.', 'Give the printer a DHCP reservation so its address stops changing.'], tags: ['printer', 'windows'], visibility: 'PUBLIC' },
  { title: 'Replacing the toner cartridge', category: 'hardware-printers', summary: 'Which cartridge fits and how to reset the counter.', steps: ['Open the front cover and pull the old cartridge out.', 'Shake the new cartridge gently five times.', 'Insert it until it clicks and close the cover.', 'Reset the toner counter from Settings > Supplies.'], tags: ['printer', 'toner'], visibility: 'PUBLIC' },
  { title: 'Scanning to e-mail fails with an authentication error', category: 'hardware-printers', summary: 'SMTP settings for scan-to-e-mail.', steps: ['Use port 587 with STARTTLS.', 'Create an app password for the scanner account.', 'Send a test scan to yourself.'], tags: ['scanner', 'email'], visibility: 'PARTNER' },
  { title: 'Creating your first customer', category: 'getting-started', summary: 'Name, tier, stage and owner: what each field means.', steps: ['Open the customers list and choose New customer.', 'Pick the tier from A (key account) to D (first touch).', 'Set the lifecycle stage; it drives reports.', 'Add the primary contact with phone and e-mail.'], tags: ['customers', 'onboarding'] },
  { title: 'Logging calls and visits', category: 'getting-started', summary: 'Completed interactions move the last-contacted date.', steps: ['Log the call right after it ends.', 'A scheduled follow-up has a due date and stays open until completed.', 'Visits are logged like calls, with the location in the notes.'], tags: ['activities', 'onboarding'] },
  { title: 'Reminders and follow-up alerts', category: 'getting-started', summary: 'Why you get FOLLOW_UP_NEEDED and how to stop it.', steps: ['A customer nobody contacted for 30 days raises an alert to its owner.', 'Logging any completed interaction resets the timer.', 'Live alerts arrive over WebSocket; missed ones wait as unread.'], tags: ['alerts', 'activities'] },
  { title: 'Importing customers from a spreadsheet', category: 'customers-import', summary: 'Prepare the CSV and avoid duplicates.', steps: ['Export one row per customer with name, phone and e-mail.', 'Normalise phone numbers to digits with the country code.', 'Search for existing customers before importing: names are matched case-insensitively.'], tags: ['import', 'csv', 'duplicates'] },
  { title: 'Merging duplicate customers', category: 'customers-import', summary: 'Keep the record with the longest history.', steps: ['Compare contacts and activities of both records.', 'Move the contacts to the record you keep.', 'Delete the empty duplicate; the audit log keeps what it held.'], tags: ['duplicates', 'customers'] },
  { title: 'Sharing a customer with a colleague', category: 'customers-sharing', summary: 'READ and EDIT shares, and who may grant them.', steps: ['The owner, their manager or an admin may share.', 'READ lets the colleague see the customer; EDIT lets them change it.', 'An EDIT share does not let them share it further.'], tags: ['sharing', 'permissions'] },
  { title: 'The public pool: releasing and claiming customers', category: 'customers-sharing', summary: 'Customers without an owner are visible to every sales rep.', steps: ['Release a customer you no longer work to the pool.', 'Anyone may see pool customers; only admins change them.'], tags: ['public-pool', 'ownership'] },
  { title: 'Reassigning customers when a rep leaves', category: 'customers-sharing', summary: 'Managers move customers in bulk to keep follow-ups going.', steps: ['List the leaving rep’s customers.', 'Assign each to a new owner; alerts go to the new owner.', 'Deactivate the user: sessions end at once.'], tags: ['ownership', 'managers'] },
  { title: 'How SLA targets are calculated', category: 'service-sla', summary: 'First response and resolution targets per priority.', steps: ['Urgent tickets need a first response within 30 minutes and resolution within 4 hours.', 'The clock starts when the ticket is opened.', 'A public comment counts as the first response; an internal note does not.'], tags: ['sla', 'tickets'], visibility: 'PARTNER' },
  { title: 'What happens when an SLA is breached', category: 'service-sla', summary: 'Escalation level, alerts to the assignee and the queue manager.', steps: ['The breach job records the missed target.', 'The ticket escalates one level.', 'The assignee and the queue team’s manager get an alert.'], tags: ['sla', 'escalation'] },
  { title: 'Escalating a ticket to second-level support', category: 'service-tickets', summary: 'When and how to escalate by hand.', steps: ['Escalate when you cannot solve it within your skills.', 'Give a reason: the next agent reads it first.', 'Hand the ticket over in the same step if you know who takes it.'], tags: ['escalation', 'tickets'] },
  { title: 'Writing a good resolution note', category: 'service-tickets', summary: 'The customer reads it: say what fixed it.', steps: ['State the cause in one sentence.', 'List what you changed.', 'Link the knowledge base article you followed.'], tags: ['tickets', 'writing'] },
  { title: 'Reopening a resolved ticket', category: 'service-tickets', summary: 'SLA due times stay: the customer has been waiting since the start.', steps: ['Reopen with the reason the customer gave.', 'The ticket goes back to OPEN with the same assignee.'], tags: ['tickets'] },
  { title: 'Customer satisfaction ratings', category: 'service-tickets', summary: 'Ratings from 1 to 5 after resolution.', steps: ['A ticket is rated once, after it was resolved.', 'Managers see averages per agent in the metrics.'], tags: ['satisfaction', 'metrics'] },
  { title: 'Creating an API key for an integration', category: 'integrations', summary: 'Scopes, storage and revocation.', steps: ['Only admins create keys.', 'Give the key the fewest scopes it needs.', 'The key is shown once: store it in your secret manager.', 'Revoke it when the integration is retired.'], tags: ['api', 'security'], visibility: 'PARTNER' },
  { title: 'Receiving live alerts over WebSocket', category: 'integrations', summary: 'graphql-ws with a bearer token in connection_init.', steps: ['Connect to ws://host:4000/graphql with the graphql-transport-ws protocol.', 'Send the access token in the connection_init payload.', 'Reconnect with a fresh token when the socket is closed with 4403.'], tags: ['api', 'alerts', 'websocket'], visibility: 'PARTNER' },
  { title: 'Rate limits and retrying requests', category: 'integrations', summary: 'RATE_LIMITED answers come with Retry-After.', steps: ['Wait for the seconds in Retry-After before retrying.', 'Batch reads into one query instead of many small ones.'], tags: ['api', 'limits'], visibility: 'PUBLIC' },
  { title: 'Understanding your invoice', category: 'billing', summary: 'Licences, support tiers and taxes.', steps: ['Licences are billed per active user per month.', 'Support tiers are billed yearly in advance.', 'Taxes follow the billing address of the contract.'], tags: ['billing', 'invoice'], visibility: 'PUBLIC' },
  { title: 'Renewing a service contract', category: 'billing', summary: 'Renewals start 60 days before the end date.', steps: ['The account manager sends a renewal quote.', 'Changes in seat count apply from the renewal date.'], tags: ['contracts', 'renewal'], visibility: 'PARTNER' },
  { title: 'Handling a complaint call', category: 'service', summary: 'Listen, log, own: the first five minutes.', steps: ['Let the customer finish before answering.', 'Open a COMPLAINT ticket while still on the call.', 'Say who owns the ticket and when they will hear back.'], tags: ['complaints', 'calls'] },
  { title: 'Working the queue at the start of a shift', category: 'service', summary: 'Urgent and breached first, then oldest.', steps: ['Filter the queue by breached tickets.', 'Take urgent tickets next.', 'Then work the oldest tickets first.'], tags: ['queue', 'tickets'] },
  { title: '配置路由器', category: 'hardware-network', summary: '分支机构路由器的首次设置：宽带、无线网络和管理员密码。', steps: ['将 WAN 口连接到调制解调器并接通电源。', '打开 http://192.168.1.1 并使用标签上的密码登录。', '设置运营商提供的上网方式 （PPPoE 或 DHCP）。', '修改管理员密码并保存配置备份。'], tags: ['router', 'setup'], visibility: 'PUBLIC', language: 'zh-CN' },
  { title: '打印机 脱机 怎么办', category: 'hardware-printers', summary: '让网络打印机重新联机。', steps: ['在打印机面板上打印网络配置页。', '检查打印机端口是否使用该 IP 地址。', '为打印机设置 DHCP 保留地址。'], tags: ['printer'], visibility: 'PUBLIC', language: 'zh-CN' },
  { title: '客户 公海 规则', category: 'customers-sharing', summary: '没有负责人的客户对所有销售可见。', steps: ['不再跟进的客户可以释放到公海。', '只有管理员可以修改公海客户。'], tags: ['public-pool'], language: 'zh-CN' },
  { title: 'Planned maintenance: new ticket portal', category: 'service', summary: 'What changes for agents when the new portal goes live.', steps: ['Tickets keep their numbers.', 'Saved filters must be recreated.'], tags: ['announcement'], status: 'IN_REVIEW' },
  { title: 'Draft: handling GDPR data requests', category: 'customers', summary: 'Export and erasure requests from contacts.', steps: ['Verify the requester’s identity.', 'Export the contact’s data within 30 days.'], tags: ['gdpr', 'privacy'], status: 'DRAFT' },
  { title: 'Old fax integration', category: 'integrations', summary: 'Retired: fax-to-ticket is no longer supported.', steps: ['Use e-mail to ticket instead.'], tags: ['fax'], status: 'ARCHIVED' },
];

function markdownOf(article: SeedArticle): string {
  const steps = article.steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
  return article.language?.startsWith('zh') ? `${article.summary}\n\n## 步骤\n\n${steps}\n` : `${article.summary}\n\n## Steps\n\n${steps}\n\nStill stuck? Open a ticket and link this article.\n`;
}

/**
 * Demo knowledge base: a category tree and a few dozen articles, most published with a first
 * version. Written in a handful of batched statements, so it adds little to a first start.
 */
export async function seedKnowledgeBase({ prisma, now, rng, log }: SeedContext<KnowledgeConfig>): Promise<void> {
  if (await prisma.article.count()) return;
  const users = await prisma.user.findMany({ where: { email: { in: ['agent@demo.local', 'manager@demo.local'] } } });
  const byEmail = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const [author, reviewer] = [byEmail('agent@demo.local'), byEmail('manager@demo.local')];
  const categoryIds = await seedCategories(prisma, new Date(now.getTime() - 400 * DAY));

  const rows = ARTICLES.map((seed) => {
    const status = seed.status ?? 'PUBLISHED';
    const body = markdownOf(seed);
    const createdAt = new Date(now.getTime() - rng.int(30, 360) * DAY);
    const publishedAt = status === 'PUBLISHED' || status === 'ARCHIVED' ? new Date(createdAt.getTime() + 2 * DAY) : null;
    const content = {
      title: seed.title,
      summary: seed.summary,
      body,
      bodyHtml: renderMarkdown(body),
      categoryId: categoryIds.get(seed.category)!,
      tags: seed.tags,
      language: seed.language ?? 'en',
      visibility: seed.visibility ?? ('INTERNAL' as const),
    };
    const archivedAt = status === 'ARCHIVED' ? new Date(now.getTime() - 10 * DAY) : null;
    return { content, article: { ...content, status, authorId: author, createdAt, publishedAt, approvedAt: publishedAt, archivedAt, latestVersion: publishedAt ? 1 : 0 } };
  });
  const created = await prisma.article.createManyAndReturn({ data: rows.map((r) => r.article), select: { id: true, title: true } });
  const idOf = new Map(created.map((a) => [a.title, a.id]));
  const live = rows.filter((r) => r.article.publishedAt);
  await prisma.articleVersion.createMany({
    data: live.map((r) => ({ ...r.content, articleId: idOf.get(r.content.title)!, number: 1, publishedById: reviewer, publishedAt: r.article.publishedAt! })),
  });
  await prisma.articleStats.createMany({
    data: live.map((r) => ({ articleId: idOf.get(r.content.title)!, viewCount: rng.int(5, 900), helpfulCount: rng.int(0, 40), notHelpfulCount: rng.int(0, 6) })),
  });
  if (reviewer) {
    await prisma.articleReviewer.createMany({
      data: rows.filter((r) => r.article.status !== 'DRAFT').map((r) => ({ articleId: idOf.get(r.content.title)!, userId: reviewer, approvedAt: r.article.publishedAt })),
    });
  }
  log(`Seeded ${CATEGORIES.length} knowledge base categories and ${ARTICLES.length} articles`);
}

/** The tree level by level (parents first), one statement per level. */
async function seedCategories(prisma: SeedContext['prisma'], createdAt: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let level = CATEGORIES.filter(([, , parent]) => parent === null);
  while (level.length) {
    const made = await prisma.articleCategory.createManyAndReturn({
      data: level.map(([slug, name, parent]) => ({ slug, name, parentId: parent ? ids.get(parent)! : null, position: CATEGORIES.findIndex((c) => c[0] === slug), createdAt })),
      select: { id: true, slug: true },
    });
    for (const { id, slug } of made) ids.set(slug, id);
    level = CATEGORIES.filter(([slug, , parent]) => parent !== null && ids.has(parent) && !ids.has(slug));
  }
  return ids;
}
