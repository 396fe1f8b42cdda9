/** @module How figures are shown; the browser test formats the API's numbers the same way to compare. */
export function ms(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

export function perRequest(value: number): string {
  return value.toFixed(2);
}
