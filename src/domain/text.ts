/**
 * Text a person typed holds no control characters (NUL, C0, DEL, C1). PostgreSQL cannot
 * store NUL at all, and the rest only ever arrive from a script probing the server. The
 * pattern is also a JSON Schema `pattern`, so schemas and code refuse the same strings.
 */
export const PLAIN_TEXT_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

const PLAIN_TEXT = new RegExp(PLAIN_TEXT_PATTERN, "u");

export function isPlainText(value: string): boolean {
  return PLAIN_TEXT.test(value);
}
