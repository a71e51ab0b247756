import { IntlMessageFormat } from 'intl-messageformat';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { LANGUAGES, type Language, type Messages } from './shared/locale.js';

/**
 * Error texts (GraphQL error messages and userErrors messages) in one catalogue per language, keyed
 * by message key, in ICU MessageFormat like the alert catalogues (alerts/messages.ts). An error is
 * raised with a key and parameters; both languages are rendered then (`errorMessages`), the English
 * one serves as the error's `message` in logs, and the response carries the reader's language
 * (readerLanguage: the viewer's locale, else Accept-Language, else zh-CN). Plugins contribute their
 * own catalogues (`defineMessages` in messages.ts, `RapportPlugin.messages`); no text for people is
 * assembled in code.
 */

/** Names of records as errors name them (`{entity}` in a text): the GraphQL type name, and its zh-CN word. */
const ENTITY_ZH =
  '{entity, select, Customer {客户} Contact {联系人} Activity {活动} User {用户} Team {团队} Alert {提醒} Tag {标签} ApiKey {API 密钥} ' +
  'Opportunity {商机} Quote {报价} Contract {合同} Ticket {工单} Campaign {营销活动} Article {文章} Call {通话} WebhookEndpoint {Webhook 端点} WebhookDelivery {Webhook 投递} NotificationDelivery {通知投递} ' +
  'ApprovalRequest {审批请求} CustomFieldDefinition {自定义字段} Import {导入} Export {导出} DealRegistration {商机报备} SalesOrder {销售订单} ContractAttachment {合同附件} SalesPrintTemplate {打印模板} PublicPool {公海} DailyVisitPlan {访问计划} DailySalesReport {销售报告} Record {记录} Viewer {当前用户} other {{entity}}}';

const zh = {
  'error.notFound': `${ENTITY_ZH}不存在`,
  'error.staleVersion': `${ENTITY_ZH}在你读取之后已被他人修改（当前版本 {currentVersion}），请刷新后重试`,
  'error.uniqueValue': '已存在具有相同唯一值的记录',
  'error.missingReference': '引用的记录不存在',
  'error.concurrentUpdate': '检测到并发修改，请重试',
  'error.invalidInput': '输入无效：{summary}',
  'auth.signInFirst': '请先登录：发送 Authorization: Bearer <访问令牌>',
  'auth.wrongPassword': '邮箱或密码错误',
  'auth.deactivated': '该账号已停用',
  'auth.accountInactive': '该账号或其所属机构已停用',
  'auth.unknownRefreshToken': '刷新令牌无效，请重新登录',
  'auth.sessionEnded': '会话已结束，请重新登录',
  'auth.refreshTokenReused': '该刷新令牌已被使用过，会话已被吊销，请重新登录',
  'auth.notASession': '只有已登录的用户才有会话（API 密钥请用 revokeApiKey 吊销）',
  'auth.locked': '登录失败次数过多，请 {retryAfterSeconds} 秒后再试',
  'auth.introspectSignIn': '请先登录再查询 schema',
  'auth.needsPermission': '此操作需要 {permission} 权限',
  'auth.malformedToken': '访问令牌格式错误',
  'auth.invalidToken': '访问令牌无效',
  'auth.wrongAudience': '此访问令牌不能用于该端点',
  'auth.tokenExpired': '访问令牌已过期：请用 refreshToken 换取新令牌',
  'auth.unsupportedHeader': '不支持的 Authorization 头：请使用 "Bearer <访问令牌>" 或 "ApiKey <密钥>"',
  'auth.ownTokensOnly': '该端点只接受自己签发的访问令牌：Authorization: Bearer <accessToken>',
  'auth.sessionEndedOrInactive': '会话已结束，或账号（或其所属机构）已停用，请重新登录',
  'auth.invalidApiKey': 'API 密钥无效',
  'auth.apiKeyRevoked': '该 API 密钥已被吊销',
  'error.rateLimited': '请求过于频繁：每 {windowSeconds} 秒最多 {limit} 次，请 {retryAfterSeconds} 秒后重试',
  'rule.notEmpty': '不能为空',
  'rule.maxCharacters': '最多 {max} 个字符',
  'rule.email': '必须是有效的电子邮箱地址',
  'rule.phone': '必须是电话号码，只能包含数字、空格和 + ( ) - . /',
  'rule.money': '必须是非负金额，最多 2 位小数、12 位整数',
  'rule.tagNotEmpty': '标签不能为空',
  'rule.tagMaxCharacters': '标签最多 50 个字符',
  'rule.maxTags': '最多 50 个标签',
  'rule.jsonObject': '必须是 JSON 对象',
  'rule.ownerCode': '必须是 1 到 8 位字母或数字',
  'rule.currency': '必须是 ISO 4217 货币代码，例如 CNY',
  'user.codeTaken': '已被其他用户使用',
  'customer.duplicateOwned': '与 {customer} 重复，该客户已由 {owner} 负责：请让对方共享给你（或请经理转移），不要再建一个',
  'customer.duplicateInPool': '与公海中的 {customer} 重复：请直接领取，不要再建一个',
  'reason.tierDormant': '曾成交或报价，已 {days} 天未联系',
  'reason.tierKeyAccount': '年度金额 ≥ {minValue} 且 {days} 天内有联系',
  'reason.tierDealtNoContact': '已成交；{days} 天内无联系',
  'reason.tierDealtBelowValue': '已成交；年度金额低于 {minValue}',
  'reason.tierOffered': '已发报价或样品，尚未成交',
  'reason.tierNothingYet': '尚无报价、样品或成交',
  'reason.stageNoDeal': '尚未成交',
  'reason.stageDormant': '{days} 天无联系或成交',
  'reason.stageLoyal': '{deals} 笔成交，最近一笔在 {days} 天内',
  'reason.stageReturning': '{deals} 笔成交',
  'reason.stageFirstDeal': '首次成交',
  'reason.byDeal': '成交「{deal}」：{rule}',
  'reason.overrideCleared': '已取消手动设置（{because}）；规则：{rule}',
  'reason.noReasonGiven': '未说明原因',
  'reason.manualOverride': '手动设置',
  'reason.markedByHand': '手动标记',
  'reason.setWith': '通过 {mutation} 设置',
  'reason.imported': '导入',
  'reason.churn':
    '{contactsFell, select, yes {最近 {windowDays} 天联系降至 {recentContacts} 次，此前每 {windowDays} 天 {baselineContacts} 次} other {}}{dealsFell, select, yes {{contactsFell, select, yes {；} other {}}最近 {windowDays} 天成交降至 {recentDeals} 笔，此前每 {windowDays} 天 {baselineDeals} 笔} other {}}',
  'pool.claim.cooldown': '该客户是你退回公海的，{days} 天内不能再领取（还需 {remaining} 天）',
  'pool.claim.perDay': '今天已从该公海领取 {max} 个客户，达到每日上限',
  'pool.nameTaken': '已有名为「{name}」的公海',
  'pool.notAdmin': '只有该公海的管理员（或拥有 pool.manage 权限的用户）可以管理它',
  'pool.memberMissing': '用户或团队不存在',
  'pool.defaultHasMembers': '默认公海对所有人开放，不能设置成员',
  'pool.release.noFollowUp': '{tier} 类客户 {days} 天无跟进记录，退回公海',
  'pool.release.noDeal': '{tier} 类客户 {days} 天未成交，退回公海',
  'pool.release.noOpenOpportunity': '{tier} 类客户 {days} 天无进行中的商机，退回公海',
  'pool.claim': '从公海领取（今日第 {count} 个{max, select, 0 {} other {，每日上限 {max} 个}}）',
  'pool.assign': '公海管理员分配',
  'pool.notInPool': '该客户不在公海中',
  'pool.alreadyInPool': '该客户已在公海中',
  'pool.claimedBySomeoneElse': '该客户已被他人领取',
  'pool.notYourCustomer': '不是你负责的客户',
  'pool.ownsMaximum': '已负责 {owned} 个客户，达到上限（{max} 个）',
  'pool.youOwnMaximum': '你已负责 {owned} 个客户，达到上限（{max} 个）：请用 giveBackCustomerId 退回一个',
  'pool.alreadyOwns': '已是该客户的负责人',
  'pool.givenBackFor': '为领取「{customer}」而退回',
  'pool.noFollowUp': '{days} 天无跟进',
  'pool.memberOneOf': '必须且只能指定 userId 或 teamId 之一',
  'pool.memberTwice': '重复列出',
  'pool.assignNotMember': '不是该公海的成员，不能分配给他',
  'pool.warnBeforeTooLong': '必须小于 daysByTier.{tier}（{days}）',
  'rule.range': '必须在 {min} 到 {max} 之间',
  'rule.userId': '必须是用户的 ID',
  'customer.alreadyArchived': '该客户已归档',
  'customer.notArchived': '该客户未归档',
  'customer.archivedNotDeletable': '已归档的客户不能删除：归档客户的资料需保留（如需删除，请先由经理取消归档）',
  'customer.archivedNotMergeable': '已归档的客户不能被合并（合并会删除它）：请先由经理取消归档',
  'webhook.pausedByAdmin': '由管理员暂停',
  'webhook.pausedFailing': '自 {since} 起连续 {failures} 次投递失败（最近一次：{error}）',
  'visits.planInPast': '不能为已过去的日子制订访问计划',
  'visits.planTooFarAhead': '访问计划最多提前 31 天制订',
  'visits.reportInFuture': '不能为未来的日子写销售报告',
  'visits.reportTooLate': '销售报告最迟在当天之后 31 天内填写',
  'visits.plannedAtOutsideDay': '计划时间必须在计划当天（{day}，{timeZone}）',
  'visits.pending': '正在等待主管签核：请先撤回审批请求再修改',
  'visits.alreadyApproved': '主管已签核此版本',
  'visits.planEmpty': '访问计划至少要有一条拜访',
  'visits.dayTaken': '你已有 {day} 的{kind, select, plan {访问计划} other {销售报告}}',
  'visits.notYours': '只有本人可以修改自己的{kind, select, plan {访问计划} other {销售报告}}',
  'visits.planTitle': '每日访问计划 {day} · {rep}',
  'visits.reportTitle': '每日销售报告 {day} · {rep}',
  'visits.signOffReason': '请主管签核并批示意见',
  'care.birthdaySubject': '生日祝福：{contact}（{customer}）',
  'care.holidaySubject': '{holiday}问候：{customer}',
  'care.fileReviewSubject': '复查客户档案：{customer}',
  'tag.colour': '必须是颜色值，例如 #1f77b4',
  'tag.nameTaken': '标签 {name} 已存在',
  'savedView.nameTaken': '你已有名为 {name} 的视图',
  'savedView.ownerOnly': '只有视图的创建者可以修改它',
  'webhook.atLeastOneEvent': '请至少订阅一种事件类型',
  'webhook.urlMaxCharacters': '最多 {max} 个字符',
  'webhook.unknownEventType': '未知的事件类型 "{type}"（参见 webhookEventTypes）',
  'webhook.alreadyPaused': '该端点已暂停',
  'webhook.notPaused': '该端点未暂停',
  'rule.minCharacters': '至少 {min} 个字符',
  'user.needsAdminScope': '此操作需要 user.manage 或 user.manageTeam 权限',
  'user.adminOnlyByAdmin': '只有管理员可以修改管理员',
  'user.outsideTeams': '你只能管理自己所管团队的成员',
  'user.noSuchTeam': '团队不存在',
  'user.emailTaken': '该邮箱已被其他用户使用',
  'user.lastAdmin': '这是最后一位在职管理员：请先把其他人设为管理员',
  'user.cannotDeactivateSelf': '不能停用自己的账号',
  'user.alreadyDeactivated': '该用户已停用',
  'user.successorRequired': '必须指定接手人：该用户还负责 {customers} 个客户，有 {openTasks} 个未完成任务需要交接',
  'user.alreadyActive': '该用户已是启用状态',
  'user.noSuchUser': '用户不存在',
  'user.isDeactivated': '该用户已停用',
  'user.managerRole': '必须是经理（MANAGER）或管理员（ADMIN）：请先修改其角色',
  'user.teamNameTaken': '已有同名团队',
  'user.notTeamMember': '不是该团队的成员',
  'user.successorSelf': '接手人必须是其他人',
  'user.successorOutsideTeams': '必须是你所管团队的成员',
  'user.localeOneOf': '必须是以下之一：{locales}',
  'user.timeZone': '必须是 IANA 时区，例如 Asia/Shanghai',
  'user.onlyAdminMakesAdmin': '只有管理员可以把他人设为管理员',
  'user.teamYouManage': '必须是你管理的团队',
  'user.tokenInvalid': '链接无效、已过期或已被使用：请重新申请',
  'auth.signInFirstShort': '请先登录',
  'auth.wrongCurrentPassword': '当前密码不正确',
  'auth.fieldNeedsPermission': '需要 {permission} 权限',
  'auth.fieldsNotAllowed': '无权设置：{fields}',
  'role.pinned': '{role} 的权限由 RAPPORT_ROLE_PERMISSIONS 固定：请在那里修改',
  'role.unknownPermission': '未知的权限 {name}',
  'role.adminKeepsRoleManage': 'ADMIN 必须保留 role.manage 权限',
  'apiKey.atLeastOneScope': '请至少选择一项权限',
  'apiKey.staffOnly': 'API 密钥只能由已登录的用户创建，不能由其他密钥创建',
  'apiKey.beyondPermissions': '密钥不能拥有你自己没有的权限：{permissions}',
  'apiKey.scopesExceed': '超出了你的权限',
  'apiKey.alreadyRevoked': '该密钥已被吊销',
  'approval.staffOnly': '只有员工可以提交审批',
  'approval.alreadyPending': '该记录已在等待审批',
  'approval.requesterOnly': '只有申请人可以撤回审批请求',
  'approval.notApprover': '你不是该审批请求第 {step} 步的审批人',
  'rule.contactId': '必须是联系人的 ID',
  'activity.remindAfterDue': '提醒时间不能晚于截止时间（dueAt）',
  'activity.alreadyCompleted': '该活动已完成',
  'stats.toBeforeFrom': '结束时间必须晚于开始时间',
  'stats.spanTooLong': '结束时间最多在开始时间之后 {days} 天',
  'visits.noSuchCustomer': '客户不存在',
  'rule.day': '必须是日期，格式为 YYYY-MM-DD',
  'notification.hour': '必须是 0–23 之间的小时数',
  'notification.unknownAlertKind': '未知的提醒类型“{kind}”',
  'notification.quietHoursBoth': '免打扰时段需要同时设置开始和结束时间',
  'notification.chatBotManagers': '只有管理员和该团队的经理可以设置团队的聊天机器人',
  'export.dayOfWeek': '必须是 1（周一）到 7（周日）',
  'export.dayOfMonth': '必须是 1–28 之间的日期',
  'rule.timeOfDay': '必须是 HH:MM 格式的时间（00:00–23:59）',
  'export.timeZone': '必须是 IANA 时区，例如 Asia/Shanghai',
  'export.atLeastOneChannel': '请至少选择一个渠道',
  'export.weeklyNeedsDay': '每周导出需要指定星期几（1 周一 … 7 周日）',
  'export.monthlyNeedsDay': '每月导出需要指定日期（1–28）',
  'export.ownerChangesFilter': '只有导出计划的创建者可以修改其筛选条件',
  'export.cannotExport': '不能导出（可导出：{entities}）',
  'export.noFilter': '{entity} 导出不接受筛选条件',
  'customer.notVisibleField': '不是你可见的客户自定义字段',
  'merge.atLeastOne': '请至少指定一个要合并的客户',
  'merge.atMost': '一次最多合并 {max} 个客户',
  'merge.repeated': '不能重复列出客户，也不能列出保留的客户',
  'merge.uniqueRows': '{table} 的记录无法转到保留的客户：唯一约束规定每个客户只能有一条，且没有插件合并它们（onCustomerMerge）',
  'merge.mergedInto': '客户 {code} 已被合并到另一个客户',
  'deal.inFuture': '不能是未来的时间',
  'import.unknownEntity': '不能导入（可导入：{entities}）',
  'import.fileEmpty': '文件为空',
  'import.fileTooLarge': '文件有 {size} 字节，最多 {max} 字节',
  'import.tooManyRows': '超过 {max} 行',
  'import.noDataRows': '表头下没有数据行',
  'import.notUndoable': '只有已完成的导入才能撤销（此次{state, select, dryRun {是试运行} other {状态为 {state}}}）',
  'import.fileOrData': '请提供 file（上传的文件）或 data（CSV 文本），二者只能选其一',
  'import.unknownMapping': '不是该类数据已保存的映射',
  'import.mappingName': '必须是 1 到 100 个字符',
  'import.notAField': '不是可导入的字段',
  'import.notXlsx': '文件名是 .xlsx，但内容不是 XLSX 工作簿',
  'import.noRows': '文件没有任何行：第一行必须是列名',
  'import.noHeader': '第一行必须是列名',
  'import.unreadable': '不是可读取的 {format} 文件：{reason}',
  'import.notAColumn': '不是文件中的列（{columns}）',
  'import.notAFieldOf': '不是可导入的字段（{fields}）',
  'import.mappedTwice': '已经映射过了（mapping.{index}）',
  'import.requiredUnmapped': '必填字段 {field}（{label}）没有对应的列',
  'import.undoConflict': '无法撤销导入：{what}',
  'import.changedRecords': '{count} 条{type, select, customer {客户} contact {联系人} activity {活动} other {{type}}}记录在导入后已被修改（例如 {example}）',
  'import.changedReferences': '{table} 中已有记录引用了导入的客户',
  'import.changedChildren': '导入的客户下新增了联系人或活动',
  'import.unexpectedFailure': '导入因意外错误而中止',
  'import.failedWith': '{zh}',
  'customField.givenTwice': '重复填写了',
  'customField.unknown': '不是{entity, select, CUSTOMER {客户} CONTACT {联系人} other {活动}}的自定义字段',
  'customField.archived': '已归档，不能再填写',
  'customField.wrongMember': '是 {kind} 类型的字段：请用 `{member}` 填写，而不是 `{wrong}`',
  'customField.finiteNumber': '必须是有限的数字',
  'customField.oneOf': '必须是以下之一：{options}',
  'customField.notAmong': '{unknown} 不在可选项（{options}）中',
  'customField.required': '必填',
  'customField.notFilterable': '{key} 不是你可以筛选的自定义字段',
  'customField.conditionKind': '不适用于 {kind} 类型的字段 {key}',
  'customField.needsOptions': '{kind} 类型的字段至少需要一个选项',
  'customField.noOptions': '只有 SELECT 和 MULTI_SELECT 类型的字段才有选项',
  'customField.repeatedOption': '选项不能重复',
  'customField.keyTaken': '该类数据已有此自定义字段{archived, select, yes {（已归档）} other {}}',
  'customField.keyFormat': '必须以小写字母开头，只能包含字母、数字和 _，最多 40 个字符',
  'customField.maxInputs': '一次最多填写 {max} 个自定义字段',
  'customField.optionNotEmpty': '选项不能为空',
  'customField.optionMaxCharacters': '选项最多 {max} 个字符',
  'customField.maxOptions': '最多 {max} 个选项',
  'import.row.required': '必填',
  'import.row.needsFinancials': '需要 customer.viewFinancials 权限',
  'import.row.tagsUnlisted': '{tags} 不在标签列表中',
  'import.row.unknownOwner': '不是在职用户的邮箱或（唯一的）姓名',
  'import.row.assignNeedsPermission': '把客户交给其他用户需要 customer.assign 权限',
  'import.row.contactName': '联系人需要填写姓名',
  'import.row.customerRequired': '必填：客户编号或名称',
  'import.row.customerAmbiguous': '你可修改的客户中有多个同名客户，请填写客户编号',
  'import.row.customerUnknown': '不是你可修改的客户的编号或名称',
  'import.row.activityKind': '必须是以下之一：{kinds}（或 电话、邮件、会议、拜访、消息、备注、任务、关怀）',
  'import.row.notInFuture': '不能是将来的时间',
  'import.row.mergeTargetInvalid': '要合并到的客户不是此行的重复客户，或你无权修改它',
  'import.row.noMergeTarget': '它的重复客户中没有你可修改的：请跳过，或仍然新建',
  'import.cell.tier': '必须是客户等级 {tiers}（例如 A 或 A类）',
  'import.cell.stage': '必须是客户阶段：POTENTIAL/潜在、NEW/新客户、RETURNING/回头客、LOYAL/忠诚、DORMANT/休眠',
  'import.cell.kind': '必须是 COMPANY/企业 或 PERSON/个人',
  'import.cell.nature': '必须是客户性质：AGENT/代理商、DISTRIBUTOR/经销商、INTERMEDIARY/中介、END_CUSTOMER/终端客户',
  'import.cell.size': '必须是企业规模：LARGE/大型、MEDIUM/中型、SMALL/小型、MICRO/微型',
  'import.cell.money': '必须是非负金额，最多 2 位小数，例如 12500.50',
  'import.cell.notCalendarDate': '不是有效的日期',
  'import.cell.date': '必须是日期，例如 2026-03-31 或 2026年3月31日，或带时区偏移的 ISO-8601 时间',
  'import.cell.boolean': '必须是 是/否（也可写 yes/no、true/false、1/0）',
  'import.cell.number': '必须是数字',
} as const;

export type ErrorMessageKey = keyof typeof zh;

const english: Record<ErrorMessageKey, string> = {
  'error.notFound': '{entity} not found',
  'error.staleVersion': '{entity} was changed by someone else since you read it (current version {currentVersion}); reload and retry',
  'error.uniqueValue': 'A record with the same unique value already exists',
  'error.missingReference': 'A referenced record does not exist',
  'error.concurrentUpdate': 'Concurrent update detected; retry the operation',
  'error.invalidInput': 'Invalid input: {summary}',
  'auth.signInFirst': 'Sign in first: send Authorization: Bearer <access token>',
  'auth.wrongPassword': 'Wrong e-mail or password',
  'auth.deactivated': 'This account is deactivated',
  'auth.accountInactive': 'This account or its organisation is not active',
  'auth.unknownRefreshToken': 'Unknown refresh token: sign in again',
  'auth.sessionEnded': 'This session has ended: sign in again',
  'auth.refreshTokenReused': 'This refresh token was already used, so the session has been revoked: sign in again',
  'auth.notASession': 'Only a signed-in user has a session (API keys are revoked with revokeApiKey)',
  'auth.locked': 'Too many failed sign-ins: try again in {retryAfterSeconds} s',
  'auth.introspectSignIn': 'Sign in to introspect the schema',
  'auth.needsPermission': 'This needs the {permission} permission',
  'auth.malformedToken': 'Malformed access token',
  'auth.invalidToken': 'Invalid access token',
  'auth.wrongAudience': 'This access token is not for this endpoint',
  'auth.tokenExpired': 'Access token expired: get a new one with refreshToken',
  'auth.unsupportedHeader': 'Unsupported Authorization header: use "Bearer <access token>" or "ApiKey <key>"',
  'auth.ownTokensOnly': 'This endpoint accepts only its own access tokens: Authorization: Bearer <accessToken>',
  'auth.sessionEndedOrInactive': 'Your session has ended, or your account or organisation is no longer active: sign in again',
  'auth.invalidApiKey': 'Invalid API key',
  'auth.apiKeyRevoked': 'This API key has been revoked',
  'error.rateLimited': 'Too many requests: at most {limit} per {windowSeconds} s; retry in {retryAfterSeconds} s',
  'rule.notEmpty': 'must not be empty',
  'rule.maxCharacters': 'must be at most {max} characters',
  'rule.email': 'must be a valid e-mail address',
  'rule.phone': 'must be a phone number of digits, spaces and + ( ) - . /',
  'rule.money': 'must be a non-negative amount with at most 2 decimals and 12 integer digits',
  'rule.tagNotEmpty': 'tags must not be empty',
  'rule.tagMaxCharacters': 'tags must be at most 50 characters',
  'rule.maxTags': 'at most 50 tags',
  'rule.jsonObject': 'must be a JSON object',
  'rule.ownerCode': 'must be 1 to 8 letters or digits',
  'rule.currency': 'must be an ISO 4217 currency code, e.g. CNY',
  'user.codeTaken': 'is already used by another user',
  'customer.duplicateOwned':
    'matches {customer}, which {owner} already owns: ask them to share it with you (or a manager to transfer it) instead of creating a second one',
  'customer.duplicateInPool': 'matches {customer} in the public pool: claim it instead of creating a second one',
  'reason.tierDormant': 'dealt or quoted before, no contact for {days} days',
  'reason.tierKeyAccount': 'annual value ≥ {minValue} and contact within {days} days',
  'reason.tierDealtNoContact': 'dealt; no contact within {days} days',
  'reason.tierDealtBelowValue': 'dealt; annual value below {minValue}',
  'reason.tierOffered': 'quotes or samples sent, no deal yet',
  'reason.tierNothingYet': 'no quote, sample or deal yet',
  'reason.stageNoDeal': 'no deal yet',
  'reason.stageDormant': 'no contact or deal for {days} days',
  'reason.stageLoyal': '{deals} deals, the latest within {days} days',
  'reason.stageReturning': '{deals} deals',
  'reason.stageFirstDeal': 'first deal',
  'reason.byDeal': 'deal "{deal}": {rule}',
  'reason.overrideCleared': 'cleared ({because}); rule: {rule}',
  'reason.noReasonGiven': 'no reason given',
  'reason.manualOverride': 'manual override',
  'reason.markedByHand': 'marked by hand',
  'reason.setWith': 'set with {mutation}',
  'reason.imported': 'imported',
  'reason.churn':
    '{contactsFell, select, yes {contacts fell to {recentContacts} in the last {windowDays} days from {baselineContacts} per {windowDays} days before} other {}}{dealsFell, select, yes {{contactsFell, select, yes {; } other {}}deals fell to {recentDeals} in the last {windowDays} days from {baselineDeals} per {windowDays} days before} other {}}',
  'pool.claim.cooldown': 'you gave this customer up to the pool: you may not claim it back within {days} days ({remaining, plural, one {# day} other {# days}} left)',
  'pool.claim.perDay': 'you already claimed {max} customers from this pool today, the most per day',
  'pool.nameTaken': 'a pool named {name} already exists',
  'pool.notAdmin': 'only admins of this pool (or users with pool.manage) may manage it',
  'pool.memberMissing': 'no such user or team',
  'pool.defaultHasMembers': 'the default pool is open to everyone and takes no members',
  'pool.release.noFollowUp': 'tier {tier} customer without a follow-up for {days} days: released to the pool',
  'pool.release.noDeal': 'tier {tier} customer without a deal for {days} days: released to the pool',
  'pool.release.noOpenOpportunity': 'tier {tier} customer without an open opportunity for {days} days: released to the pool',
  'pool.claim': "claimed from the pool (today's claim {count}{max, select, 0 {} other { of at most {max}}})",
  'pool.assign': 'assigned by a pool admin',
  'pool.notInPool': 'is not in the public pool',
  'pool.alreadyInPool': 'is already in the public pool',
  'pool.claimedBySomeoneElse': 'was claimed by someone else',
  'pool.notYourCustomer': 'is not one of your customers',
  'pool.ownsMaximum': 'already owns {owned} customers, the most one may own ({max})',
  'pool.youOwnMaximum': 'You already own {owned} customers, the most one may own ({max}); give one back with giveBackCustomerId',
  'pool.alreadyOwns': 'already owns this customer',
  'pool.givenBackFor': 'given back for {customer}',
  'pool.noFollowUp': 'no follow-up for {days} days',
  'pool.memberOneOf': 'needs exactly one of userId and teamId',
  'pool.memberTwice': 'is listed twice',
  'pool.assignNotMember': 'is not a member of this pool, so its customers cannot be assigned to them',
  'pool.warnBeforeTooLong': 'must be less than daysByTier.{tier} ({days})',
  'rule.range': 'must be between {min} and {max}',
  'rule.userId': 'must be the id of a user',
  'customer.alreadyArchived': 'the customer is already archived',
  'customer.notArchived': 'the customer is not archived',
  'customer.archivedNotDeletable': 'an archived customer is kept and cannot be deleted (a manager may unarchive it first)',
  'customer.archivedNotMergeable': 'an archived customer cannot be merged away (a merge deletes it); a manager may unarchive it first',
  'webhook.pausedByAdmin': 'paused by an admin',
  'webhook.pausedFailing': 'failed {failures} attempts in a row since {since} (last: {error})',
  'visits.planInPast': 'a visit plan cannot be made for a day already past',
  'visits.planTooFarAhead': 'a visit plan may be made at most 31 days ahead',
  'visits.reportInFuture': 'a sales report cannot be written for a day still to come',
  'visits.reportTooLate': 'a sales report must be written within 31 days of its day',
  'visits.plannedAtOutsideDay': 'must be on the plan’s day ({day}, {timeZone})',
  'visits.pending': 'waiting for the supervisor’s sign-off: withdraw the request to change it',
  'visits.alreadyApproved': 'the supervisor already signed off this version',
  'visits.planEmpty': 'a visit plan needs at least one visit',
  'visits.dayTaken': 'you already have a {kind, select, plan {visit plan} other {sales report}} for {day}',
  'visits.notYours': 'only its rep may change a {kind, select, plan {visit plan} other {sales report}}',
  'visits.planTitle': 'Daily visit plan {day} · {rep}',
  'visits.reportTitle': 'Daily sales report {day} · {rep}',
  'visits.signOffReason': 'for the supervisor’s sign-off and comments',
  'care.birthdaySubject': 'Birthday wishes: {contact} ({customer})',
  'care.holidaySubject': '{holiday} greetings: {customer}',
  'care.fileReviewSubject': 'Review the customer file: {customer}',
  'tag.colour': 'must be a colour like #1f77b4',
  'tag.nameTaken': '{name} is already a tag',
  'savedView.nameTaken': 'you already have a view named {name}',
  'savedView.ownerOnly': 'Only its owner may change a saved view',
  'webhook.atLeastOneEvent': 'subscribe to at least one event type',
  'webhook.urlMaxCharacters': 'at most {max} characters',
  'webhook.unknownEventType': 'unknown event type "{type}" (see webhookEventTypes)',
  'webhook.alreadyPaused': 'endpoint is already paused',
  'webhook.notPaused': 'endpoint is not paused',
  'rule.minCharacters': 'must be at least {min} characters',
  'user.needsAdminScope': 'This needs the user.manage or user.manageTeam permission',
  'user.adminOnlyByAdmin': 'Only an admin may change an admin',
  'user.outsideTeams': 'You may manage only the members of the teams you manage',
  'user.noSuchTeam': 'no such team',
  'user.emailTaken': 'is already used by another user',
  'user.lastAdmin': 'is the last active admin: make someone else an admin first',
  'user.cannotDeactivateSelf': 'you cannot deactivate yourself',
  'user.alreadyDeactivated': 'is already deactivated',
  'user.successorRequired': 'is required: they own {customers} customer(s) and have {openTasks} open task(s) to hand over',
  'user.alreadyActive': 'is already active',
  'user.noSuchUser': 'no such user',
  'user.isDeactivated': 'user is deactivated',
  'user.managerRole': 'must be a MANAGER or an ADMIN: change their role first',
  'user.teamNameTaken': 'is already the name of another team',
  'user.notTeamMember': 'is not a member of this team',
  'user.successorSelf': 'must be someone else',
  'user.successorOutsideTeams': 'must be a member of a team you manage',
  'user.localeOneOf': 'must be one of {locales}',
  'user.timeZone': 'must be an IANA time zone, e.g. Asia/Shanghai',
  'user.onlyAdminMakesAdmin': 'only an admin may make someone an admin',
  'user.teamYouManage': 'must be a team you manage',
  'user.tokenInvalid': 'is invalid, expired or already used: ask for a new link',
  'auth.signInFirstShort': 'Sign in first',
  'auth.wrongCurrentPassword': 'is not your current password',
  'auth.fieldNeedsPermission': 'needs the {permission} permission',
  'auth.fieldsNotAllowed': 'Not allowed: {fields}',
  'role.pinned': '{role} is pinned by RAPPORT_ROLE_PERMISSIONS; change it there',
  'role.unknownPermission': 'unknown permission {name}',
  'role.adminKeepsRoleManage': 'ADMIN keeps role.manage',
  'apiKey.atLeastOneScope': 'name at least one permission',
  'apiKey.staffOnly': 'API keys are created by signed-in users, not by other keys',
  'apiKey.beyondPermissions': 'A key cannot hold permissions you lack: {permissions}',
  'apiKey.scopesExceed': 'exceed your permissions',
  'apiKey.alreadyRevoked': 'key is already revoked',
  'approval.staffOnly': 'Only staff may submit for approval',
  'approval.alreadyPending': 'the record is already waiting for approval',
  'approval.requesterOnly': 'Only the requester may withdraw a request',
  'approval.notApprover': 'You are not an approver of step {step} of this request',
  'rule.contactId': 'must be the id of a contact',
  'activity.remindAfterDue': 'must not be after dueAt',
  'activity.alreadyCompleted': 'activity is already completed',
  'stats.toBeforeFrom': 'must be after from',
  'stats.spanTooLong': 'must be at most {days} days after from',
  'visits.noSuchCustomer': 'no such customer',
  'rule.day': 'must be a date YYYY-MM-DD',
  'notification.hour': 'must be an hour 0–23',
  'notification.unknownAlertKind': 'unknown alert kind "{kind}"',
  'notification.quietHoursBoth': 'quiet hours need both a start and an end',
  'notification.chatBotManagers': 'Only admins and the team\'s manager set its chat bot',
  'export.dayOfWeek': 'must be 1 (Monday) … 7 (Sunday)',
  'export.dayOfMonth': 'must be a day 1–28',
  'rule.timeOfDay': 'must be a time of day HH:MM (00:00–23:59)',
  'export.timeZone': 'must be an IANA time zone such as Asia/Shanghai',
  'export.atLeastOneChannel': 'choose at least one channel',
  'export.weeklyNeedsDay': 'a weekly export needs its weekday (1 Monday … 7 Sunday)',
  'export.monthlyNeedsDay': 'a monthly export needs its day (1–28)',
  'export.ownerChangesFilter': "Only the schedule's owner changes its filter",
  'export.cannotExport': 'cannot be exported ({entities})',
  'export.noFilter': '{entity} exports take no filter',
  'customer.notVisibleField': 'is not a customer custom field you may see',
  'merge.atLeastOne': 'name at least one customer to merge',
  'merge.atMost': 'at most {max} customers at once',
  'merge.repeated': 'must not repeat a customer or name the survivor',
  'merge.uniqueRows': 'Rows of {table} cannot move to the surviving customer: a unique constraint holds one per customer, and no plugin combined them (onCustomerMerge)',
  'merge.mergedInto': 'Customer {code} was merged into another customer',
  'deal.inFuture': 'must not be in the future',
  'import.unknownEntity': 'cannot be imported ({entities})',
  'import.fileEmpty': 'is empty',
  'import.fileTooLarge': 'is {size} bytes; at most {max}',
  'import.tooManyRows': 'holds more than {max} rows',
  'import.noDataRows': 'holds no data rows under its header',
  'import.notUndoable': 'only a completed import can be undone (this one is {state, select, dryRun {a dry run} other {{state}}})',
  'import.fileOrData': 'give either file (a multipart upload) or data (the CSV text)',
  'import.unknownMapping': 'is not a saved mapping of this entity',
  'import.mappingName': 'must be 1 to 100 characters',
  'import.notAField': 'is not a field to import into',
  'import.notXlsx': 'is named .xlsx but is not an XLSX workbook',
  'import.noRows': 'holds no rows; the first row must name the columns',
  'import.noHeader': 'the first row must name the columns',
  'import.unreadable': 'is not a readable {format} file: {reason}',
  'import.notAColumn': 'is not a column of the file ({columns})',
  'import.notAFieldOf': 'is not a field to import into ({fields})',
  'import.mappedTwice': 'is mapped already (mapping.{index})',
  'import.requiredUnmapped': 'no column is mapped to {field} ({label}), which is required',
  'import.undoConflict': 'The import cannot be undone: {what} changed since it ran',
  'import.changedRecords': '{count} {type} record(s), e.g. {example}',
  'import.changedReferences': '{table} rows now reference the imported customers',
  'import.changedChildren': 'contacts or activities added to the imported customers',
  'import.unexpectedFailure': 'the import stopped on an unexpected error',
  'import.failedWith': '{en}',
  'customField.givenTwice': 'is given more than once',
  'customField.unknown': 'is not a custom field of {entity, select, CUSTOMER {customers} CONTACT {contacts} other {activities}}',
  'customField.archived': 'is archived and cannot be set',
  'customField.wrongMember': 'is a {kind} field: give its value as `{member}`, not `{wrong}`',
  'customField.finiteNumber': 'must be a finite number',
  'customField.oneOf': 'must be one of {options}',
  'customField.notAmong': '{unknown} not among {options}',
  'customField.required': 'is required',
  'customField.notFilterable': '{key} is not a custom field you can filter by',
  'customField.conditionKind': 'does not apply to the {kind} field {key}',
  'customField.needsOptions': 'a {kind} field needs at least one option',
  'customField.noOptions': 'only SELECT and MULTI_SELECT fields take options',
  'customField.repeatedOption': 'must not repeat an option',
  'customField.keyTaken': 'is already a custom field of this entity{archived, select, yes { (archived)} other {}}',
  'customField.keyFormat': 'must start with a lower-case letter; letters, digits and _ only; at most 40',
  'customField.maxInputs': 'at most {max} custom fields at once',
  'customField.optionNotEmpty': 'options must not be empty',
  'customField.optionMaxCharacters': 'options must be at most {max} characters',
  'customField.maxOptions': 'at most {max} options',
  'import.row.required': 'is required',
  'import.row.needsFinancials': 'needs the customer.viewFinancials permission',
  'import.row.tagsUnlisted': '{tags} {count, plural, one {is} other {are}} not on the tag list',
  'import.row.unknownOwner': 'is not the e-mail or the (unique) name of an active user',
  'import.row.assignNeedsPermission': 'giving a customer to another user needs the customer.assign permission',
  'import.row.contactName': 'a contact needs a name',
  'import.row.customerRequired': 'is required: the customer code or name',
  'import.row.customerAmbiguous': 'several customers you may change have this name; give the code',
  'import.row.customerUnknown': 'is not the code or name of a customer you may change',
  'import.row.activityKind': 'must be one of {kinds} (or 电话, 邮件, 会议, 拜访, 消息, 备注, 任务, 关怀)',
  'import.row.notInFuture': 'must not be in the future',
  'import.row.mergeTargetInvalid': 'the customer to merge into is not a duplicate of this row that you may change',
  'import.row.noMergeTarget': 'none of its duplicates is a customer you may change; skip it or create it anyway',
  'import.cell.tier': 'must be a tier {tiers} (e.g. A or A类)',
  'import.cell.stage': 'must be a stage: POTENTIAL/潜在, NEW/新客户, RETURNING/回头客, LOYAL/忠诚, DORMANT/休眠',
  'import.cell.kind': 'must be COMPANY/企业 or PERSON/个人',
  'import.cell.nature': 'must be a nature: AGENT/代理商, DISTRIBUTOR/经销商, INTERMEDIARY/中介, END_CUSTOMER/终端客户',
  'import.cell.size': 'must be a size: LARGE/大型, MEDIUM/中型, SMALL/小型, MICRO/微型',
  'import.cell.money': 'must be a non-negative amount with at most 2 decimals, e.g. 12500.50',
  'import.cell.notCalendarDate': 'is not a calendar date',
  'import.cell.date': 'must be a date such as 2026-03-31 or 2026年3月31日, or an ISO-8601 instant with its offset',
  'import.cell.boolean': 'must be yes/no (是/否, true/false, 1/0)',
  'import.cell.number': 'must be a number',
};

export const ERROR_MESSAGES: Readonly<Record<Language, Readonly<Record<ErrorMessageKey, string>>>> = { 'zh-CN': zh, en: english };

export type ErrorParams = Record<string, string | number | null | undefined>;

/**
 * Texts in every language by key, as a plugin contributes them (`RapportPlugin.messages`, made with
 * `defineMessages`): zh-CN's keys are the catalogue's and en has each of them.
 */
export type MessageCatalogue<Key extends string = string> = { readonly [L in Language]: Readonly<Record<Key, string>> };

/** Plugins' texts by key, beside core's: what stored texts and zod rules written with a plugin's key render from. */
const contributed = new Map<string, Readonly<Record<Language, string>>>();

/**
 * Adds a plugin's catalogue to the keys `storedMessageIn` and zod rules know. A key core or another
 * catalogue already has with other texts is refused (each key means one text).
 */
export function registerMessages(catalogue: MessageCatalogue): void {
  for (const key of Object.keys(catalogue.en)) {
    const texts = Object.fromEntries(LANGUAGES.map((language) => [language, catalogue[language][key]])) as Record<Language, string>;
    const missing = LANGUAGES.find((language) => typeof texts[language] !== 'string');
    if (missing) throw new Error(`The message ${key} has no ${missing} text`);
    const existing = isErrorMessageKey(key) ? ERROR_MESSAGES.en[key] : contributed.get(key)?.en;
    if (existing !== undefined && (isErrorMessageKey(key) || LANGUAGES.some((language) => contributed.get(key)![language] !== texts[language]))) {
      throw new Error(`The message key ${key} is already taken`);
    }
    contributed.set(key, texts);
  }
}

export function isErrorMessageKey(value: string): value is ErrorMessageKey {
  return Object.hasOwn(english, value);
}

/** Whether a key names a text of core's catalogue or a registered plugin's. */
export function isMessageKey(value: string): boolean {
  return isErrorMessageKey(value) || contributed.has(value);
}

/** A template filled in one language (ICU MessageFormat; a missing parameter reads as empty). */
export function formatMessage(language: Language, template: string, params: ErrorParams = {}): string {
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v ?? '']));
  return String(new IntlMessageFormat(template, language, undefined, { ignoreTag: true }).format(values));
}

/** One text of a catalogue in every language. */
export function catalogueMessages<Key extends string>(catalogue: MessageCatalogue<Key>, key: Key, params: ErrorParams = {}): Messages {
  return Object.fromEntries(LANGUAGES.map((language) => [language, formatMessage(language, catalogue[language][key], params)])) as Messages;
}

/** One error text in every language. */
export function errorMessages(key: ErrorMessageKey, params: ErrorParams = {}): Messages {
  return catalogueMessages(ERROR_MESSAGES, key, params);
}

/** A text of core's catalogue or a registered plugin's in every language; null for an unknown key. */
export function anyMessages(key: string, params: ErrorParams = {}): Messages | null {
  if (isErrorMessageKey(key)) return errorMessages(key, params);
  const texts = contributed.get(key);
  return texts ? catalogueMessages({ 'zh-CN': { [key]: texts['zh-CN'] }, en: { [key]: texts.en } }, key, params) : null;
}

/** Text in the reader's language when the error has one, else as raised. */
export function messageIn(language: Language, error: { message: string; messages?: Messages | null }): string {
  return error.messages?.[language] ?? error.message;
}

type ZodIssueLike = Parameters<ReturnType<typeof en>['localeError']>[0];
const zodLocales: Record<Language, ReturnType<typeof en>> = { 'zh-CN': zhCN(), en: en() };

function zodText(language: Language, issue: ZodIssueLike): string | null {
  const text = zodLocales[language].localeError(issue);
  return typeof text === 'string' ? text : (text?.message ?? null);
}

/**
 * A zod issue's text in every language: a rule written with a message key (`rules` in validation.ts)
 * renders from this catalogue (with the issue's limits as `{max}`/`{min}`), an issue with zod's own
 * default text from zod's locales, a refinement whose message is `storedMessage(key, params)` from its
 * key and parameters; a rule written with a plain string is left as it is (null).
 */
export function zodIssueMessages(issue: { message: string; maximum?: unknown; minimum?: unknown }): Messages | null {
  if (isMessageKey(issue.message)) return anyMessages(issue.message, { max: Number(issue.maximum ?? 0), min: Number(issue.minimum ?? 0) });
  // A refinement's message made with storedMessage: a key with its own parameters.
  const stored = parseStored(issue.message);
  if (stored) return anyMessages(stored.key, stored.params);
  if (zodText('en', issue as ZodIssueLike) !== issue.message) return null;
  const zhText = zodText('zh-CN', issue as ZodIssueLike);
  return zhText ? { 'zh-CN': zhText, en: issue.message } : null;
}

/**
 * A text stored in a row for later readers (e.g. why a webhook endpoint was paused): its key and
 * parameters, rendered in each reader's language by `storedMessageIn`.
 */
export function storedMessage(key: ErrorMessageKey, params: ErrorParams = {}): string {
  return storedText(key, params);
}

/** `storedMessage` for any key (a plugin's: `defineMessages(...).stored`). */
export function storedText(key: string, params: ErrorParams = {}): string {
  return JSON.stringify({ key, params });
}

/**
 * A stored text in one language; text stored before it had a key (or typed by a person) reads as it
 * was written. A parameter that is itself a stored text (the rule inside "deal …: <rule>") is
 * rendered in the same language first.
 */
export function storedMessageIn(language: Language, stored: string | null): string | null {
  const parsed = parseStored(stored);
  if (!parsed) return stored;
  const params = Object.fromEntries(Object.entries(parsed.params).map(([k, v]) => [k, typeof v === 'string' && parseStored(v) ? storedMessageIn(language, v) : v]));
  return anyMessages(parsed.key, params)?.[language] ?? stored;
}

function parseStored(stored: string | null): { key: string; params: ErrorParams } | null {
  if (stored === null || !stored.startsWith('{"key":')) return null;
  try {
    const { key, params } = JSON.parse(stored) as { key: string; params?: ErrorParams };
    return isMessageKey(key) ? { key, params: params ?? {} } : null;
  } catch {
    return null;
  }
}
