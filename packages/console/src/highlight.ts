/** A piece of a search hit's text, marked when it matched. */
export interface HighlightPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" };

function unescapeHtml(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, name: string) => ENTITIES[name]!);
}

/**
 * The graph's highlighted text (HTML-escaped, matches in <mark>…</mark>, as searchArticles' snippet and
 * titleHighlight) as plain pieces, so React renders it as text: no markup from the graph reaches the page.
 */
export function highlightParts(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let at = 0;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    if (match.index > at) parts.push({ text: unescapeHtml(html.slice(at, match.index)), mark: false });
    if (match[1]) parts.push({ text: unescapeHtml(match[1]), mark: true });
    at = match.index + match[0].length;
  }
  if (at < html.length) parts.push({ text: unescapeHtml(html.slice(at)), mark: false });
  return parts;
}
