/*
 * Sellers write descriptions as plain text; the API stores sanitised HTML. Paragraphs (a blank
 * line) become <p>, single line breaks <br>, and lines starting with "- " or "• " a list, which is
 * what sellers need without an editor to learn.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function textToHtml(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n').map((line) => line.trim());
      if (lines.every((line) => /^[-•]\s+/.test(line))) {
        return `<ul>${lines.map((line) => `<li>${escapeHtml(line.replace(/^[-•]\s+/, ''))}</li>`).join('')}</ul>`;
      }
      return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
    })
    .join('');
}

/** The stored HTML as text to edit; parsed without being attached to the page, so nothing in it runs. */
export function htmlToText(html: string): string {
  if (!html.trim()) return '';
  const document = new DOMParser().parseFromString(html, 'text/html');
  const blocks: string[] = [];
  const walk = (node: Element) => {
    for (const child of Array.from(node.children)) {
      const tag = child.tagName.toLowerCase();
      if (tag === 'ul' || tag === 'ol') {
        blocks.push(
          Array.from(child.querySelectorAll('li'))
            .map((item) => `• ${item.textContent?.trim() ?? ''}`)
            .join('\n'),
        );
      } else if (['p', 'h1', 'h2', 'h3', 'h4', 'blockquote'].includes(tag)) {
        const copy = child.cloneNode(true) as Element;
        for (const br of Array.from(copy.querySelectorAll('br'))) br.replaceWith('\n');
        blocks.push(copy.textContent?.trim() ?? '');
      } else if (child.children.length > 0) {
        walk(child);
      } else {
        blocks.push(child.textContent?.trim() ?? '');
      }
    }
  };
  walk(document.body);
  if (blocks.length === 0) blocks.push(document.body.textContent?.trim() ?? '');
  return blocks.filter(Boolean).join('\n\n');
}
