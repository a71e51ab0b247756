import { defineMessages, type MessageBook } from '@rapport/core';

/**
 * The partner plugin's texts for people (refusals of deal registrations, shares, partner users and
 * portal access), zh-CN and en in ICU MessageFormat: raise with `partner.refuse`/`partner.field`/
 * `partner.error`, the reader gets their language (RapportPlugin.messages).
 */
const book = defineMessages({
  'zh-CN': {
    'partner.positive': '必须大于 0',
    'partner.registration.contactNeeded': '请填写联系人的邮箱或电话',
    'partner.customerId': '必须是客户的 ID',
    'partner.notInPast': '不能早于今天',
    'partner.registration.alreadyRegistered': '贵公司已报备过该客户（{code}）',
    'partner.registration.alreadyDecided': '该报备已是 {status} 状态',
    'partner.registration.newCustomerNotYours': '无法新建由你负责的客户：你{reason}；请指定一个已有客户',
    'partner.portal.signInFirst': '请先登录合作伙伴门户',
    'partner.portal.signIn': '请先登录合作伙伴门户：发送登录（login）返回的 Authorization: Bearer <accessToken>',
    'partner.portal.readOnly': '该记录以只读方式共享给贵公司，不能修改',
    'partner.managersOnly': '合作伙伴计划由 {roles} 角色{write, select, yes {（且须有 customer.write 权限）} other {}}管理',
    'partner.partnerId': '必须是合作伙伴机构的 ID',
    'partner.email': '必须是有效的电子邮箱地址',
    'partner.password.min': '至少 {min} 个字符',
    'partner.password.max': '最多 {max} 个字符',
    'partner.contactId': '必须是联系人的 ID',
    'partner.contacts.max': '一次最多 {max} 个联系人',
    'partner.taken': '已被占用',
    'partner.notCustomerContact': '必须是该客户的联系人',
    'partner.shareCustomerFirst': '请先将该联系人所属的客户共享给此合作伙伴',
  },
  en: {
    'partner.positive': 'must be more than 0',
    'partner.registration.contactNeeded': 'give an e-mail or a phone number of the contact',
    'partner.customerId': 'must be the id of a customer',
    'partner.notInPast': 'must not be in the past',
    'partner.registration.alreadyRegistered': 'your organisation already registered this company ({code})',
    'partner.registration.alreadyDecided': 'registration is already {status}',
    'partner.registration.newCustomerNotYours': 'a new customer cannot be yours: you {reason}; name an existing customer',
    'partner.portal.signInFirst': 'Sign in to the partner portal first',
    'partner.portal.signIn': 'Sign in to the partner portal: send Authorization: Bearer <accessToken> from login',
    'partner.portal.readOnly': 'This is shared with your organisation read-only',
    'partner.managersOnly': 'The partner programme is run by {roles}{write, select, yes { with customer.write} other {}}',
    'partner.partnerId': 'must be the id of a partner organisation',
    'partner.email': 'must be a valid e-mail address',
    'partner.password.min': 'must be at least {min} characters',
    'partner.password.max': 'must be at most {max} characters',
    'partner.contactId': 'must be the id of a contact',
    'partner.contacts.max': 'at most {max} contacts at once',
    'partner.taken': 'is already taken',
    'partner.notCustomerContact': 'must be a contact of this customer',
    'partner.shareCustomerFirst': "share the contact's customer with this partner first",
  },
});

export type PartnerMessageKey = keyof (typeof book.catalogue)['en'];

/** Typed explicitly so `partner.refuse(...)` narrows like a throw. */
export const partner: MessageBook<PartnerMessageKey> = book;
