/**
 * Password rules in common use for 等保 2.0 (the standard names no numbers): at least 8 characters from at
 * least 3 of the 4 classes (upper case, lower case, digits, symbols), and not containing the login name.
 * Returns the broken rule in Chinese, or null. Reuse of recent passwords needs their hashes: see the caller.
 */
export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 128
export const PASSWORD_HISTORY = 5

export function passwordRuleBroken(password: string, login: string | null): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`
  if ([...password].length > MAX_PASSWORD_LENGTH) return `密码不能超过${MAX_PASSWORD_LENGTH}位`
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少3类'
  if (login && password.toLowerCase().includes(login.toLowerCase())) return '密码不能包含登录名'
  return null
}

/** Whether a password set at `changedAt` has outlived `maxAgeDays` (0: never). */
export function passwordExpired(changedAt: string | null, maxAgeDays: number, now: Date): boolean {
  if (!changedAt || maxAgeDays <= 0) return false
  return now.getTime() - new Date(changedAt).getTime() > maxAgeDays * 86_400_000
}
