/**
 * "A token never travels in a URL" (PROTOCOL.md, Auth): what counts as one in a relay URL's
 * query. The relay refuses such an upgrade (400) and the client strips it from `server`.
 */

/**
 * A query parameter that carries a token, with the `&` after it: `token`, `access_token` or
 * `jwt` (any case, with or without a value), or any parameter holding a JWT's start (a base64url
 * part beginning `eyJ`, which is `{"`, then a second part) in its name or value. Global: for
 * `replace`; test with `search`.
 */
export const TOKEN_PARAM =
  /(?<=[?&])((access_)?token|jwt)(=[^&]*)?(&|$)|(?<=[?&])[^&]*eyJ[\w-]*\.[\w-]+\.[^&]*(&|$)/gi;
