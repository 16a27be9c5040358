// Finishes a built bundle for offline use: lists every file in it with its sha256 and writes that
// list, and a version hashed from all of it, into the bundle's sw.js. Each build thus gets its own
// cache, and any change to any file changes sw.js, which is how browsers notice a new version.
// Trunk runs it after every build (Trunk.toml, post_build hook, on TRUNK_STAGING_DIR).
// By hand: node tools/precache.mjs DIR   (running it again on the same files changes nothing)
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const WORKER = 'sw.js';
// The one line of sw.js this script owns; the worker's own copy says `const PRECACHE = null;`.
const LINE = /^const PRECACHE = .*;$/m;
const UNFILLED = 'const PRECACHE = null;';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir`, as sorted paths relative to it with `/` separators. */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    // Hidden files are not part of the app, and many servers refuse to serve them.
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
    .sort();
}

/**
 * Writes the precache list into DIR/sw.js; returns what it wrote. The worker is not in its own
 * list (the browser keeps it), but its code counts towards the version.
 */
export async function precache(dir) {
  const workerPath = join(dir, WORKER);
  const worker = await readFile(workerPath, 'utf8').catch(() => {
    throw new Error(`${workerPath} is missing: copy web/sw.js into the bundle (index.html, data-trunk copy-file)`);
  });
  if (!LINE.test(worker)) throw new Error(`${workerPath} has no line \`${UNFILLED}\` to fill in`);
  const unfilled = worker.replace(LINE, UNFILLED);

  const files = [];
  let bytes = 0;
  for (const path of await listFiles(dir)) {
    if (path === WORKER) continue;
    const content = await readFile(join(dir, path));
    bytes += content.length;
    files.push({ path, sha256: sha256(content) });
  }
  const summary = files.map((f) => `${f.sha256}  ${f.path}\n`).join('') + sha256(unfilled);
  const version = sha256(summary).slice(0, 16);
  await writeFile(workerPath, unfilled.replace(LINE, () => `const PRECACHE = ${JSON.stringify({ version, files })};`));
  return { version, files, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node tools/precache.mjs DIR (or run from a Trunk hook, which sets TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  try {
    const { version, files, bytes } = await precache(dir);
    console.log(`precache: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, version ${version}`);
  } catch (error) {
    console.error(`precache: ${error.message}`);
    process.exit(1);
  }
}
