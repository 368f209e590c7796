import { formatDong } from '@ocop/shared';
import type { PlainMessageKey } from '../i18n/translator';
import { shippingProvince } from '../places';
import { usePlatform } from '../queries';
import { useStoredValue } from '../storage';

/** The province shipping is quoted to: the buyer's last choice, else the marketplace's own. */
export function useShippingProvince(): [string | null, (code: string) => void] {
  const chosen = useStoredValue(shippingProvince);
  const platform = usePlatform();
  return [chosen ?? platform.data?.homeProvince.code ?? null, (code) => shippingProvince.set(code)];
}

/** A seller's fee: free, an amount, or not known until a destination is chosen. */
export function shippingText(t: (key: PlainMessageKey) => string, fee: number | null): string {
  if (fee === null) return t('cart.shippingUnknown');
  return fee === 0 ? t('cart.shippingFree') : formatDong(fee);
}
