/**
 * When the public may see a product, in SQL over `products p` and `organisations o`. One definition
 * for every public read (catalog, traceability), so that suspending a seller or withdrawing a product
 * hides it everywhere on the next request.
 */

/** Published and priced: a product without an active variant has no price to show. */
export const PUBLIC_PRODUCT_CONDITION = `p.status = 'published' AND p.list_price IS NOT NULL`;

/** Sold by an organisation approved right now (a join condition). */
export const APPROVED_SELLER_CONDITION = `o.id = p.organisation_id AND o.status = 'approved'`;
