import sanitizeHtml from 'sanitize-html';

/**
 * What a product description may contain: the formatting a seller's editor produces, links, and
 * nothing that runs, loads or styles. Images go through the image upload (size and type checked)
 * rather than `<img>` tags, which could point anywhere and track buyers.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  // rel and target are listed because the transform below sets them; the seller's own values are overwritten.
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links open outside the shop and pass no ranking or referrer to where they point.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer', target: '_blank' }),
  },
};

export function sanitiseDescription(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
