import { isRecord, isString, storedValue } from '../storage';

/**
 * The API has no saved addresses yet, so the last addresses used at checkout are kept in this
 * browser's storage: they are on this device only, and the addresses page can delete them.
 */
export interface SavedAddress {
  recipientName: string;
  recipientPhone: string;
  streetAddress: string;
  communeCode: string;
  communeName: string;
  provinceCode: string;
  provinceName: string;
  usedAt: string;
}

const MAX_SAVED = 5;

const isSavedAddress = (value: unknown): value is SavedAddress =>
  isRecord(value) &&
  [
    'recipientName',
    'recipientPhone',
    'streetAddress',
    'communeCode',
    'communeName',
    'provinceCode',
    'provinceName',
    'usedAt',
  ].every((key) => isString(value[key]));

export const savedAddresses = storedValue<SavedAddress[]>(
  'ocop.addresses',
  [],
  (value): value is SavedAddress[] => Array.isArray(value) && value.every(isSavedAddress),
);

export function addressKey(address: Omit<SavedAddress, 'usedAt'>): string {
  return [address.recipientName, address.recipientPhone, address.streetAddress, address.communeCode]
    .map((part) => part.trim().toLowerCase())
    .join('|');
}

/** The address just used goes first; the same address used again is not kept twice. */
export function rememberAddress(address: Omit<SavedAddress, 'usedAt'>): void {
  const key = addressKey(address);
  const others = savedAddresses.get().filter((saved) => addressKey(saved) !== key);
  savedAddresses.set([{ ...address, usedAt: new Date().toISOString() }, ...others].slice(0, MAX_SAVED));
}

export function forgetAddress(key: string): void {
  savedAddresses.set(savedAddresses.get().filter((saved) => addressKey(saved) !== key));
}
