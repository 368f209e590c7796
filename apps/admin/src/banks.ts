/**
 * Bank identification numbers (BIN) of the banks most cooperatives here use, as NAPAS lists them
 * for VietQR. Only a help for typing: any 6-digit BIN is accepted.
 */
export const BANKS: readonly { bin: string; name: string }[] = [
  { bin: '970405', name: 'Agribank' },
  { bin: '970436', name: 'Vietcombank' },
  { bin: '970415', name: 'VietinBank' },
  { bin: '970418', name: 'BIDV' },
  { bin: '970407', name: 'Techcombank' },
  { bin: '970422', name: 'MB Bank' },
  { bin: '970416', name: 'ACB' },
  { bin: '970432', name: 'VPBank' },
  { bin: '970403', name: 'Sacombank' },
  { bin: '970423', name: 'TPBank' },
  { bin: '970443', name: 'SHB' },
  { bin: '970437', name: 'HDBank' },
  { bin: '970441', name: 'VIB' },
  { bin: '970449', name: 'LPBank' },
  { bin: '970426', name: 'MSB' },
  { bin: '970448', name: 'OCB' },
  { bin: '970440', name: 'SeABank' },
];

export function bankName(bin: string): string | undefined {
  return BANKS.find((bank) => bank.bin === bin)?.name;
}
