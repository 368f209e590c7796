import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

const config = new ReadingConfig();
config.unit = ['đồng'];
// Invoices write "tỷ" and "bốn" (the forms in the tax authority's samples), not "tỉ" and "tư".
config.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
config.fourToneText = 'bốn';

/** `TgTTTBChu`: 1250000 → "Một triệu hai trăm năm mươi nghìn đồng"; negatives read "Âm …". */
export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not a whole number of đồng: ${amount}`);
  const words = doReadNumber(String(amount), config);
  return words.charAt(0).toLocaleUpperCase('vi-VN') + words.slice(1);
}
