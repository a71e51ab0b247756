import { describe, expect, it } from 'vitest';
import { staffViewer, type ArticleStatus } from '@rapport/core';
import { contentProblem } from './attachments.js';
import { articleAudienceFilter, audienceOf, audienceRule } from './audience.js';
import { DEFAULT_ATTACHMENT_TYPES } from './config.js';
import { compareArticleVersions, type VersionSnapshot } from './diff.js';
import { renderMarkdown } from './render.js';
import { safeHighlight } from './search.js';
import { searchConfigFor } from './search-config.js';
import { TRANSITIONS, transitionProblem } from './transitions.js';

describe('article status transitions', () => {
  const statuses: ArticleStatus[] = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED'];

  it('allows exactly the table, each by its one action', () => {
    const allowed = statuses.flatMap((from) => statuses.filter((to) => TRANSITIONS[from][to]).map((to) => `${from}->${to}:${TRANSITIONS[from][to]}`));
    expect(allowed).toEqual([
      'DRAFT->IN_REVIEW:submit',
      'IN_REVIEW->DRAFT:requestChanges',
      'IN_REVIEW->PUBLISHED:publish',
      'PUBLISHED->DRAFT:revise',
      'PUBLISHED->ARCHIVED:archive',
      'ARCHIVED->DRAFT:revise',
    ]);
  });

  it('explains refusals', () => {
    expect(transitionProblem('DRAFT', 'IN_REVIEW', 'submit')).toBeNull();
    expect(transitionProblem('DRAFT', 'PUBLISHED', 'publish')).toEqual({
      'zh-CN': 'DRAFT 状态的文章不能改为 PUBLISHED（DRAFT 状态只能改为 IN_REVIEW）',
      en: 'a DRAFT article cannot become PUBLISHED (from DRAFT it can become IN_REVIEW)',
    });
    expect(transitionProblem('IN_REVIEW', 'PUBLISHED', 'archive')).toEqual({
      'zh-CN': '要将文章从 IN_REVIEW 改为 PUBLISHED，请让每位审核人批准（approveArticle）',
      en: 'to go from IN_REVIEW to PUBLISHED, have every reviewer approve it (approveArticle)',
    });
    expect(transitionProblem('ARCHIVED', 'ARCHIVED', 'archive')).toEqual({ 'zh-CN': '文章已是 ARCHIVED 状态', en: 'article is already ARCHIVED' });
    expect(transitionProblem('ARCHIVED', 'PUBLISHED', 'publish')?.en).toMatch(/cannot become PUBLISHED/);
  });
});

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** text and a [link](https://example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">link</a>');
    expect(html).toContain('<td>1</td>');
  });

  it('strips scripts, event handlers and javascript: URLs', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        '<img src="x" onerror="alert(2)">',
        '[click](javascript:alert(3))',
        '<a href="JaVaScRiPt:alert(4)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<div style="background:url(javascript:alert(5))" onclick="alert(6)">hi</div>',
        '<svg><script>alert(7)</script></svg>',
        '![pic](data:text/html;base64,PHNjcmlwdD4=)',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|style=|<svg|data:text/i);
    expect(html).not.toMatch(/alert\(\d\)<\/script>/);
  });
});

describe('compareArticleVersions', () => {
  const v = (number: number, over: Partial<VersionSnapshot> = {}): VersionSnapshot => ({
    number,
    title: 'Configuring the router',
    summary: 'Setup',
    body: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten',
    categoryId: null,
    tags: ['router'],
    language: 'en',
    visibility: 'INTERNAL',
    ...over,
  });

  it('reports changed fields and line hunks with context', () => {
    const diff = compareArticleVersions(v(1), v(2, { title: 'Configure the router', tags: ['router', 'wifi'], body: 'one\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven' }));
    expect(diff.changedFields).toEqual([
      { field: 'title', from: 'Configuring the router', to: 'Configure the router' },
      { field: 'tags', from: 'router', to: 'router, wifi' },
    ]);
    expect(diff.bodyHunks).toHaveLength(2);
    expect(diff.bodyHunks[0]).toEqual({
      oldStart: 1,
      oldLines: 6,
      newStart: 1,
      newLines: 6,
      lines: [
        { kind: 'CONTEXT', text: 'one' },
        { kind: 'CONTEXT', text: 'two' },
        { kind: 'REMOVED', text: 'three' },
        { kind: 'ADDED', text: 'THREE' },
        { kind: 'CONTEXT', text: 'four' },
        { kind: 'CONTEXT', text: 'five' },
        { kind: 'CONTEXT', text: 'six' },
      ],
    });
    expect(diff.bodyHunks[1]!.lines.filter((l) => l.kind !== 'CONTEXT')).toEqual([{ kind: 'ADDED', text: 'eleven' }]);
    expect([diff.linesAdded, diff.linesRemoved]).toEqual([2, 1]);
  });

  it('finds nothing between equal versions', () => {
    const diff = compareArticleVersions(v(1), v(3));
    expect(diff).toMatchObject({ fromNumber: 1, toNumber: 3, changedFields: [], bodyHunks: [], linesAdded: 0, linesRemoved: 0 });
  });
});

describe('audience rule', () => {
  const now = new Date('2026-11-02T09:00:00Z');

  it('lets staff see everything and others only what is live for them', () => {
    expect(articleAudienceFilter('STAFF', now)).toEqual({});
    expect(audienceRule('PARTNER', now)).toEqual({ statuses: ['PUBLISHED'], visibilities: ['PARTNER', 'PUBLIC'], liveAt: now });
    expect(audienceRule('PUBLIC', now)).toEqual({ statuses: ['PUBLISHED'], visibilities: ['PUBLIC'], liveAt: now });
    expect(articleAudienceFilter('PUBLIC', now)).toEqual({
      AND: [{ status: { in: ['PUBLISHED'] } }, { visibility: { in: ['PUBLIC'] } }, { OR: [{ expireAt: null }, { expireAt: { gt: now } }] }],
    });
  });

  it('maps viewers to audiences', () => {
    const user = { id: '0190a0a0-0000-7000-8000-000000000001', email: 'a@x', name: 'A' };
    expect(audienceOf(staffViewer({ ...user, role: 'SALES' }))).toBe('STAFF');
    const principal = { kind: 'principal' as const, id: user.id, sessionId: null, attributes: { partnerId: user.id }, permissions: new Set<never>(), hiddenCustomFields: [], label: 'p' };
    expect(audienceOf({ ...principal, principal: 'partner' })).toBe('PARTNER');
    expect(audienceOf({ ...principal, principal: 'supplier' })).toBeNull();
    expect(audienceOf({ ...staffViewer({ ...user, role: 'SALES' }), permissions: new Set() })).toBeNull();
    expect(audienceOf(null)).toBeNull();
  });
});

describe('search helpers', () => {
  it('escapes snippet text and keeps only the highlight marks', () => {
    expect(safeHighlight('<img src=x onerror=alert(1)> \u0002router\u0003 & "more"')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; <mark>router</mark> &amp; &quot;more&quot;',
    );
  });

  it('maps languages to text search configurations', () => {
    expect(searchConfigFor('en')).toBe('english');
    expect(searchConfigFor('en-GB')).toBe('english');
    expect(searchConfigFor('DE_at')).toBe('german');
    expect(searchConfigFor('zh-CN')).toBe('simple');
  });
});

describe('attachment content checks', () => {
  const settings = { directory: '/tmp', maxBytes: 16, allowedTypes: DEFAULT_ATTACHMENT_TYPES };
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

  it('accepts allowed types whose content matches', () => {
    expect(contentProblem(settings, 'image/png', png)).toBeNull();
    expect(contentProblem(settings, 'text/plain', Buffer.from('hello'))).toBeNull();
  });

  it('refuses other types, disguised content, oversize and empty files', () => {
    expect(contentProblem(settings, 'text/html', Buffer.from('<p>'))?.field).toBe('mimeType');
    expect(contentProblem(settings, 'image/svg+xml', Buffer.from('<svg/>'))?.field).toBe('mimeType');
    expect(contentProblem(settings, 'image/png', Buffer.from('<script>'))).toMatchObject({
      field: 'mimeType',
      message: 'the content is not image/png',
      messages: { 'zh-CN': '文件内容不是 image/png', en: 'the content is not image/png' },
    });
    expect(contentProblem(settings, 'text/plain', Buffer.alloc(17, 65))?.message).toBe('must be at most 16 bytes');
    expect(contentProblem(settings, 'text/plain', Buffer.alloc(0))?.message).toBe('must not be empty');
    expect(contentProblem(settings, 'text/plain', Buffer.from([0xff, 0xfe, 0x00]))?.message).toBe('text must be UTF-8');
  });
});
