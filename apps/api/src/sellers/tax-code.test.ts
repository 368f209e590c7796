import { describe, expect, it } from 'vitest';
import { checkTaxCode, formatTaxCode } from './tax-code.js';

describe('checkTaxCode', () => {
  it('accepts known valid codes with a good check digit', () => {
    expect(checkTaxCode('0100233488')).toEqual({ valid: true, taxCode: '0100233488', checksumOk: true });
    expect(checkTaxCode('0314409058')).toEqual({ valid: true, taxCode: '0314409058', checksumOk: true });
  });

  it('accepts a branch suffix with or without the dash', () => {
    expect(checkTaxCode('0314409058-002')).toEqual({ valid: true, taxCode: '0314409058002', checksumOk: true });
    expect(checkTaxCode('0314409058002')).toMatchObject({ taxCode: '0314409058002' });
  });

  it('flags a wrong check digit without refusing the code', () => {
    expect(checkTaxCode('0314409059')).toEqual({ valid: true, taxCode: '0314409059', checksumOk: false });
  });

  it('refuses malformed codes', () => {
    expect(checkTaxCode('031440905')).toMatchObject({ valid: false });
    expect(checkTaxCode('03144090AB')).toMatchObject({ valid: false });
    expect(checkTaxCode('0100000000')).toMatchObject({ valid: false });
    expect(checkTaxCode('0314409058-000')).toMatchObject({ valid: false });
  });

  it('prints the branch with a dash', () => {
    expect(formatTaxCode('0314409058002')).toBe('0314409058-002');
  });
});
