import type { Schemas } from '@ocop/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiRequestError, unwrap } from '../api/request';
import { useAuth } from '../auth/useAuth';
import { useStoredValue } from '../storage';
import { cartToken, cartTokenHeaders } from './cartToken';

export type Cart = Schemas['CartDto'];
export type CartLine = Schemas['CartLineDto'];
export type CartSellerGroup = Schemas['CartSellerGroupDto'];

const EMPTY_CART: Cart = {
  cartToken: null,
  sellers: [],
  itemCount: 0,
  goodsTotal: 0,
  shippingTotal: null,
  grandTotal: null,
  ready: false,
};

/**
 * Whose cart the API will answer with: null while a stored session is being restored, because a
 * request sent then would go out as a guest and show the wrong cart.
 */
function useCartOwner(): string | null {
  const auth = useAuth();
  const token = useStoredValue(cartToken);
  if (auth.status === 'restoring') return null;
  if (auth.status === 'signedIn') return `user:${auth.account.id}`;
  return token ? `guest:${token}` : 'guest:none';
}

/** The cart; with a province, each seller's shipping fee to it is quoted too. */
export function useCart(provinceCode?: string | null) {
  const owner = useCartOwner();
  return useQuery({
    queryKey: ['cart', owner, provinceCode ?? null],
    queryFn: async ({ signal }) => {
      // A guest who never added anything has no cart to ask for.
      if (owner === 'guest:none') return EMPTY_CART;
      return unwrap(
        api.GET('/api/cart', {
          params: { query: provinceCode ? { provinceCode } : {} },
          headers: cartTokenHeaders(),
          signal,
        }),
      );
    },
    enabled: owner !== null,
    // While another province is quoted the lines stay on screen; another person's cart never does
    // (after signing out, the account's cart must not show as the guest's while it loads).
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === owner ? keepPreviousData(previous) : undefined,
  });
}

function isCartGone(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'cart_not_found';
}

async function addLine(variantId: string, quantity: number): Promise<Cart> {
  const send = () =>
    unwrap(api.POST('/api/cart/lines', { body: { variantId, quantity }, headers: cartTokenHeaders() }));
  try {
    return await send();
  } catch (error) {
    // The stored guest cart was merged or expired: start a new one instead of failing the add.
    if (!isCartGone(error) || !cartToken.get()) throw error;
    cartToken.set(null);
    return send();
  }
}

/** Adding, changing and removing lines. Each settles only once the cart on screen was re-read. */
export function useCartActions() {
  const client = useQueryClient();
  const auth = useAuth();
  const refresh = async (cart?: Cart) => {
    if (cart) {
      if (cart.cartToken) cartToken.set(cart.cartToken);
      // The first line of a guest cart changes whose cart it is (a new token): the answer is put
      // under that owner at once, so the header's count does not wait for another request.
      const owner = auth.status === 'signedIn' ? `user:${auth.account.id}` : `guest:${cart.cartToken}`;
      client.setQueryData(['cart', owner, null], cart);
    }
    // Shipping quotes depend on the lines, so the carts quoted to a province are read again.
    await client.invalidateQueries({ queryKey: ['cart'], predicate: (query) => query.queryKey[2] !== null || !cart });
  };
  const add = useMutation({
    mutationFn: ({ variantId, quantity }: { variantId: string; quantity: number }) => addLine(variantId, quantity),
    onSuccess: refresh,
  });
  const setQuantity = useMutation({
    mutationFn: ({ variantId, quantity }: { variantId: string; quantity: number }) =>
      unwrap(
        api.PUT('/api/cart/lines/{variantId}', {
          params: { path: { variantId } },
          body: { quantity },
          headers: cartTokenHeaders(),
        }),
      ),
    onSuccess: refresh,
    // Refused for stock: the shelf changed, so the lines are re-read to show what is left.
    onError: () => refresh(),
  });
  const remove = useMutation({
    mutationFn: ({ variantId }: { variantId: string }) =>
      unwrap(
        api.DELETE('/api/cart/lines/{variantId}', { params: { path: { variantId } }, headers: cartTokenHeaders() }),
      ),
    onSuccess: refresh,
    onError: () => refresh(),
  });
  return { add, setQuantity, remove };
}

/** After an order is placed the API empties the cart; the pages must stop showing its lines. */
export function useForgetCart() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['cart'] });
}
