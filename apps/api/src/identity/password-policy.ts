export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Length matters more than composition (NIST SP 800-63B), so the rules are: 10 to 128 characters,
 * at least one letter and one digit, and not the login itself. Returns the broken rules, empty if none.
 */
export function passwordProblems(password: string, logins: (string | null | undefined)[] = []): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (!/\p{L}/u.test(password)) problems.push('password must contain a letter');
  if (!/\p{Nd}/u.test(password)) problems.push('password must contain a digit');
  const lowered = password.toLowerCase();
  if (logins.some((login) => login && lowered.includes(login.toLowerCase().replace(/^\+84/, '0')))) {
    problems.push('password must not contain your email or phone number');
  }
  return problems;
}
