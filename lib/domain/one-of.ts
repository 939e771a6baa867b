// Narrowing a string someone sent (a URL filter, a form field) to one of a closed list of values. Pure.
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
