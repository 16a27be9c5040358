// Makes the page an installable offline app: registers the service worker (web/sw.js) once the
// app has started, offers a new version when one is ready, and opens the statements the operating
// system hands to the installed app (manifest `file_handlers`) as if they had been picked.

const FILE_INPUT = '[data-testid=file-input]';

const TEXT = {
  zh: { ready: '新版本已就绪，重新加载即可使用', reload: '重新加载' },
  hant: { ready: '新版本已就緒，重新載入即可使用', reload: '重新載入' },
  en: { ready: 'A new version is ready — reload to use it', reload: 'Reload' },
};

/** Resolves with the first element matching `selector`, waiting for the app to render it. */
function whenPresent(selector) {
  const found = document.querySelector(selector);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const element = document.querySelector(selector);
      if (element) {
        observer.disconnect();
        resolve(element);
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  });
}

/** The interface language the app has set on <html>: English, Traditional or Simplified Chinese. */
function language() {
  const tag = document.documentElement.lang;
  if (tag.startsWith('en')) return 'en';
  return /^zh-(Hant|TW|HK|MO)/i.test(tag) ? 'hant' : 'zh';
}

let banner = null;
// Set when this page asked the new version to take over, so its arrival reloads the page.
let reloadOnTakeover = false;

/**
 * Shows the "new version" banner. With a waiting worker the button lets it take over (the page
 * reloads once it has); without one (another tab already switched) the button just reloads.
 */
function offerUpdate(waiting) {
  if (!banner) {
    banner = document.createElement('div');
    banner.className = 'update-banner';
    banner.setAttribute('role', 'status');
    banner.dataset.testid = 'update-banner';
    const message = document.createElement('span');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'primary';
    button.dataset.testid = 'update-reload';
    banner.append(message, button);
    const label = () => {
      message.textContent = TEXT[language()].ready;
      button.textContent = TEXT[language()].reload;
    };
    label();
    new MutationObserver(label).observe(document.documentElement, { attributeFilter: ['lang'] });
    document.body.append(banner);
  }
  const button = banner.querySelector('button');
  button.disabled = false;
  button.onclick = () => {
    button.disabled = true;
    if (waiting && waiting.state === 'installed') {
      reloadOnTakeover = true;
      waiting.postMessage({ type: 'skip-waiting' });
    } else {
      location.reload();
    }
  };
}

/** Offers `worker` once it has installed, if it is an update (a page already controlled). */
function watchInstall(worker) {
  const offerIfReady = () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
  };
  offerIfReady();
  worker.addEventListener('statechange', offerIfReady);
}

/** Registers (or, on later visits, checks for updates to) the worker and watches for new versions. */
async function registerWorker() {
  const container = navigator.serviceWorker;
  // A page that starts without a controller gets one when the first install claims it: that is
  // not a new version and must not reload the page.
  const hadController = Boolean(container.controller);
  container.addEventListener('controllerchange', () => {
    if (reloadOnTakeover) location.reload();
    else if (hadController) offerUpdate(null);
  });
  let registration;
  try {
    registration = await container.register('sw.js', { scope: './' });
  } catch {
    // Offline, the update check cannot reach the server; the installed version keeps working.
    registration = await container.getRegistration('./');
    if (!registration) return;
  }
  // Browsers (or policies) that block service workers may resolve with nothing.
  if (!registration) return;
  if (registration.waiting) watchInstall(registration.waiting);
  if (registration.installing) watchInstall(registration.installing);
  registration.addEventListener('updatefound', () => {
    if (registration.installing) watchInstall(registration.installing);
  });
}

/** Hands files opened with the installed app to the app's file input, like a pick. */
function openLaunchedFiles() {
  window.launchQueue.setConsumer(async (params) => {
    const handles = (params.files ?? []).filter((handle) => handle.kind === 'file');
    if (handles.length === 0) return;
    const files = await Promise.all(handles.map((handle) => handle.getFile()));
    const input = await whenPresent(FILE_INPUT);
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

if ('launchQueue' in window) openLaunchedFiles();
if ('serviceWorker' in navigator) {
  // The file input appears once the app has started: registering only then keeps the download
  // of the whole bundle from competing with the app's own first load.
  whenPresent(FILE_INPUT).then(registerWorker);
}
