import { foldVietnamese } from '@ocop/shared';
import { normalisePhone } from '../identity/login-identifier.js';
import { checkTaxCode } from '../sellers/tax-code.js';
import { type ParticipantType, parseParticipantType, PARTICIPANT_TYPE_LABELS } from './participant-types.js';
import type { Gender } from './training-participation.entity.js';

/** A participation as it will be stored, once checked and normalised. */
export interface ParticipantValues {
  participantName: string;
  nameKey: string;
  participantType: ParticipantType;
  organisationTaxCode: string | null;
  organisationName: string | null;
  gender: Gender | null;
  phone: string | null;
  attended: boolean;
}

/** The same fields as text, whether typed into a form or read from a spreadsheet cell. */
export interface ParticipantText {
  participantName?: string;
  participantType?: string;
  organisationTaxCode?: string;
  organisationName?: string;
  gender?: string;
  phone?: string;
  attended?: string;
}

export type ParticipantField = keyof ParticipantText;

export interface FieldProblem {
  field: ParticipantField;
  message: string;
}

const fold = (text: string) => foldVietnamese(text).replace(/\s+/g, ' ').trim();

const GENDER_WORDS: Record<string, Gender> = {
  nu: 'female',
  'phu nu': 'female',
  female: 'female',
  f: 'female',
  nam: 'male',
  male: 'male',
  m: 'male',
  khac: 'other',
  other: 'other',
};

const YES = new Set(['co', 'co mat', 'x', '1', 'true', 'yes', 'y', 'tham du', 'da tham du']);
const NO = new Set(['khong', 'vang', 'vang mat', '0', 'false', 'no', 'n', 'khong tham du']);

/**
 * Spreadsheet cells lose leading zeros when Excel stores numbers: a mobile number arrives as
 * 912345678 and a tax code as 100233488. Nine digits are read back with the zero.
 */
function restoreLeadingZero(digits: string, length: number): string {
  return /^\d+$/.test(digits) && digits.length === length - 1 ? `0${digits}` : digits;
}

/**
 * Checks and normalises one participant. Phone numbers become E.164 when they are Vietnamese
 * mobiles; landlines are kept as digits. Every problem is reported, not just the first.
 */
export function normaliseParticipant(
  input: ParticipantText,
): { value: ParticipantValues } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = (input.participantName ?? '').replace(/\s+/g, ' ').trim();
  if (name.length < 2) problems.push({ field: 'participantName', message: 'thiếu họ và tên' });
  else if (name.length > 120) problems.push({ field: 'participantName', message: 'họ và tên dài quá 120 ký tự' });

  const typeText = (input.participantType ?? '').trim();
  const participantType = typeText ? parseParticipantType(typeText) : null;
  if (!typeText) problems.push({ field: 'participantType', message: 'thiếu loại học viên' });
  else if (!participantType) {
    problems.push({
      field: 'participantType',
      message: `loại học viên "${typeText}" không hợp lệ; dùng một trong: ${Object.values(PARTICIPANT_TYPE_LABELS).join('; ')}`,
    });
  }

  let organisationTaxCode: string | null = null;
  const taxText = (input.organisationTaxCode ?? '').replace(/\s/g, '');
  if (taxText) {
    const check = checkTaxCode(restoreLeadingZero(restoreLeadingZero(taxText, 10), 13));
    if (check.valid) organisationTaxCode = check.taxCode;
    else
      problems.push({
        field: 'organisationTaxCode',
        message: `mã số thuế "${taxText}" không hợp lệ (10 chữ số, hoặc 10 chữ số và 3 chữ số chi nhánh)`,
      });
  }

  let gender: Gender | null = null;
  const genderText = fold(input.gender ?? '');
  if (genderText) {
    gender = GENDER_WORDS[genderText] ?? null;
    if (!gender)
      problems.push({
        field: 'gender',
        message: `giới tính "${input.gender?.trim()}" không hợp lệ; ghi Nam, Nữ hoặc Khác`,
      });
  }

  let phone: string | null = null;
  const phoneText = (input.phone ?? '').replace(/[\s.()-]/g, '');
  if (phoneText) {
    const restored = restoreLeadingZero(phoneText, 10);
    phone = normalisePhone(restored) ?? (/^0\d{8,10}$/.test(restored) ? restored : null);
    if (!phone) problems.push({ field: 'phone', message: `số điện thoại "${input.phone?.trim()}" không hợp lệ` });
  }

  let attended = true;
  const attendedText = fold(input.attended ?? '');
  if (attendedText) {
    if (YES.has(attendedText)) attended = true;
    else if (NO.has(attendedText)) attended = false;
    else
      problems.push({
        field: 'attended',
        message: `"${input.attended?.trim()}" không rõ có mặt hay không; ghi Có hoặc Không`,
      });
  }

  const organisationName = (input.organisationName ?? '').replace(/\s+/g, ' ').trim() || null;
  if (organisationName && organisationName.length > 300) {
    problems.push({ field: 'organisationName', message: 'tên đơn vị dài quá 300 ký tự' });
  }

  if (problems.length > 0 || !participantType) return { problems };
  return {
    value: {
      participantName: name,
      nameKey: fold(name),
      participantType,
      organisationTaxCode,
      organisationName,
      gender,
      phone,
      attended,
    },
  };
}

/**
 * What makes two rows the same participation at one event: the phone number when there is one;
 * otherwise the folded name with the type and organisation, so that two namesakes from different
 * organisations stay two people while a sheet imported twice adds nobody.
 */
export function dedupeKey(value: ParticipantValues): string {
  if (value.phone) return `phone:${value.phone}`;
  const organisation = value.organisationTaxCode ?? (value.organisationName ? fold(value.organisationName) : '');
  return `name:${value.nameKey}|${value.participantType}|${organisation}`;
}
