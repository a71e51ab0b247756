/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Conditions on a list of activity items; an item is listed when it meets all of those given. */
export type ActivityFilter = {
  /** Only items whose assignee is one of these (global IDs). */
  assigneeIds?: Array<string | number> | null | undefined;
  /** Only items of this contact (global ID). */
  contactId?: string | number | null | undefined;
  /** All of these must hold. */
  customFields?: Array<CustomFieldFilter> | null | undefined;
  /** Only items of this customer (global ID). */
  customerId?: string | number | null | undefined;
  /** Only activities due at or after this time. */
  dueAfter?: string | null | undefined;
  /** Only activities due before this time. */
  dueBefore?: string | null | undefined;
  /** Only items whose kind is one of these. */
  kind?: Array<ActivityKind> | null | undefined;
  /** Not completed yet. */
  open?: boolean | null | undefined;
  /** Open and past its due time. */
  overdue?: boolean | null | undefined;
  /** Only items whose owner is one of these (global IDs). */
  ownerIds?: Array<string | number> | null | undefined;
  /** Tasks any of these users take part in. */
  participantIds?: Array<string | number> | null | undefined;
  /** Any of these priorities. */
  priority?: Array<ActivityPriority> | null | undefined;
};

/** What kind of activity it is; all but NOTE and TASK are interactions that count as contact when completed. */
export type ActivityKind =
  /** A phone call. */
  | 'CALL'
  /** Customer care: a birthday greeting, a gift, a return visit, training. */
  | 'CARE'
  /** An e-mail exchanged. */
  | 'EMAIL'
  /** A meeting, on site or online. */
  | 'MEETING'
  /** A chat or text message (WeChat, SMS). */
  | 'MESSAGE'
  /** A note for the record; not contact. */
  | 'NOTE'
  /** A follow-up task to do; not contact by itself. */
  | 'TASK'
  /** A visit to the customer. */
  | 'VISIT';

/** How urgent an activity is. Ordered LOW < NORMAL < HIGH < URGENT. */
export type ActivityPriority =
  /** Before normal work. */
  | 'HIGH'
  /** Can wait. */
  | 'LOW'
  /** The default. */
  | 'NORMAL'
  /** At once. */
  | 'URGENT';

/** The input of `addTeamMember`: puts a user in a team (moving them from their current one). */
export type AddTeamMemberInput = {
  /** The team, by its global ID. */
  teamId: string | number;
  /** The user, by its global ID. */
  userId: string | number;
};

/** What an alert is about; plugins add their own kinds. */
export type AlertKind =
  /** A record you submitted for approval was approved or rejected. */
  | 'APPROVAL_DECIDED'
  /** A record waits for your approval (you decide the current step). */
  | 'APPROVAL_REQUESTED'
  /** A reviewer sent your article back to draft, with a note. */
  | 'ARTICLE_CHANGES_REQUESTED'
  /** Your article went live (on its last approval, or at its scheduled time). */
  | 'ARTICLE_PUBLISHED'
  /** An article was submitted with you as a reviewer. */
  | 'ARTICLE_REVIEW_REQUESTED'
  /** A contact of one of your customers has a birthday within the care lead days; a care task is on your list. */
  | 'BIRTHDAY_CARE_DUE'
  /** An ACTIVE or PAUSED campaign you own ends soon (see alertLeadHours). */
  | 'CAMPAIGN_ENDING'
  /** A contact of one of your customers responded to a campaign; sent to the customer's owner. */
  | 'CAMPAIGN_MEMBER_RESPONDED'
  /** A PLANNED campaign you own starts soon (see alertLeadHours). */
  | 'CAMPAIGN_STARTING'
  /** A customer of yours goes back to the public pool within days unless someone follows it up. */
  | 'CUSTOMER_ABOUT_TO_BE_RELEASED'
  /** A customer of yours is contacted or buys less often than before (churn warning). */
  | 'CUSTOMER_AT_RISK'
  /** One of your customers' files is due for its periodic review; a review task is on your list. */
  | 'CUSTOMER_FILE_REVIEW_DUE'
  /** A customer of yours went back to the public pool. */
  | 'CUSTOMER_RELEASED_TO_POOL'
  /** A partner registered a deal to review (the title says when the conflict check found something); sent to partner managers. */
  | 'DEAL_REGISTRATION_SUBMITTED'
  /** Nobody contacted one of your customers for too long. */
  | 'FOLLOW_UP_NEEDED'
  /** A holiday of the care calendar is within the lead days; care tasks for your customers of the care tiers are on your list (one alert per holiday). */
  | 'HOLIDAY_CARE_DUE'
  /** An instalment of an active contract of yours falls due within instalmentDueSoonDays days and is not fully paid. */
  | 'INSTALMENT_DUE_SOON'
  /** An instalment of an active contract of yours passed its due date without being paid in full. */
  | 'INSTALMENT_OVERDUE'
  /** A lead of yours goes back to the lead public pool within leadPool.warnDaysBefore days unless you follow it up. */
  | 'LEAD_ABOUT_TO_BE_RELEASED'
  /** A lead was given to you by someone else. */
  | 'LEAD_ASSIGNED'
  /** A lead of yours went back to the lead public pool for want of a follow-up. */
  | 'LEAD_RELEASED_TO_POOL'
  /** An opportunity was given to you by someone else. */
  | 'OPPORTUNITY_ASSIGNED'
  /** An open opportunity of yours passed its expected close date. */
  | 'OPPORTUNITY_CLOSE_DATE_PASSED'
  /** An open opportunity of yours had no activity or stage change for staleAfterDays days. */
  | 'OPPORTUNITY_STALE'
  /** A deal registration on a customer you own was approved: the partner now works it with you. */
  | 'PARTNER_REGISTERED_YOUR_CUSTOMER'
  /** An order of yours passed its expected delivery date without being delivered in full. */
  | 'SALES_ORDER_DELIVERY_OVERDUE'
  /** An activity was assigned to you. */
  | 'TASK_ASSIGNED'
  /** A follow-up reached its reminder time. */
  | 'TASK_DUE_SOON'
  /** A follow-up passed its due time while still open. */
  | 'TASK_OVERDUE'
  /** You were added to a task as a participant. */
  | 'TASK_PARTICIPANT_ADDED'
  /** A task you take part in reached its due time while still open. */
  | 'TASK_PARTICIPANT_DUE'
  /** A ticket was assigned to you by someone else. */
  | 'TICKET_ASSIGNED'
  /** A ticket missed its first-response or resolution target; sent to its assignee and its queue team's manager. */
  | 'TICKET_SLA_BREACHED'
  /** A webhook endpoint you created kept failing and was paused. */
  | 'WEBHOOK_ENDPOINT_PAUSED';

/** DRAFT → IN_REVIEW → PUBLISHED (every reviewer approved; at publishAt if scheduled) → ARCHIVED (archiveArticle or expireAt). */
export type ArticleStatus =
  /** No longer shown to readers. */
  | 'ARCHIVED'
  /** Being written. */
  | 'DRAFT'
  /** Waiting for its reviewers. */
  | 'IN_REVIEW'
  /** Readable by its audience. */
  | 'PUBLISHED';

/** Which built-in view (scene) it is: every user has them, whatever they saved. */
export type BuiltInSavedViewKey =
  /** All the customers the viewer may see (no filter). */
  | 'ALL'
  /** Key accounts: tier A customers. */
  | 'KEY_ACCOUNTS'
  /** The customers the viewer owns. */
  | 'MINE'
  /** The viewer's customers the pool's release job takes within its warning period (customerRules.pool.warnBeforeReleaseDays; 7 days when warnings are off), longest without contact first. */
  | 'RELEASE_SOON';

/** Which way a call went. */
export type CallDirection =
  /** The customer called us. */
  | 'INBOUND'
  /** We called the customer. */
  | 'OUTBOUND';

/** How an ended call went: ANSWERED by an agent, or why not. */
export type CallDisposition =
  /** Answered. */
  | 'ANSWERED'
  /** The line was busy. */
  | 'BUSY'
  /** Could not be connected. */
  | 'FAILED'
  /** An inbound call nobody answered. */
  | 'MISSED'
  /** An outbound call nobody answered. */
  | 'NO_ANSWER'
  /** Went to voicemail. */
  | 'VOICEMAIL';

/** Conditions on a list of call items; an item is listed when it meets all of those given. */
export type CallFilter = {
  /** Only items whose agent is one of these (global IDs). */
  agentIds?: Array<string | number> | null | undefined;
  /** Only items of this customer (global ID). */
  customerId?: string | number | null | undefined;
  /** Only inbound or only outbound calls. */
  direction?: CallDirection | null | undefined;
  /** Only items whose disposition is one of these. */
  disposition?: Array<CallDisposition> | null | undefined;
  /** Started at or after. */
  from?: string | null | undefined;
  /** Only items whose queue is one of these (global IDs). */
  queueIds?: Array<string | number> | null | undefined;
  /** Started before. */
  to?: string | null | undefined;
};

/** How a campaign reaches people. */
export type CampaignChannel =
  /** Paid advertising. */
  | 'ADVERTISING'
  /** Post. */
  | 'DIRECT_MAIL'
  /** E-mail. */
  | 'EMAIL'
  /** An event of our own (a seminar, a customer day). */
  | 'EVENT'
  /** Text messages. */
  | 'SMS'
  /** Social media (WeChat, Weibo). */
  | 'SOCIAL'
  /** A trade show. */
  | 'TRADE_SHOW'
  /** An online seminar. */
  | 'WEBINAR';

/** Conditions on a list of campaign items; an item is listed when it meets all of those given. */
export type CampaignFilter = {
  /** Running at this instant (startsAt ≤ it < endsAt). */
  activeAt?: string | null | undefined;
  /** Only items whose channel is one of these. */
  channel?: Array<CampaignChannel> | null | undefined;
  /** Only items whose owner is one of these (global IDs). */
  ownerIds?: Array<string | number> | null | undefined;
  /** Direct children of this campaign. */
  parentId?: string | number | null | undefined;
  /** Name containing the text. */
  search?: string | null | undefined;
  /** Only items whose status is one of these. */
  status?: Array<CampaignStatus> | null | undefined;
  /** Only campaigns without a parent. */
  topLevelOnly?: boolean | null | undefined;
};

/** PLANNED → ACTIVE ⇄ PAUSED → COMPLETED; ABORTED from any but COMPLETED. COMPLETED and ABORTED are final. */
export type CampaignStatus =
  /** Stopped for good before its end. */
  | 'ABORTED'
  /** Running. */
  | 'ACTIVE'
  /** Over. */
  | 'COMPLETED'
  /** On hold. */
  | 'PAUSED'
  /** Being prepared. */
  | 'PLANNED';

/** The input of `changeTicketStatus`: moves a ticket to another status (e.g. PENDING while waiting for the customer). */
export type ChangeTicketStatusInput = {
  /** The global ID of the ticket to change. */
  id: string | number;
  /** Why, kept with the ticket’s history. */
  note?: string | null | undefined;
  /** OPEN or PENDING; resolving, closing and reopening have their own mutations. */
  status: TicketStatus;
  /** The version you last read of what this changes; if it changed since, nothing is written and `userErrors` says STALE_VERSION. */
  version: number;
};

/** The input of `claimCustomer`: takes a customer from the public pool, within customerRules.pool.maxOwnedCustomers (give one back to make room). */
export type ClaimCustomerInput = {
  /** The customer, by its global ID. */
  customerId: string | number;
  /** One of yours to release in the same step (needed at the maximum). */
  giveBackCustomerId?: string | number | null | undefined;
  /** Why you claim it, kept with the transfer. */
  reason?: string | null | undefined;
};

/** RULE: the rules re-evaluated the facts; DEAL: a recorded deal moved the stage; OVERRIDE/MANUAL: a person decided; OVERRIDE_CLEARED: a decision was withdrawn. */
export type ClassificationCause =
  /** A deal was recorded. */
  | 'DEAL'
  /** Marked by hand (markCustomerStage). */
  | 'MANUAL'
  /** Set by hand (overrideCustomerTier). */
  | 'OVERRIDE'
  /** A manual decision was cleared and the rules took over again. */
  | 'OVERRIDE_CLEARED'
  /** The tier or stage rules (on a change or the daily job). */
  | 'RULE';

/** The input of `commentOnTicket`: adds a comment: PUBLIC for the customer, INTERNAL for colleagues only. */
export type CommentOnTicketInput = {
  /** Comment text, resolution note, or the reason of a reopening, reassignment or escalation. */
  body: string;
  /** The global ID of the ticket event to comment. */
  id: string | number;
  /** Set on comments. */
  visibility: TicketCommentVisibility;
};

/** The input of `completeActivity`: marks an open activity done, with its outcome; an interaction then counts as contact. */
export type CompleteActivityInput = {
  /** Defaults to now. */
  completedAt?: string | null | undefined;
  /** The global ID of the activity to complete. */
  id: string | number;
  /** How it went (e.g. “interested, send a quote”); set when completing. */
  outcome?: string | null | undefined;
  /** The version you last read of what this changes; if it changed since, nothing is written and `userErrors` says STALE_VERSION. */
  version: number;
};

/** Conditions on a list of contract items; an item is listed when it meets all of those given. */
export type ContractFilter = {
  /** Only items of this customer (global ID). */
  customerId?: string | number | null | undefined;
  /** Only ACTIVE contracts with an instalment past due and not paid in full. */
  overdueOnly?: boolean | null | undefined;
  /** Only items of this owner (global ID). */
  ownerId?: string | number | null | undefined;
  /** Only items whose status is one of these. */
  status?: Array<ContractStatus> | null | undefined;
};

/** DRAFT → PENDING_APPROVAL (amount above the approval threshold) → ACTIVE (signed) → COMPLETED / TERMINATED. */
export type ContractStatus =
  /** Signed and in force. */
  | 'ACTIVE'
  /** Fulfilled. */
  | 'COMPLETED'
  /** Being written; can still change. */
  | 'DRAFT'
  /** Waiting for approval before it can be signed. */
  | 'PENDING_APPROVAL'
  /** Ended early, with a reason. */
  | 'TERMINATED';

/** The input of `createActivity`: logs an interaction or schedules a follow-up on a customer. */
export type CreateActivityInput = {
  /** Who is to do it (a follow-up task’s assignee); null for a logged interaction, by its global ID. */
  assigneeId?: string | number | null | undefined;
  /** The notes: what was said or done. */
  body?: string | null | undefined;
  /** When it happened. Omitted on an interaction without dueAt means now; with dueAt it stays open. */
  completedAt?: string | null | undefined;
  /** The contact person it was with, when one was, by its global ID. */
  contactId?: string | number | null | undefined;
  /** Sets the custom fields named; others stay. */
  customFields?: Array<CustomFieldInput> | null | undefined;
  /** The customer it belongs to, by its global ID. */
  customerId: string | number;
  /** When a follow-up is due; null for an interaction already done. */
  dueAt?: string | null | undefined;
  /** What kind of activity: call, visit, meeting, e-mail, message, care, note or task. */
  kind: ActivityKind;
  /** How it went (e.g. “interested, send a quote”); set when completing. */
  outcome?: string | null | undefined;
  /** Further users to alert when added and when the task falls due (at most 20); on update, replaces the list. */
  participantIds?: Array<string | number> | null | undefined;
  /** How urgent it is; NORMAL when created without one. */
  priority?: ActivityPriority | null | undefined;
  /** When to remind the assignee; not after dueAt. */
  remindAt?: string | null | undefined;
  /** A one-line summary shown in timelines and task lists. */
  subject: string;
};

/** The input of `createCustomer`: adds a customer, owned by you unless another owner is given; warns of possible duplicates. */
export type CreateCustomerInput = {
  /** The annual contract value in CNY (needs customer.viewFinancials); counts towards tier A. */
  annualContractValue?: string | null | undefined;
  /** Contacts created with the customer. */
  contacts?: Array<NewContactInput> | null | undefined;
  /** Sets the custom fields named; others stay. */
  customFields?: Array<CustomFieldInput> | null | undefined;
  /** The customer’s general e-mail address. */
  email?: string | null | undefined;
  /** The customer’s industry (e.g. manufacturing, retail). */
  industry?: string | null | undefined;
  /** A company or a person. */
  kind?: CustomerKind | null | undefined;
  /** The company’s or person’s name. */
  name: string;
  /** Agent, distributor, intermediary or end customer. */
  nature?: CustomerNature | null | undefined;
  /** Null puts the customer in the public pool. */
  ownerId?: string | number | null | undefined;
  /** The customer’s main phone number. */
  phone?: string | null | undefined;
  /** Where the customer is: country, province, city. */
  region?: RegionInput | null | undefined;
  /** Enterprise size. */
  size?: CustomerSize | null | undefined;
  /** Where the customer came from (web, trade show, referral, cold call, …). */
  source?: string | null | undefined;
  /** The lifecycle stage: POTENTIAL → NEW → RETURNING → LOYAL, or DORMANT. */
  stage?: CustomerStage | null | undefined;
  /** Labels from the tag list. */
  tags?: Array<string> | null | undefined;
  /** The value tier (A, B, C, D, X), by the rules unless overridden. */
  tier?: CustomerTier | null | undefined;
  /** The customer’s website. */
  website?: string | null | undefined;
};

/** A new saved view of the viewer. */
export type CreateSavedViewInput = {
  /** The list it filters. */
  entity: SavedViewEntity;
  /** The list's filter input, checked against its type (e.g. CustomerFilter); {} by default. */
  filter?: unknown;
  /** Up to 60 characters, unique among the viewer's views of the list. */
  name: string;
  /** The list's order input, checked against its type (e.g. CustomerOrder). */
  orderBy?: unknown;
  /** Where it is listed among your views (0–10000, default 0). */
  position?: number | null | undefined;
  /** Offer it to every user (default false). */
  shared?: boolean | null | undefined;
};

/** The input of `createTeam`: A new sales team, with its manager. */
export type CreateTeamInput = {
  /** An active MANAGER or ADMIN. */
  managerId?: string | number | null | undefined;
  /** The team’s name. */
  name: string;
};

/** The input of `createUser`: creates a user (user.manage; managers: in a team they manage). */
export type CreateUserInput = {
  /** Owner code new customer codes carry (`{owner}` in RAPPORT_CUSTOMER_CODE_PATTERN, e.g. 01): 1–8 letters or digits, unique; null clears it. */
  code?: string | null | undefined;
  /** The e-mail address the user signs in with. */
  email: string;
  /** BCP-47: zh-CN or en. zh-CN unless given. */
  locale?: string | null | undefined;
  /** The user’s full name. */
  name: string;
  /** A first password (8+ characters); without one the user needs an invitation or reset link. */
  password?: string | null | undefined;
  /** The user’s phone number. */
  phone?: string | null | undefined;
  /** SALES unless given. Managers may not give ADMIN. */
  role?: UserRole | null | undefined;
  /** Managers: one of the teams they manage. */
  teamId?: string | number | null | undefined;
  /** IANA zone, e.g. Asia/Shanghai (the default). */
  timeZone?: string | null | undefined;
};

/** Conditions on one custom field; all that are given must hold. Each applies to some kinds only. */
export type CustomFieldFilter = {
  /** BOOLEAN equals. */
  boolean?: boolean | null | undefined;
  /** MULTI_SELECT holds every one of these. */
  containsAll?: Array<string> | null | undefined;
  /** MULTI_SELECT holds at least one of these. */
  containsAny?: Array<string> | null | undefined;
  /** DATE equals. */
  date?: string | null | undefined;
  /** DATE on or after. */
  from?: string | null | undefined;
  /** SELECT or TEXT equals one of these. */
  in?: Array<string> | null | undefined;
  /** The custom field’s key. */
  key: string;
  /** NUMBER at most. */
  max?: number | null | undefined;
  /** NUMBER at least. */
  min?: number | null | undefined;
  /** NUMBER equals. */
  number?: number | null | undefined;
  /** SELECT equals. */
  option?: string | null | undefined;
  /** TEXT equals (exact). */
  text?: string | null | undefined;
  /** DATE on or before. */
  to?: string | null | undefined;
};

/** Sets one custom field: `key` plus the member of its kind (TEXT `text`, NUMBER `number`, DATE `date`, BOOLEAN `boolean`, SELECT `option`, MULTI_SELECT `options`). Giving no member clears the value. Keys not named are left as they are. */
export type CustomFieldInput = {
  /** The value of a BOOLEAN field. */
  boolean?: boolean | null | undefined;
  /** The value of a DATE field. */
  date?: string | null | undefined;
  /** The custom field’s key. */
  key: string;
  /** The value of a NUMBER field. */
  number?: number | null | undefined;
  /** The value of a SELECT field: one of its options. */
  option?: string | null | undefined;
  /** The value of a MULTI_SELECT field: some of its options. */
  options?: Array<string> | null | undefined;
  /** The value of a TEXT field. */
  text?: string | null | undefined;
};

/** The type of a custom field: which value type (e.g. NumberFieldValue) and input member (e.g. `number`) it uses. */
export type CustomFieldKind =
  /** Yes or no. */
  | 'BOOLEAN'
  /** A calendar date. */
  | 'DATE'
  /** Any of a list of options. */
  | 'MULTI_SELECT'
  /** A number, within optional bounds. */
  | 'NUMBER'
  /** One of a list of options. */
  | 'SELECT'
  /** Free text. */
  | 'TEXT';

/** Conditions on a list of customer items; an item is listed when it meets all of those given. */
export type CustomerFilter = {
  /** True: only archived customers; false: only served ones. Unset: served ones unless includeArchived. */
  archived?: boolean | null | undefined;
  /** Only customers in this city. */
  city?: string | null | undefined;
  /** Only customers in this country. */
  country?: string | null | undefined;
  /** All of these must hold. */
  customFields?: Array<CustomFieldFilter> | null | undefined;
  /** Only customers in the public pool (true) or only owned ones (false). */
  inPublicPool?: boolean | null | undefined;
  /** Archived customers too (they are left out by default). */
  includeArchived?: boolean | null | undefined;
  /** Only customers of this industry. */
  industry?: string | null | undefined;
  /** Name starts with (case-insensitive); index-backed. */
  namePrefix?: string | null | undefined;
  /** Any of these natures. */
  nature?: Array<CustomerNature> | null | undefined;
  /** Owned by any of these users. */
  ownerIds?: Array<string | number> | null | undefined;
  /** In any of these public pools (PublicPool ids; the pools you may see): the public-pool view of one or more pools. */
  poolIds?: Array<string | number> | null | undefined;
  /** Only customers in this province. */
  province?: string | null | undefined;
  /** GB/T 2260 code: customers in that division or below it (330000: all of Zhejiang). */
  regionCode?: string | null | undefined;
  /** Owned customers the public-pool release job takes within this many days unless followed up, judged by the pool that would take them (its basis, days per tier and deal exemption; what plugins report to the job itself is not judged here); 0: those due now. */
  releaseDueWithinDays?: number | null | undefined;
  /** Name, code, phone or e-mail of the customer or its contacts. */
  search?: string | null | undefined;
  /** Any of these sizes. */
  size?: Array<CustomerSize> | null | undefined;
  /** Only customers from this source. */
  source?: string | null | undefined;
  /** Only items whose stage is one of these. */
  stage?: Array<CustomerStage> | null | undefined;
  /** Has every one of these tags. */
  tagsAll?: Array<string> | null | undefined;
  /** Has at least one of these tags. */
  tagsAny?: Array<string> | null | undefined;
  /** Only items whose tier is one of these. */
  tier?: Array<CustomerTier> | null | undefined;
};

/** Whether a customer is an organisation or a private person. */
export type CustomerKind =
  /** A company or other organisation. */
  | 'COMPANY'
  /** A private person. */
  | 'PERSON';

/** Where the customer stands in the sales channel. */
export type CustomerNature =
  /** Agent (代理商): sells on the company's behalf. */
  | 'AGENT'
  /** Distributor (经销商): buys to resell. */
  | 'DISTRIBUTOR'
  /** End customer (终端客户): buys to use. */
  | 'END_CUSTOMER'
  /** Intermediary (中介): brings buyers and sellers together. */
  | 'INTERMEDIARY';

/** How to order a list of customer items: by which field, which way. */
export type CustomerOrder = {
  /** Which way: ASC or DESC. */
  direction?: SortDirection | null | undefined;
  /** What to order by. */
  field: CustomerOrderField;
};

/** What a list of customer items can be ordered by. */
export type CustomerOrderField =
  /** By annual contract value. */
  | 'ANNUAL_CONTRACT_VALUE'
  /** By readable unique code, given at creation from the deployment's pattern (e.g. JRN01001: company, domestic, owner 01, sequence 001); customers created before keep the one derived from their number, e.g. CUS-000123. */
  | 'CODE'
  /** By when this customer was created. */
  | 'CREATED_AT'
  /** By when someone last had contact (a completed interaction, a deal or an offer); null if never. */
  | 'LAST_CONTACTED_AT'
  /** By the company’s or person’s name. */
  | 'NAME'
  /** By the value tier (A, B, C, D, X), by the rules unless overridden. */
  | 'TIER'
  /** By when this customer last changed. */
  | 'UPDATED_AT';

/** Enterprise size as China's statistics classify it. */
export type CustomerSize =
  /** Large enterprise (大型). */
  | 'LARGE'
  /** Medium-sized enterprise (中型). */
  | 'MEDIUM'
  /** Micro enterprise (微型). */
  | 'MICRO'
  /** Small enterprise (小型). */
  | 'SMALL';

/** Lifecycle stage. */
export type CustomerStage =
  /** Dealt before, silent for a while (a deal or contact brings it back). */
  | 'DORMANT'
  /** Many deals, the latest recent. */
  | 'LOYAL'
  /** The first deal closed. */
  | 'NEW'
  /** Contact exchanged, no deal yet. */
  | 'POTENTIAL'
  /** Several deals. */
  | 'RETURNING';

/** Value tier: A key (large contract, close contact) … D first touch; X dormant. */
export type CustomerTier =
  /** Dealt, high annual value, in close contact. */
  | 'A'
  /** Dealt, below tier A’s value or contact. */
  | 'B'
  /** Quotes or samples sent, no deal yet. */
  | 'C'
  /** Only cards exchanged or a first call. */
  | 'D'
  /** Dormant: dealt or quoted before, silent for months. */
  | 'X';

/** The input of `deactivateUser`: switches a user off at once (sessions and API keys revoked) and hands their work to a successor. */
export type DeactivateUserInput = {
  /** The global ID of the hand over to deactivate. */
  id: string | number;
  /** Why the user leaves, kept in the audit log. */
  reason?: string | null | undefined;
  /** Receives their customers (up to the per-owner maximum; the rest go to the public pool), open tasks and open tickets. Required when they own customers or have open tasks. */
  successorId?: string | number | null | undefined;
  /** The version you read; a stale one is a CONFLICT. */
  version?: number | null | undefined;
};

/** One of your saved views to delete. */
export type DeleteSavedViewInput = {
  /** The view to delete. */
  id: string | number;
};

/** The input of `login`: signs in: a short-lived access token and a refresh token. A wrong e-mail or password is UNAUTHENTICATED in `errors` (not a user error): it names no field, so as not to tell which was wrong. */
export type LoginInput = {
  /** The e-mail address you sign in with. */
  email: string;
  /** Your password. */
  password: string;
};

/** Which alert to mark read. */
export type MarkAlertReadInput = {
  /** The alert. */
  id: string | number;
};

/** A contact person to create with the customer. */
export type NewContactInput = {
  /** Date of birth, for care (a birthday greeting). */
  birthday?: string | null | undefined;
  /** Values of the active custom fields that are set, in display order; private ones only with customer.viewPrivateFields. */
  customFields?: Array<CustomFieldInput> | null | undefined;
  /** The department they work in. */
  department?: string | null | undefined;
  /** Their e-mail address. */
  email?: string | null | undefined;
  /** Whether they are the customer’s main contact (at most one is). */
  isPrimary?: boolean | null | undefined;
  /** Their full name. */
  name: string;
  /** Their phone number. */
  phone?: string | null | undefined;
  /** Their job title. */
  title?: string | null | undefined;
};

/** OPEN while worked through the stages; WON or LOST once it reached the closing stage. */
export type OpportunityStatus =
  /** Lost to a competitor or dropped. */
  | 'LOST'
  /** Being worked. */
  | 'OPEN'
  /** Won: the deal is recorded on the customer. */
  | 'WON';

/** What a role (or an API key) may do; see docs/security.md. Row rules apply on top. */
export type Permission =
  /** Create, list and revoke API keys. */
  | 'API_KEY_MANAGE'
  /** Read the audit log. */
  | 'AUDIT_READ'
  /** Plan and change marketing campaigns, segments, members, responses and materials; see campaign money. */
  | 'CAMPAIGN_MANAGE'
  /** Archive customers you may change that are no longer served, and restore them (archiveCustomer, unarchiveCustomer). */
  | 'CUSTOMER_ARCHIVE'
  /** Give a customer to another user. */
  | 'CUSTOMER_ASSIGN'
  /** Change every customer. */
  | 'CUSTOMER_EDIT_ALL'
  /** Merge duplicate customers you may change into one (mergeCustomers). */
  | 'CUSTOMER_MERGE'
  /** See customers you own, share or manage, and the public pool (with their contacts and activities). */
  | 'CUSTOMER_READ'
  /** See every customer. */
  | 'CUSTOMER_READ_ALL'
  /** See and change the customers owned by members of the teams you manage. */
  | 'CUSTOMER_TEAM'
  /** See and set annualContractValue (and order by it). */
  | 'CUSTOMER_VIEW_FINANCIALS'
  /** See and set private custom fields (and those listed in RAPPORT_PRIVATE_CUSTOM_FIELDS). */
  | 'CUSTOMER_VIEW_PRIVATE_FIELDS'
  /** Create customers; change those you may edit, with their contacts and activities. */
  | 'CUSTOMER_WRITE'
  /** Define, change and archive custom fields. */
  | 'CUSTOM_FIELD_MANAGE'
  /** Export the lists you may see to CSV and XLSX. */
  | 'DATA_EXPORT'
  /** Import customers, contacts and activities from spreadsheets (as customer.write allows) and undo imports. */
  | 'DATA_IMPORT'
  /** Create public pools and change any pool: its name, release and claim rules, members and admins (a pool admin manages their own pool). */
  | 'POOL_MANAGE'
  /** See roles' permissions and change them (setRolePermissions). */
  | 'ROLE_MANAGE'
  /** Set sales targets (销售目标) for the teams one manages and their reps, and split a team target across its reps; with customer.readAll, for every team. */
  | 'SALES_TARGET_MANAGE'
  /** Create, rename, recolour and archive tags. */
  | 'TAG_MANAGE'
  /** Create, invite, change, deactivate and reactivate any user; create teams, set their manager and members. */
  | 'USER_MANAGE'
  /** The same for the members of the teams you manage, short of making anyone an admin. */
  | 'USER_MANAGE_TEAM'
  /** Create, change, pause and delete outbound webhook endpoints; read their delivery logs and redeliver. */
  | 'WEBHOOK_MANAGE';

/** The input of `reactivateUser`: lets a deactivated user sign in again; what was handed over stays with the successor. */
export type ReactivateUserInput = {
  /** The global ID of the user to reactivate. */
  id: string | number;
};

/** The input of `refreshToken`: A new access and refresh token for a refresh token; reusing one ends its session. */
export type RefreshTokenInput = {
  /** The refresh token from login or the last refresh; it is used up. */
  refreshToken: string;
};

/** A region as typed ("浙江 / 杭州", "Zhejiang / Hangzhou", or a division code alone); Chinese names are resolved to their division. */
export type RegionInput = {
  /** City; alone, it also finds its province when only one city has that name. */
  city?: string | null | undefined;
  /** A GB/T 2260 division code; given, it decides and the names are filled from it. */
  code?: string | null | undefined;
  /** Empty or China (中国) for a region inside China. */
  country?: string | null | undefined;
  /** District or county. */
  district?: string | null | undefined;
  /** Province, municipality or autonomous region, in any usual spelling. */
  province?: string | null | undefined;
};

/** The input of `removeTeamMember`: takes a user out of a team. */
export type RemoveTeamMemberInput = {
  /** The team, by its global ID. */
  teamId: string | number;
  /** The user, by its global ID. */
  userId: string | number;
};

/** The list a saved view is of. */
export type SavedViewEntity =
  /** The customers list (`customers`): its filter is a CustomerFilter, its order a CustomerOrder. */
  | 'CUSTOMER';

/** What a colleague may do with a customer shared with them. */
export type ShareAccess =
  /** Read and change it. */
  | 'EDIT'
  /** Only read it. */
  | 'READ';

/** The input of `shareCustomer`: shares a customer with a colleague (the owner, the owner's manager or an admin may). */
export type ShareCustomerInput = {
  /** EDIT also lets them change it. */
  access?: ShareAccess | null | undefined;
  /** The customer, by its global ID. */
  customerId: string | number;
  /** The user, by its global ID. */
  userId: string | number;
};

/** Which way a list is ordered. */
export type SortDirection =
  /** Ascending: smallest, earliest or A first. */
  | 'ASC'
  /** Descending: largest, latest or Z first. */
  | 'DESC';

/** How the customer reached us. */
export type TicketChannel =
  /** Online chat. */
  | 'CHAT'
  /** E-mail. */
  | 'EMAIL'
  /** A phone call. */
  | 'PHONE'
  /** Social media (WeChat, Weibo). */
  | 'SOCIAL'
  /** In person. */
  | 'VISIT'
  /** A web form. */
  | 'WEB';

/** PUBLIC answers the customer (the first one is the first response); INTERNAL is a note for staff. */
export type TicketCommentVisibility =
  /** For colleagues only. */
  | 'INTERNAL'
  /** For the customer too. */
  | 'PUBLIC';

/** What happened to a ticket. */
export type TicketEventKind =
  /** Assigned to an agent. */
  | 'ASSIGNED'
  /** A comment was added. */
  | 'COMMENTED'
  /** Escalated. */
  | 'ESCALATED'
  /** Opened. */
  | 'OPENED'
  /** Rated by the customer. */
  | 'RATED'
  /** An SLA target was missed. */
  | 'SLA_BREACHED'
  /** Moved to another status. */
  | 'STATUS_CHANGED';

/** Conditions on a list of ticket items; an item is listed when it meets all of those given. */
export type TicketFilter = {
  /** Only items whose assignee is one of these (global IDs). */
  assigneeIds?: Array<string | number> | null | undefined;
  /** Missed (true) or has not missed (false) an SLA target. */
  breached?: boolean | null | undefined;
  /** Only items of this customer (global ID). */
  customerId?: string | number | null | undefined;
  /** Only items whose priority is one of these. */
  priority?: Array<TicketPriority> | null | undefined;
  /** In the queue of any of these teams. */
  queueIds?: Array<string | number> | null | undefined;
  /** Subject or description containing the text, or the code (T-000123). */
  search?: string | null | undefined;
  /** Only items whose status is one of these. */
  status?: Array<TicketStatus> | null | undefined;
  /** Only items whose type is one of these. */
  type?: Array<TicketType> | null | undefined;
};

/** Decides the SLA targets. */
export type TicketPriority =
  /** High: a customer is blocked. */
  | 'HIGH'
  /** Low: no hurry. */
  | 'LOW'
  /** Normal. */
  | 'NORMAL'
  /** Urgent: answer at once. */
  | 'URGENT';

/** NEW (nobody on it yet) → OPEN / PENDING (waiting on the customer) → RESOLVED → CLOSED; reopening goes back to OPEN. */
export type TicketStatus =
  /** Closed for good. */
  | 'CLOSED'
  /** Just opened, not yet taken up. */
  | 'NEW'
  /** Being worked on. */
  | 'OPEN'
  /** Waiting for the customer or a third party; the SLA clock pauses. */
  | 'PENDING'
  /** Solved; the customer may still reopen or rate it. */
  | 'RESOLVED';

/** What a ticket is about. */
export type TicketType =
  /** A complaint (投诉). */
  | 'COMPLAINT'
  /** A question (咨询). */
  | 'INQUIRY'
  /** A repair or maintenance job (报修). */
  | 'REPAIR'
  /** A service request (需求). */
  | 'REQUEST';

/** The input of `transferCustomer`: gives a customer to another user within their maximum, kept in the customer's transfers: with customer.assign any customer you may change; a pool's admin without it, a customer of that pool to one of its members (rule pool.assign). */
export type TransferCustomerInput = {
  /** The customer, by its global ID. */
  customerId: string | number;
  /** Why it moves to another owner; required. */
  reason: string;
  /** The to user, by its global ID. */
  toUserId: string | number;
};

/** The input of `updateCustomer`: changes a customer’s record; the tier and stage are re-evaluated. */
export type UpdateCustomerInput = {
  /** The annual contract value in CNY (needs customer.viewFinancials); counts towards tier A. */
  annualContractValue?: string | null | undefined;
  /** Sets the custom fields named; others stay. */
  customFields?: Array<CustomFieldInput> | null | undefined;
  /** The customer’s general e-mail address. */
  email?: string | null | undefined;
  /** The global ID of the customer to update. */
  id: string | number;
  /** The customer’s industry (e.g. manufacturing, retail). */
  industry?: string | null | undefined;
  /** A company or a person. */
  kind?: CustomerKind | null | undefined;
  /** The company’s or person’s name. */
  name?: string | null | undefined;
  /** Agent, distributor, intermediary or end customer. */
  nature?: CustomerNature | null | undefined;
  /** Null puts the customer in the public pool. */
  ownerId?: string | number | null | undefined;
  /** The customer’s main phone number. */
  phone?: string | null | undefined;
  /** Where the customer is: country, province, city. */
  region?: RegionInput | null | undefined;
  /** Enterprise size. */
  size?: CustomerSize | null | undefined;
  /** Where the customer came from (web, trade show, referral, cold call, …). */
  source?: string | null | undefined;
  /** The lifecycle stage: POTENTIAL → NEW → RETURNING → LOYAL, or DORMANT. */
  stage?: CustomerStage | null | undefined;
  /** Labels from the tag list. */
  tags?: Array<string> | null | undefined;
  /** The value tier (A, B, C, D, X), by the rules unless overridden. */
  tier?: CustomerTier | null | undefined;
  /** The version you read; a stale one is rejected. */
  version: number;
  /** The customer’s website. */
  website?: string | null | undefined;
};

/** Changes to one of your saved views; omitted fields stay as they are. */
export type UpdateSavedViewInput = {
  /** A new filter (replaces the old one). */
  filter?: unknown;
  /** The view to change. */
  id: string | number;
  /** A new name. */
  name?: string | null | undefined;
  /** A new order; null: back to the list's default. */
  orderBy?: unknown;
  /** A new place among your views. */
  position?: number | null | undefined;
  /** Offer it to every user, or stop. */
  shared?: boolean | null | undefined;
  /** The version you read (SavedView.version). */
  version: number;
};

/** The input of `updateUser`: changes a user. Your own name, phone, locale and time zone need no permission. */
export type UpdateUserInput = {
  /** Owner code new customer codes carry (`{owner}` in RAPPORT_CUSTOMER_CODE_PATTERN, e.g. 01): 1–8 letters or digits, unique; null clears it. */
  code?: string | null | undefined;
  /** The e-mail address the user signs in with. */
  email?: string | null | undefined;
  /** The global ID of the user to update. */
  id: string | number;
  /** BCP-47: zh-CN or en. */
  locale?: string | null | undefined;
  /** The user’s full name. */
  name?: string | null | undefined;
  /** The user’s phone number. */
  phone?: string | null | undefined;
  /** Managers may not give ADMIN. */
  role?: UserRole | null | undefined;
  /** Managers: one of the teams they manage. */
  teamId?: string | number | null | undefined;
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone?: string | null | undefined;
  /** The version you read; a stale one is a CONFLICT. */
  version: number;
};

/** Why a mutation refused its input, for a front end to branch on; the message is for people. */
export type UserErrorCode =
  /** The change conflicts with the current state of the record (e.g. it was claimed by someone else). */
  | 'CONFLICT'
  /** Another record already holds this unique value. */
  | 'DUPLICATE'
  /** The value is malformed or not acceptable here. */
  | 'INVALID'
  /** A limit would be exceeded (e.g. the most customers one may own). */
  | 'LIMIT_REACHED'
  /** The value is not one of those allowed (e.g. a tag not in the tag list). */
  | 'NOT_ALLOWED_VALUE'
  /** A record the input refers to (not the one acted on) does not exist or is not visible to you. */
  | 'NOT_FOUND'
  /** The number or date is outside the allowed range. */
  | 'OUT_OF_RANGE'
  /** A value is needed (missing or empty). */
  | 'REQUIRED'
  /** The record changed since you read it: reload it and retry with its current version. */
  | 'STALE_VERSION'
  /** The text or list is longer than allowed. */
  | 'TOO_LONG'
  /** The text or list is shorter than allowed. */
  | 'TOO_SHORT';

/** Conditions on a list of user items; an item is listed when it meets all of those given. */
export type UserFilter = {
  /** Overrides activeOnly: false lists only deactivated users. */
  active?: boolean | null | undefined;
  /** Only users with one of these roles. */
  roles?: Array<UserRole> | null | undefined;
  /** Part of the name or e-mail, any case. */
  search?: string | null | undefined;
  /** Only items whose team is one of these (global IDs). */
  teamIds?: Array<string | number> | null | undefined;
};

/** What a user is at the company; decides their permissions. */
export type UserRole =
  /** Administers the deployment: users, roles, settings; sees everything. */
  | 'ADMIN'
  /** A sales manager: sees and assigns the team’s customers. */
  | 'MANAGER'
  /** Runs campaigns. */
  | 'MARKETING'
  /** A sales rep: works their own customers. */
  | 'SALES'
  /** Customer service: handles tickets. */
  | 'SERVICE';

export type CreateActivityMutationVariables = Exact<{
  input: CreateActivityInput;
}>;


export type CreateActivityMutation = { createActivity: { activity: { id: string, kind: ActivityKind, subject: string, body: string | null, completedAt: string | null, dueAt: string | null, remindAt: string | null, isOpen: boolean, customer: { id: string, lastContactedAt: string | null } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type CompleteActivityMutationVariables = Exact<{
  input: CompleteActivityInput;
}>;


export type CompleteActivityMutation = { completeActivity: { activity: { id: string, completedAt: string | null, isOpen: boolean, version: number } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type MyTasksQueryVariables = Exact<{
  filter?: ActivityFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type MyTasksQuery = { activities: { totalCount: number, edges: Array<{ node: { id: string, kind: ActivityKind, subject: string, dueAt: string | null, remindAt: string | null, isOverdue: boolean, version: number, customer: { id: string, name: string } } }> } };

export type AdminUserFieldsFragment = { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null };

export type AdminUsersQueryVariables = Exact<{
  filter?: UserFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminUsersQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } }> }, teams: Array<{ id: string, name: string, version: number, manager: { id: string, name: string } | null, members: Array<{ id: string, name: string }> }> };

export type AdminCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type AdminCreateUserMutation = { createUser: { user: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AdminUpdateUserMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type AdminUpdateUserMutation = { updateUser: { user: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AdminDeactivateUserMutationVariables = Exact<{
  input: DeactivateUserInput;
}>;


export type AdminDeactivateUserMutation = { deactivateUser: { user: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AdminReactivateUserMutationVariables = Exact<{
  input: ReactivateUserInput;
}>;


export type AdminReactivateUserMutation = { reactivateUser: { user: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AdminCreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type AdminCreateTeamMutation = { createTeam: { team: { id: string, name: string, version: number, manager: { id: string, name: string } | null, members: Array<{ id: string }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AdminAddTeamMemberMutationVariables = Exact<{
  input: AddTeamMemberInput;
}>;


export type AdminAddTeamMemberMutation = { addTeamMember: { user: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AdminRemoveTeamMemberMutationVariables = Exact<{
  input: RemoveTeamMemberInput;
}>;


export type AdminRemoveTeamMemberMutation = { removeTeamMember: { user: { id: string, name: string, email: string, phone: string | null, role: UserRole, active: boolean, locale: string, timeZone: string, version: number, team: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AlertFeedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlertFeedSubscription = { alerts: { id: string, kind: AlertKind, title: string, body: string | null, fireAt: string, isRead: boolean, subject:
      | { __typename: 'Activity', id: string, customer: { id: string } }
      | { __typename: 'Alert', id: string }
      | { __typename: 'ApiKey', id: string }
      | { __typename: 'ApprovalRequest', id: string }
      | { __typename: 'Article', id: string }
      | { __typename: 'ArticleAttachment', id: string }
      | { __typename: 'ArticleCategory', id: string }
      | { __typename: 'ArticleLink', id: string }
      | { __typename: 'ArticleVersion', id: string }
      | { __typename: 'AuditEntry', id: string }
      | { __typename: 'Call', id: string }
      | { __typename: 'Campaign', id: string }
      | { __typename: 'CampaignMaterial', id: string }
      | { __typename: 'CampaignMember', id: string }
      | { __typename: 'CampaignResponse', id: string }
      | { __typename: 'Contact', id: string }
      | { __typename: 'Contract', id: string }
      | { __typename: 'ContractAttachment', id: string }
      | { __typename: 'CustomFieldDefinition', id: string }
      | { __typename: 'Customer', id: string }
      | { __typename: 'DailySalesReport', id: string }
      | { __typename: 'DailyVisitPlan', id: string }
      | { __typename: 'DataImport', id: string }
      | { __typename: 'Deal', id: string }
      | { __typename: 'DealRegistration', id: string }
      | { __typename: 'ExportSchedule', id: string }
      | { __typename: 'Invoice', id: string }
      | { __typename: 'Lead', id: string }
      | { __typename: 'NotificationDelivery', id: string }
      | { __typename: 'Opportunity', id: string }
      | { __typename: 'PartnerOrganization', id: string }
      | { __typename: 'PartnerUser', id: string }
      | { __typename: 'Payment', id: string }
      | { __typename: 'PipelineStage', id: string }
      | { __typename: 'PriceList', id: string }
      | { __typename: 'Product', id: string }
      | { __typename: 'PublicPool', id: string }
      | { __typename: 'Quote', id: string }
      | { __typename: 'SalesOrder', id: string }
      | { __typename: 'SalesPipeline', id: string }
      | { __typename: 'SalesTarget', id: string }
      | { __typename: 'SavedView', id: string }
      | { __typename: 'Segment', id: string }
      | { __typename: 'Tag', id: string }
      | { __typename: 'Team', id: string }
      | { __typename: 'Ticket', id: string }
      | { __typename: 'TicketEvent', id: string }
      | { __typename: 'User', id: string }
      | { __typename: 'WebhookDelivery', id: string }
      | { __typename: 'WebhookEndpoint', id: string }
     | null } };

export type RecentAlertsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type RecentAlertsQuery = { unreadAlertCount: number, alerts: { edges: Array<{ node: { id: string, kind: AlertKind, title: string, body: string | null, fireAt: string, isRead: boolean, subject:
          | { __typename: 'Activity', id: string, customer: { id: string } }
          | { __typename: 'Alert', id: string }
          | { __typename: 'ApiKey', id: string }
          | { __typename: 'ApprovalRequest', id: string }
          | { __typename: 'Article', id: string }
          | { __typename: 'ArticleAttachment', id: string }
          | { __typename: 'ArticleCategory', id: string }
          | { __typename: 'ArticleLink', id: string }
          | { __typename: 'ArticleVersion', id: string }
          | { __typename: 'AuditEntry', id: string }
          | { __typename: 'Call', id: string }
          | { __typename: 'Campaign', id: string }
          | { __typename: 'CampaignMaterial', id: string }
          | { __typename: 'CampaignMember', id: string }
          | { __typename: 'CampaignResponse', id: string }
          | { __typename: 'Contact', id: string }
          | { __typename: 'Contract', id: string }
          | { __typename: 'ContractAttachment', id: string }
          | { __typename: 'CustomFieldDefinition', id: string }
          | { __typename: 'Customer', id: string }
          | { __typename: 'DailySalesReport', id: string }
          | { __typename: 'DailyVisitPlan', id: string }
          | { __typename: 'DataImport', id: string }
          | { __typename: 'Deal', id: string }
          | { __typename: 'DealRegistration', id: string }
          | { __typename: 'ExportSchedule', id: string }
          | { __typename: 'Invoice', id: string }
          | { __typename: 'Lead', id: string }
          | { __typename: 'NotificationDelivery', id: string }
          | { __typename: 'Opportunity', id: string }
          | { __typename: 'PartnerOrganization', id: string }
          | { __typename: 'PartnerUser', id: string }
          | { __typename: 'Payment', id: string }
          | { __typename: 'PipelineStage', id: string }
          | { __typename: 'PriceList', id: string }
          | { __typename: 'Product', id: string }
          | { __typename: 'PublicPool', id: string }
          | { __typename: 'Quote', id: string }
          | { __typename: 'SalesOrder', id: string }
          | { __typename: 'SalesPipeline', id: string }
          | { __typename: 'SalesTarget', id: string }
          | { __typename: 'SavedView', id: string }
          | { __typename: 'Segment', id: string }
          | { __typename: 'Tag', id: string }
          | { __typename: 'Team', id: string }
          | { __typename: 'Ticket', id: string }
          | { __typename: 'TicketEvent', id: string }
          | { __typename: 'User', id: string }
          | { __typename: 'WebhookDelivery', id: string }
          | { __typename: 'WebhookEndpoint', id: string }
         | null } }> } };

export type MarkAlertReadMutationVariables = Exact<{
  input: MarkAlertReadInput;
}>;


export type MarkAlertReadMutation = { markAlertRead: { alert: { id: string, isRead: boolean } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, user: { id: string, name: string, email: string, role: UserRole } | null } };

export type RefreshTokenMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type RefreshTokenMutation = { refreshToken: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, user: { id: string, name: string, email: string, role: UserRole } | null } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: { revokedSessions: number | null } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewerPermissions: Array<Permission>, viewer: { id: string, name: string, email: string, role: UserRole, team: { id: string, name: string } | null } | null, deployment: { version: string, plugins: Array<{ name: string }> } };

export type CallListQueryVariables = Exact<{
  filter?: CallFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CallListQuery = { calls: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, direction: CallDirection, disposition: CallDisposition | null, startedAt: string, talkSeconds: number | null, fromNumber: string | null, fromRaw: string, toNumber: string | null, toRaw: string, agent: { name: string } | null, customer: { id: string, name: string } | null } }> } };

export type CustomerListQueryVariables = Exact<{
  filter?: CustomerFilter | null | undefined;
  orderBy?: CustomerOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CustomerListQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, name: string, tier: CustomerTier, stage: CustomerStage, inPublicPool: boolean, lastContactedAt: string | null, tags: Array<string>, owner: { id: string, name: string } | null, region: { province: string | null, city: string | null } } }> } };

export type CustomerDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerDetailQuery = { customer: { id: string, code: string, name: string, kind: CustomerKind, tier: CustomerTier, stage: CustomerStage, industry: string | null, phone: string | null, email: string | null, website: string | null, source: string | null, inPublicPool: boolean, lastContactedAt: string | null, version: number, tags: Array<string>, owner: { id: string, name: string } | null, region: { country: string | null, province: string | null, city: string | null }, customFields: Array<
      | { key: string, boolean: boolean, definition: { label: string, kind: CustomFieldKind } }
      | { key: string, date: string, definition: { label: string, kind: CustomFieldKind } }
      | { key: string, options: Array<string>, definition: { label: string, kind: CustomFieldKind } }
      | { key: string, number: number, definition: { label: string, kind: CustomFieldKind } }
      | { key: string, option: string, definition: { label: string, kind: CustomFieldKind } }
      | { key: string, text: string, definition: { label: string, kind: CustomFieldKind } }
    >, shares: Array<{ access: ShareAccess, user: { id: string, name: string } }>, contacts: Array<{ id: string, name: string, title: string | null, phone: string | null, email: string | null, isPrimary: boolean }>, activities: { totalCount: number, edges: Array<{ node: { id: string, kind: ActivityKind, subject: string, body: string | null, outcome: string | null, completedAt: string | null, dueAt: string | null, createdAt: string, isOpen: boolean, owner: { name: string }, contact: { name: string } | null } }> }, tierHistory: { edges: Array<{ node: { at: string, fromTier: CustomerTier | null, toTier: CustomerTier, reason: string, cause: ClassificationCause, actor: { name: string } | null } }> }, stageHistory: { edges: Array<{ node: { at: string, fromStage: CustomerStage | null, toStage: CustomerStage, reason: string } }> } } | null };

export type UserErrorFieldsFragment = { field: Array<string> | null, message: string, code: UserErrorCode };

export type CreateCustomerMutationVariables = Exact<{
  input: CreateCustomerInput;
}>;


export type CreateCustomerMutation = { createCustomer: { customer: { id: string, code: string, name: string, email: string | null, version: number } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ClaimCustomerMutationVariables = Exact<{
  input: ClaimCustomerInput;
}>;


export type ClaimCustomerMutation = { claimCustomer: { customer: { id: string, name: string, inPublicPool: boolean, owner: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type CustomerFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type CustomerFilterOptionsQuery = { tags: Array<{ id: string, name: string, color: string | null }>, users: { edges: Array<{ node: { id: string, name: string } }> } };

export type CustomerEditOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type CustomerEditOptionsQuery = { customFieldDefinitions: Array<{ id: string, key: string, label: string, kind: CustomFieldKind, options: Array<string>, required: boolean, private: boolean }>, tags: Array<{ id: string, name: string }>, users: { edges: Array<{ node: { id: string, name: string } }> } };

export type UpdateCustomerMutationVariables = Exact<{
  input: UpdateCustomerInput;
}>;


export type UpdateCustomerMutation = { updateCustomer: { customer: { id: string, name: string, phone: string | null, email: string | null, industry: string | null, tags: Array<string>, version: number, customFields: Array<
        | { key: string }
        | { key: string }
        | { key: string }
        | { key: string }
        | { key: string }
        | { key: string }
      > } | null, duplicateWarnings: Array<{ __typename: 'DuplicateWarning' }>, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type TransferCustomerMutationVariables = Exact<{
  input: TransferCustomerInput;
}>;


export type TransferCustomerMutation = { transferCustomer: { customer: { id: string, owner: { id: string, name: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ShareCustomerMutationVariables = Exact<{
  input: ShareCustomerInput;
}>;


export type ShareCustomerMutation = { shareCustomer: { customer: { id: string, shares: Array<{ access: ShareAccess, user: { id: string, name: string } }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ManagerDashboardQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ManagerDashboardQuery = { customerStats: { total: number, byTier: Array<{ tier: CustomerTier, count: number }>, byStage: Array<{ stage: CustomerStage, count: number }>, byOwner: Array<{ count: number, owner: { id: string, name: string } | null }>, byRegion: Array<{ province: string | null, count: number }> }, activityStats: Array<{ start: string, calls: number, visits: number, tasksCompleted: number, tasksOverdue: number, rep: { id: string, name: string } }>, atRiskCustomers: { totalCount: number, edges: Array<{ node: { id: string, name: string, tier: CustomerTier, owner: { name: string } | null, churnRisk: { reason: string, flaggedAt: string } | null } }> } };

export type ArticleSearchQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ArticleSearchQuery = { searchArticles: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ snippet: string, node: { id: string, code: string, title: string, status: ArticleStatus, summary: string | null, updatedAt: string, category: { name: string } | null } }> } };

export type CampaignListQueryVariables = Exact<{
  filter?: CampaignFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CampaignListQuery = { campaigns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, status: CampaignStatus, channel: CampaignChannel, startsAt: string, endsAt: string, budget: string | null, owner: { name: string }, metrics: { members: number, responses: number, conversions: number } } }> } };

export type PipelineBoardQueryVariables = Exact<{
  ownerIds?: Array<string | number> | string | number | null | undefined;
  top?: number | null | undefined;
}>;


export type PipelineBoardQuery = { pipelineBoard: Array<{ opportunities: number, amount: string | null, weightedAmount: string | null, stage: { id: string, key: string, name: string, outcome: OpportunityStatus, probability: number, position: number }, top: Array<{ id: string, code: string, name: string, amount: string | null, currency: string, expectedCloseDate: string, probability: number, customer: { id: string, name: string }, owner: { id: string, name: string } }> }> };

export type ContractListQueryVariables = Exact<{
  filter?: ContractFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ContractListQuery = { contracts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, title: string, status: ContractStatus, currency: string, amount: string | null, received: string | null, outstanding: string | null, overdue: string | null, signedDate: string | null, customer: { id: string, name: string }, owner: { id: string, name: string } } }> } };

export type SavedViewFieldsFragment = { id: string, name: string, entity: SavedViewEntity, filter: unknown, orderBy: unknown, shared: boolean, position: number, mine: boolean, version: number, owner: { id: string, name: string } };

export type SavedViewsQueryVariables = Exact<{ [key: string]: never; }>;


export type SavedViewsQuery = { viewer: { id: string, builtInSavedViews: Array<{ key: BuiltInSavedViewKey, name: string, filter: unknown, orderBy: unknown }>, savedViews: Array<{ id: string, name: string, entity: SavedViewEntity, filter: unknown, orderBy: unknown, shared: boolean, position: number, mine: boolean, version: number, owner: { id: string, name: string } }> } | null };

export type CreateSavedViewMutationVariables = Exact<{
  input: CreateSavedViewInput;
}>;


export type CreateSavedViewMutation = { createSavedView: { savedView: { id: string, name: string, entity: SavedViewEntity, filter: unknown, orderBy: unknown, shared: boolean, position: number, mine: boolean, version: number, owner: { id: string, name: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type UpdateSavedViewMutationVariables = Exact<{
  input: UpdateSavedViewInput;
}>;


export type UpdateSavedViewMutation = { updateSavedView: { savedView: { id: string, name: string, entity: SavedViewEntity, filter: unknown, orderBy: unknown, shared: boolean, position: number, mine: boolean, version: number, owner: { id: string, name: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DeleteSavedViewMutationVariables = Exact<{
  input: DeleteSavedViewInput;
}>;


export type DeleteSavedViewMutation = { deleteSavedView: { deletedSavedViewId: string | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type TicketQueueQueryVariables = Exact<{
  filter?: TicketFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TicketQueueQuery = { tickets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, subject: string, status: TicketStatus, priority: TicketPriority, breached: boolean, resolutionDueAt: string, customer: { id: string, name: string }, assignee: { name: string } | null } }> } };

export type TicketDetailFieldsFragment = { id: string, code: string, subject: string, description: string | null, status: TicketStatus, priority: TicketPriority, channel: TicketChannel, breached: boolean, version: number, createdAt: string, firstResponseDueAt: string, resolutionDueAt: string, customer: { id: string, name: string }, contact: { id: string, name: string } | null, assignee: { id: string, name: string } | null, queue: { id: string, name: string } | null, timeline: { edges: Array<{ node: { id: string, kind: TicketEventKind, body: string | null, visibility: TicketCommentVisibility | null, fromStatus: TicketStatus | null, toStatus: TicketStatus | null, createdAt: string, author: { name: string } | null, assignee: { name: string } | null } }> } };

export type TicketDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type TicketDetailQuery = { node:
    | { __typename: 'Activity' }
    | { __typename: 'Alert' }
    | { __typename: 'ApiKey' }
    | { __typename: 'ApprovalRequest' }
    | { __typename: 'Article' }
    | { __typename: 'ArticleAttachment' }
    | { __typename: 'ArticleCategory' }
    | { __typename: 'ArticleLink' }
    | { __typename: 'ArticleVersion' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Call' }
    | { __typename: 'Campaign' }
    | { __typename: 'CampaignMaterial' }
    | { __typename: 'CampaignMember' }
    | { __typename: 'CampaignResponse' }
    | { __typename: 'Contact' }
    | { __typename: 'Contract' }
    | { __typename: 'ContractAttachment' }
    | { __typename: 'CustomFieldDefinition' }
    | { __typename: 'Customer' }
    | { __typename: 'DailySalesReport' }
    | { __typename: 'DailyVisitPlan' }
    | { __typename: 'DataImport' }
    | { __typename: 'Deal' }
    | { __typename: 'DealRegistration' }
    | { __typename: 'ExportSchedule' }
    | { __typename: 'Invoice' }
    | { __typename: 'Lead' }
    | { __typename: 'NotificationDelivery' }
    | { __typename: 'Opportunity' }
    | { __typename: 'PartnerOrganization' }
    | { __typename: 'PartnerUser' }
    | { __typename: 'Payment' }
    | { __typename: 'PipelineStage' }
    | { __typename: 'PriceList' }
    | { __typename: 'Product' }
    | { __typename: 'PublicPool' }
    | { __typename: 'Quote' }
    | { __typename: 'SalesOrder' }
    | { __typename: 'SalesPipeline' }
    | { __typename: 'SalesTarget' }
    | { __typename: 'SavedView' }
    | { __typename: 'Segment' }
    | { __typename: 'Tag' }
    | { __typename: 'Team' }
    | { __typename: 'Ticket', id: string, code: string, subject: string, description: string | null, status: TicketStatus, priority: TicketPriority, channel: TicketChannel, breached: boolean, version: number, createdAt: string, firstResponseDueAt: string, resolutionDueAt: string, customer: { id: string, name: string }, contact: { id: string, name: string } | null, assignee: { id: string, name: string } | null, queue: { id: string, name: string } | null, timeline: { edges: Array<{ node: { id: string, kind: TicketEventKind, body: string | null, visibility: TicketCommentVisibility | null, fromStatus: TicketStatus | null, toStatus: TicketStatus | null, createdAt: string, author: { name: string } | null, assignee: { name: string } | null } }> } }
    | { __typename: 'TicketEvent' }
    | { __typename: 'User' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type CommentOnTicketMutationVariables = Exact<{
  input: CommentOnTicketInput;
}>;


export type CommentOnTicketMutation = { commentOnTicket: { ticket: { id: string, code: string, subject: string, description: string | null, status: TicketStatus, priority: TicketPriority, channel: TicketChannel, breached: boolean, version: number, createdAt: string, firstResponseDueAt: string, resolutionDueAt: string, customer: { id: string, name: string }, contact: { id: string, name: string } | null, assignee: { id: string, name: string } | null, queue: { id: string, name: string } | null, timeline: { edges: Array<{ node: { id: string, kind: TicketEventKind, body: string | null, visibility: TicketCommentVisibility | null, fromStatus: TicketStatus | null, toStatus: TicketStatus | null, createdAt: string, author: { name: string } | null, assignee: { name: string } | null } }> } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ChangeTicketStatusMutationVariables = Exact<{
  input: ChangeTicketStatusInput;
}>;


export type ChangeTicketStatusMutation = { changeTicketStatus: { ticket: { id: string, code: string, subject: string, description: string | null, status: TicketStatus, priority: TicketPriority, channel: TicketChannel, breached: boolean, version: number, createdAt: string, firstResponseDueAt: string, resolutionDueAt: string, customer: { id: string, name: string }, contact: { id: string, name: string } | null, assignee: { id: string, name: string } | null, queue: { id: string, name: string } | null, timeline: { edges: Array<{ node: { id: string, kind: TicketEventKind, body: string | null, visibility: TicketCommentVisibility | null, fromStatus: TicketStatus | null, toStatus: TicketStatus | null, createdAt: string, author: { name: string } | null, assignee: { name: string } | null } }> } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export const AdminUserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AdminUserFieldsFragment, unknown>;
export const UserErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UserErrorFieldsFragment, unknown>;
export const SavedViewFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedViewFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SavedView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"filter"}},{"kind":"Field","name":{"kind":"Name","value":"orderBy"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"mine"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SavedViewFieldsFragment, unknown>;
export const TicketDetailFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TicketDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Ticket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TicketDetailFieldsFragment, unknown>;
export const CreateActivityDocument = {"__meta__":{"hash":"f4fa29f327572034fe96a65d235a509cbd1e16f4fc39ec917c4ea5104d5c2d48"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"remindAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastContactedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateActivityMutation, CreateActivityMutationVariables>;
export const CompleteActivityDocument = {"__meta__":{"hash":"bc4dbf710d30f41c9b37fd4e5e954ace8c29a83e605ebd9cfef1c38690ad5a24"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CompleteActivityMutation, CompleteActivityMutationVariables>;
export const MyTasksDocument = {"__meta__":{"hash":"cb52decec5372aca1403b021077ab013c544f6e50faed9da74b069254c5e76bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DUE_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"remindAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTasksQuery, MyTasksQueryVariables>;
export const AdminUsersDocument = {"__meta__":{"hash":"10294d5105a94cd65e3e5d260f5d4a74fa2c34f58756d411ff9375d7389e06f6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"activeOnly"},"value":{"kind":"BooleanValue","value":false}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"manager"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AdminUsersQuery, AdminUsersQueryVariables>;
export const AdminCreateUserDocument = {"__meta__":{"hash":"47687f87b205f24cc64472e4ccaa39f14cf88a04df3e82d4c7a9955ab29e358a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminCreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminCreateUserMutation, AdminCreateUserMutationVariables>;
export const AdminUpdateUserDocument = {"__meta__":{"hash":"c7e5b80add43eeeac7f5f8bda6491f8eefbbbb86ced67ae7f876ddd9d3e5b9be"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminUpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminUpdateUserMutation, AdminUpdateUserMutationVariables>;
export const AdminDeactivateUserDocument = {"__meta__":{"hash":"e160d4951d639370842d7780f34bf3aab7488a7cd19eb2e938f7dabb4a367026"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminDeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeactivateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminDeactivateUserMutation, AdminDeactivateUserMutationVariables>;
export const AdminReactivateUserDocument = {"__meta__":{"hash":"45976ea0e611dc32a2e840ae3f4efda41786d1d0c447e7076b9352c3cfb8f2b0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminReactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReactivateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminReactivateUserMutation, AdminReactivateUserMutationVariables>;
export const AdminCreateTeamDocument = {"__meta__":{"hash":"a6e34fc979803a8d02d076fa0bf60977fcc4b9c63d26338683966800d23ee128"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminCreateTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"manager"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminCreateTeamMutation, AdminCreateTeamMutationVariables>;
export const AdminAddTeamMemberDocument = {"__meta__":{"hash":"56cc62b613649c22059aabe2468835f1804c003b4b98c8bc6c66d436cb724e4a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminAddTeamMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddTeamMemberInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addTeamMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminAddTeamMemberMutation, AdminAddTeamMemberMutationVariables>;
export const AdminRemoveTeamMemberDocument = {"__meta__":{"hash":"f4ff0ff5055a2a9261ad55d97370e4a1e3ca3c882b8cc3e1ca17163dccf5fb5d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdminRemoveTeamMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveTeamMemberInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeTeamMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminUserFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AdminRemoveTeamMemberMutation, AdminRemoveTeamMemberMutationVariables>;
export const AlertFeedDocument = {"__meta__":{"hash":"e08ddde6dc9cd81259a293a6caee461985727143326fece7ea871bea3e936505"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertFeed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fireAt"}},{"kind":"Field","name":{"kind":"Name","value":"isRead"}}]}}]}}]} as unknown as DocumentNode<AlertFeedSubscription, AlertFeedSubscriptionVariables>;
export const RecentAlertsDocument = {"__meta__":{"hash":"cab204efbfe5f328d5be9db053a391c4289818a9cc6e81277b7bb1a0f2af5c37"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadAlertCount"}},{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fireAt"}},{"kind":"Field","name":{"kind":"Name","value":"isRead"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecentAlertsQuery, RecentAlertsQueryVariables>;
export const MarkAlertReadDocument = {"__meta__":{"hash":"89fe9c26915825d1ec91d1942bb43c70e19c2016cf337b8dc7ae683b5d7e9dfe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkAlertRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkAlertReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markAlertRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alert"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isRead"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<MarkAlertReadMutation, MarkAlertReadMutationVariables>;
export const LoginDocument = {"__meta__":{"hash":"08edf6438994c0705bc3fb388085ddd46b9a821f749d9e192718dc0eccf16e5c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = {"__meta__":{"hash":"8578600fc543a07a58af03ea89253719e1770b7c3836d60bfd1ef92bbe911324"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutDocument = {"__meta__":{"hash":"5f212b788a4c5c6437ff3b61d11a30382829288ab63b2ea25e6660fb362ebcac"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokedSessions"}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const ViewerDocument = {"__meta__":{"hash":"3189566dfef9bd29cb4f0be8fa9c3d0914b7d44720678d583f64b4fa68e42cbe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerPermissions"}},{"kind":"Field","name":{"kind":"Name","value":"deployment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"plugins"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const CallListDocument = {"__meta__":{"hash":"a36e310ada5511944cc29c78119613500a8261423a3494b2b4c6779a4065276d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CallList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CallFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"STARTED_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"talkSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"fromNumber"}},{"kind":"Field","name":{"kind":"Name","value":"fromRaw"}},{"kind":"Field","name":{"kind":"Name","value":"toNumber"}},{"kind":"Field","name":{"kind":"Name","value":"toRaw"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CallListQuery, CallListQueryVariables>;
export const CustomerListDocument = {"__meta__":{"hash":"4346f9efa0be455b05667685ef76a6739465d61547a787702592c300e3944e04"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"inPublicPool"}},{"kind":"Field","name":{"kind":"Name","value":"lastContactedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerListQuery, CustomerListQueryVariables>;
export const CustomerDetailDocument = {"__meta__":{"hash":"c1aa9edb5a07fa3d42615f5d10ea8452119ec2518dc206182a2c724276d433ae"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"inPublicPool"}},{"kind":"Field","name":{"kind":"Name","value":"lastContactedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TextFieldValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"text"},"name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NumberFieldValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"number"},"name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SelectFieldValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"option"},"name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MultiSelectFieldValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"options"},"name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DateFieldValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"date"},"name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BooleanFieldValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"boolean"},"name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"access"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOpen"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tierHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"fromTier"}},{"kind":"Field","name":{"kind":"Name","value":"toTier"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"cause"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"stageHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"fromStage"}},{"kind":"Field","name":{"kind":"Name","value":"toStage"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerDetailQuery, CustomerDetailQueryVariables>;
export const CreateCustomerDocument = {"__meta__":{"hash":"b9585f5d2979fb978e629f73c55940187e9e4b735cbb6b73bc2843e5a40833dc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateCustomerMutation, CreateCustomerMutationVariables>;
export const ClaimCustomerDocument = {"__meta__":{"hash":"79007273ae56b42e2d6bc782a47c30b1cd0e658c74293fc699c370dba62a6ecd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClaimCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClaimCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inPublicPool"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ClaimCustomerMutation, ClaimCustomerMutationVariables>;
export const CustomerFilterOptionsDocument = {"__meta__":{"hash":"6562bf0fe68f62ae285ddc1d6384a15725e901f6f6571b3f071553a57e4e268b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerFilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerFilterOptionsQuery, CustomerFilterOptionsQueryVariables>;
export const CustomerEditOptionsDocument = {"__meta__":{"hash":"691c8bd8bf7c65d430a5260347f7276a7e6e25cf104352892f2b7fb9d7802e81"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerEditOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customFieldDefinitions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"entity"},"value":{"kind":"EnumValue","value":"CUSTOMER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"private"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerEditOptionsQuery, CustomerEditOptionsQueryVariables>;
export const UpdateCustomerDocument = {"__meta__":{"hash":"da186d6d42a7dca7a2743411ca3b8715f5b8dd86739bbf8075efe435c9cea233"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"customFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"duplicateWarnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UpdateCustomerMutation, UpdateCustomerMutationVariables>;
export const TransferCustomerDocument = {"__meta__":{"hash":"b02df7fefed5529163b9d497248fc8ee24074b8d777c0da15d9b913695adb976"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransferCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<TransferCustomerMutation, TransferCustomerMutationVariables>;
export const ShareCustomerDocument = {"__meta__":{"hash":"422e34af89b505534d8699d45f783f7366e41d825af51bccfc009e8e73860627"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ShareCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ShareCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shareCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"access"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ShareCustomerMutation, ShareCustomerMutationVariables>;
export const ManagerDashboardDocument = {"__meta__":{"hash":"3c03c990db86eb61c9bfa7fb65e772b0deae395a002ce783d8ab23777652cf8f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManagerDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"byTier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byStage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byOwner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byRegion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"EnumValue","value":"PROVINCE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"activityStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"EnumValue","value":"WEEK"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"calls"}},{"kind":"Field","name":{"kind":"Name","value":"visits"}},{"kind":"Field","name":{"kind":"Name","value":"tasksCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"tasksOverdue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"atRiskCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"churnRisk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"flaggedAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManagerDashboardQuery, ManagerDashboardQueryVariables>;
export const ArticleSearchDocument = {"__meta__":{"hash":"be819d96ce71df16c48355a66643b9544d85273ed99e72182e8ce8a500e29067"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticleSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchArticles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snippet"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ArticleSearchQuery, ArticleSearchQueryVariables>;
export const CampaignListDocument = {"__meta__":{"hash":"62f45536187d00988bc1ca5d22ab53575d58ebc0c824c3c5162d1918fc4d16e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"STARTS_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"budget"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"responses"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CampaignListQuery, CampaignListQueryVariables>;
export const PipelineBoardDocument = {"__meta__":{"hash":"785e3271f06d1ed5eb21eb520fe85420bfc8874b57515d0367200a72d6a815b7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PipelineBoard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ownerIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"top"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineBoard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ownerIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ownerIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"top"},"value":{"kind":"Variable","name":{"kind":"Name","value":"top"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"weightedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"top"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PipelineBoardQuery, PipelineBoardQueryVariables>;
export const ContractListDocument = {"__meta__":{"hash":"7b8484c23dcf1c68e8b7f3cadb4f948254d28fa2c5f0c4182d502272d12313e7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ContractFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contracts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"signedDate"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractListQuery, ContractListQueryVariables>;
export const SavedViewsDocument = {"__meta__":{"hash":"d2d7f2847d8e609c691e04e6156a09fe124464baddac640601bbc0529a7a9f1a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SavedViews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"builtInSavedViews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"entity"},"value":{"kind":"EnumValue","value":"CUSTOMER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"filter"}},{"kind":"Field","name":{"kind":"Name","value":"orderBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"savedViews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"entity"},"value":{"kind":"EnumValue","value":"CUSTOMER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SavedViewFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedViewFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SavedView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"filter"}},{"kind":"Field","name":{"kind":"Name","value":"orderBy"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"mine"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SavedViewsQuery, SavedViewsQueryVariables>;
export const CreateSavedViewDocument = {"__meta__":{"hash":"18db4b942a5277940aead1b2536fa2f9e894ea3085cf0f9e16a9c947312d3cc1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSavedView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSavedViewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSavedView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savedView"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SavedViewFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedViewFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SavedView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"filter"}},{"kind":"Field","name":{"kind":"Name","value":"orderBy"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"mine"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateSavedViewMutation, CreateSavedViewMutationVariables>;
export const UpdateSavedViewDocument = {"__meta__":{"hash":"05d7acd06158c658a74640c8d6896f9a6050ecca03c3ce5144b870e024233eeb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSavedView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSavedViewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSavedView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savedView"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SavedViewFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SavedViewFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SavedView"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"filter"}},{"kind":"Field","name":{"kind":"Name","value":"orderBy"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"mine"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UpdateSavedViewMutation, UpdateSavedViewMutationVariables>;
export const DeleteSavedViewDocument = {"__meta__":{"hash":"11f3527450f1a50213a4d3776794570c412c74924dc991d6942189f40148466b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSavedView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteSavedViewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSavedView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedSavedViewId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeleteSavedViewMutation, DeleteSavedViewMutationVariables>;
export const TicketQueueDocument = {"__meta__":{"hash":"a61e98cdb4d42d83632fcdccde7e99af86fa5099301d8ab0d4bd94281fd424be"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TicketFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TicketQueueQuery, TicketQueueQueryVariables>;
export const TicketDetailDocument = {"__meta__":{"hash":"825cb32254078da0c2e67c5d3fca474af9064aaf8097feea0b102d5b3d02e40a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Ticket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TicketDetailFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TicketDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Ticket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TicketDetailQuery, TicketDetailQueryVariables>;
export const CommentOnTicketDocument = {"__meta__":{"hash":"7e3457b7f0aa71bfe60e0b8886a122d915a5f0b6802ad32a0b355a8b02467340"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CommentOnTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CommentOnTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commentOnTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TicketDetailFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TicketDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Ticket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CommentOnTicketMutation, CommentOnTicketMutationVariables>;
export const ChangeTicketStatusDocument = {"__meta__":{"hash":"00254c2fba7cbbbaca7e7166f22fc346b4ba2467db03b3f8d38e5b7ebb758703"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeTicketStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeTicketStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeTicketStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TicketDetailFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TicketDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Ticket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ChangeTicketStatusMutation, ChangeTicketStatusMutationVariables>;