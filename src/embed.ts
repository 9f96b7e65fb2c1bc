/**
 * The script-tag entry (`dist/hubbub.js`): defines every element. Safe to load twice.
 *
 * ```html
 * <script type="module" src="https://cdn.example/hubbub.js"></script>
 * ```
 */
export * from './index.js';
