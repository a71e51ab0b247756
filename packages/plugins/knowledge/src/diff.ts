import { structuredPatch } from 'diff';

/** The fields of a published version that a comparison looks at. */
export interface VersionSnapshot {
  number: number;
  title: string;
  summary: string | null;
  body: string;
  categoryId: string | null;
  tags: readonly string[];
  language: string;
  visibility: string;
}

export type DiffLineKind = 'CONTEXT' | 'ADDED' | 'REMOVED';

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: Array<{ kind: DiffLineKind; text: string }>;
}

export interface FieldChange {
  field: 'title' | 'summary' | 'categoryId' | 'tags' | 'language' | 'visibility';
  from: string | null;
  to: string | null;
}

export interface VersionComparison {
  fromNumber: number;
  toNumber: number;
  changedFields: FieldChange[];
  /** Line-based hunks of the Markdown body, with up to three lines of context. */
  bodyHunks: DiffHunk[];
  linesAdded: number;
  linesRemoved: number;
}

const KIND: Record<string, DiffLineKind> = { ' ': 'CONTEXT', '+': 'ADDED', '-': 'REMOVED' };

/** A complete last line, so a line appended after it is not reported as a change of that line too. */
const terminated = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** What changed from version `a` to version `b`: the metadata fields, then the body as hunks. */
export function compareArticleVersions(a: VersionSnapshot, b: VersionSnapshot): VersionComparison {
  const fields: Array<[FieldChange['field'], string | null, string | null]> = [
    ['title', a.title, b.title],
    ['summary', a.summary, b.summary],
    ['categoryId', a.categoryId, b.categoryId],
    ['tags', a.tags.join(', '), b.tags.join(', ')],
    ['language', a.language, b.language],
    ['visibility', a.visibility, b.visibility],
  ];
  const patch = structuredPatch('a', 'b', terminated(a.body), terminated(b.body), '', '', { context: 3 });
  const bodyHunks = patch.hunks.map((h) => ({
    oldStart: h.oldStart,
    oldLines: h.oldLines,
    newStart: h.newStart,
    newLines: h.newLines,
    lines: h.lines.filter((l) => KIND[l[0]!]).map((l) => ({ kind: KIND[l[0]!]!, text: l.slice(1) })),
  }));
  const count = (kind: DiffLineKind) => bodyHunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === kind).length, 0);
  return {
    fromNumber: a.number,
    toNumber: b.number,
    changedFields: fields.filter(([, from, to]) => from !== to).map(([field, from, to]) => ({ field, from, to })),
    bodyHunks,
    linesAdded: count('ADDED'),
    linesRemoved: count('REMOVED'),
  };
}
