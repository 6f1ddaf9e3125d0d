/**
 * What every client call resolves to, in openapi-fetch's shape: `data` on success, `error`
 * (a CloudApiError narrowed per vendor) otherwise; `response` when one arrived.
 */
export type ApiResult<Data, Failure> =
  | { data: Data; error?: undefined; response: Response }
  | { data?: undefined; error: Failure; response: Response | undefined };
