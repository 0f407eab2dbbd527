/**
 * Password complexity (等保 2.0 身份鉴别: 口令具有复杂度要求): at least 10 characters and at least three of
 * the four classes — lower case, upper case, digits, other characters. Returns Chinese messages, empty if fine.
 */
export const minPasswordLength = 10;

export function passwordProblems(password: string, login?: string): string[] {
  const problems: string[] = [];
  if ([...password].length < minPasswordLength) problems.push(`密码长度不得少于${minPasswordLength}位`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('密码须至少包含小写字母、大写字母、数字、特殊字符中的三类');
  if (login && login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) {
    problems.push('密码不得包含用户名');
  }
  return problems;
}
