import { XMLParser } from 'fast-xml-parser';

/**
 * Reads invoice XML back into plain objects. Every value stays a string: tax codes and phone
 * numbers start with 0, and a numeric parse would silently drop it.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['HHDVu', 'LTSuat', 'TTin'].includes(name),
});

// Parsed XML is untyped by nature; callers read the fields they know.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readInvoiceXml(xml: string): any {
  return parser.parse(xml);
}
