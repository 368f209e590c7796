import { formatDong } from '@ocop/shared';
import { Link } from 'react-router';
import type { ProductCard as Card } from '../api/catalog';
import { OcopBadge } from './OcopBadge';

// Demo and seller photos are 4:3; the box is reserved before the image arrives, so nothing shifts.
const IMAGE_WIDTH = 400;
const IMAGE_HEIGHT = 300;

export function ProductCard({ product, eager = false }: { product: Card; eager?: boolean }) {
  return (
    <article className="product-card">
      <div className="product-card-image">
        {product.imageUrl ? (
          <img
            src={product.imageUrl}
            alt=""
            width={IMAGE_WIDTH}
            height={IMAGE_HEIGHT}
            loading={eager ? 'eager' : 'lazy'}
            // The first cards of the home page hold its largest paint: ask for them before other images.
            fetchPriority={eager ? 'high' : 'auto'}
            decoding="async"
          />
        ) : (
          <span className="image-missing" aria-hidden="true" />
        )}
      </div>
      <div className="product-card-body">
        <h3 className="product-card-name">
          {/* The whole card is clickable through this link's stretched area. */}
          <Link to={`/san-pham/${product.slug}`} className="stretched-link">
            {product.name}
          </Link>
        </h3>
        <OcopBadge stars={product.ocopStars} expired={product.ocopExpired} />
        <p className="product-card-price">{formatDong(product.listPrice)}</p>
        <p className="product-card-seller">
          {product.sellerName}
          {product.communeName ? <span className="muted"> · {product.communeName}</span> : null}
        </p>
      </div>
    </article>
  );
}

export function ProductGrid({ products, eagerCount = 0 }: { products: Card[]; eagerCount?: number }) {
  return (
    <ul className="product-grid" data-testid="product-grid">
      {products.map((product, index) => (
        <li key={product.slug}>
          <ProductCard product={product} eager={index < eagerCount} />
        </li>
      ))}
    </ul>
  );
}

export function ProductGridSkeleton({ count }: { count: number }) {
  return (
    <ul className="product-grid" aria-hidden="true">
      {Array.from({ length: count }, (_, index) => (
        <li key={index}>
          <div className="product-card product-card-skeleton">
            <div className="product-card-image skeleton-block" />
            <div className="product-card-body">
              <span className="skeleton-line" />
              <span className="skeleton-line skeleton-line-short" />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
