import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// One parser instance with its own options, so nothing else in the process can change them.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

/**
 * What rendered article HTML may contain: formatting, links, images, tables and code. No script,
 * style, iframe, form or event-handler attribute survives, and URLs are limited to safe schemes
 * (no javascript:, no data:).
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'span',
    'strong', 'em', 'b', 'i', 'del', 's', 'sub', 'sup', 'kbd', 'mark',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    code: ['class'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    // GFM task lists render disabled checkboxes.
    input: ['type', 'checked', 'disabled'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the page without handing it to the target.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
    input: (tagName, attribs) => ({
      tagName,
      attribs: attribs.type === 'checkbox' ? { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined ? { checked: '' } : {}) } : {},
    }),
  },
};

/** Markdown to HTML that is safe to insert into a page as it is. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.parse(source) as string, POLICY);
}

/** Escapes text for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
