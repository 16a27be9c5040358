// Loads the app's wasm without an inline script, so the Content-Security-Policy can forbid them.
const tag = document.querySelector('script[data-wasm]');
try {
  const glue = await import(tag.dataset.glue);
  await glue.default({ module_or_path: tag.dataset.wasm });
  // The offline and install support is not needed to take a first file: it loads once the app
  // is up and settled, so that the first download stays small.
  setTimeout(() => import('./pwa.js'), 2000);
} catch (error) {
  const fatal = document.getElementById('fatal');
  if (fatal) {
    fatal.textContent = '程序无法加载，请刷新页面重试。The app could not load: please reload the page. (' + error + ')';
    fatal.hidden = false;
  }
  throw error;
}
