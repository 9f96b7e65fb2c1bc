/**
 * "A token never travels in a URL" (PROTOCOL.md, Auth): what counts as one in a relay URL's
 * query. The relay refuses such an upgrade (400) and the client strips the named ones from
 * `server`.
 */

/**
 * A query parameter named for a token, with the `&` after it: `token`, `access_token` or `jwt`
 * (any case, with or without a value). Global: for `replace`; test with `search`. What the
 * client strips (a JWT under another name is the relay's to refuse: see `tokenInQuery` in
 * server/relay.ts; the page's first chunk has no room for that pattern too).
 */
export const TOKEN_PARAM = /(?<=[?&])((access_)?token|jwt)(=[^&]*)?(&|$)/gi;
