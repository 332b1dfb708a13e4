// Starts the playground: imports the wasm-bindgen glue and instantiates the
// wasm. Trunk would inline this loader as a <script type="module">; Trunk.toml's
// pattern_script loads this file instead (naming the hashed glue and wasm
// files in data attributes), so the Content-Security-Policy needs no
// 'unsafe-inline' for scripts.
const me = document.querySelector("script[data-wasm][data-js]");
const { default: init } = await import(me.dataset.js);
await init({ module_or_path: me.dataset.wasm });
