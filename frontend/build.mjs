// Copies the front-end assets the pages need from node_modules into the Django static folder.
//
//   cd frontend && npm install && npm run build
//
// Output: src/sundhedsaftale/web/static/vendor/ (generated; not in git). Everything is served
// from /static/ - no CDN. The folder is wiped and rebuilt on every run, so the result depends only
// on the installed package versions (idempotent). The build fails if a url(...) in the copied CSS,
// or a sourceMappingURL in a copied file, points at a file that was not copied.

import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, "node_modules");
const vendor = path.resolve(here, "..", "src", "sundhedsaftale", "web", "static", "vendor");

const dkfds = path.join(modules, "dkfds");
const htmx = path.join(modules, "htmx.org");

const copied = [];

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

function packageVersion(dir) {
  const file = path.join(dir, "package.json");
  if (!fs.existsSync(file)) fail(`${path.relative(here, dir)} is missing - run "npm install" first`);
  return JSON.parse(fs.readFileSync(file, "utf8")).version;
}

function copyFile(from, to) {
  if (!fs.existsSync(from)) fail(`missing source file ${path.relative(here, from)}`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied.push(to);
}

function copyDir(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst);
    else if (entry.isFile()) copyFile(src, dst);
  }
}

/** Local url(...) references of a stylesheet, without query string or fragment. */
function cssUrls(css) {
  const urls = new Set();
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const ref = match[2].trim();
    if (ref.startsWith("data:") || ref.startsWith("#")) continue;
    urls.add(ref);
  }
  return [...urls];
}

function sourceMapRef(text) {
  const match = text.match(/[#@]\s*sourceMappingURL=([^\s*]+)/);
  return match ? match[1] : null;
}

function isRemote(ref) {
  return /^([a-z][a-z0-9+.-]*:)?\/\//i.test(ref);
}

// --- versions ---------------------------------------------------------------------------------
const dkfdsVersion = packageVersion(dkfds);
const htmxVersion = packageVersion(htmx);
if (!dkfdsVersion.startsWith("11.")) fail(`expected dkfds 11.x, found ${dkfdsVersion}`);
if (!htmxVersion.startsWith("2.")) fail(`expected htmx.org 2.x, found ${htmxVersion}`);

// --- clean ------------------------------------------------------------------------------------
fs.rmSync(vendor, { recursive: true, force: true });
fs.mkdirSync(vendor, { recursive: true });

// --- DKFDS: standard theme CSS, JS, images/icons, licence ------------------------------------
const dkfdsDist = path.join(dkfds, "dist");
const dkfdsOut = path.join(vendor, "dkfds");
const cssName = "dkfds.min.css";
copyFile(path.join(dkfdsDist, "css", cssName), path.join(dkfdsOut, "css", cssName));
copyFile(path.join(dkfdsDist, "css", `${cssName}.map`), path.join(dkfdsOut, "css", `${cssName}.map`));
copyFile(path.join(dkfdsDist, "js", "dkfds.min.js"), path.join(dkfdsOut, "js", "dkfds.min.js"));
copyFile(path.join(dkfdsDist, "js", "dkfds.min.js.map"), path.join(dkfdsOut, "js", "dkfds.min.js.map"));
// All images (the CSS icons, and all-svg-icons.svg, the symbol sprite that templates <use>).
copyDir(path.join(dkfdsDist, "img"), path.join(dkfdsOut, "img"));
copyFile(path.join(dkfds, "LICENSE.md"), path.join(dkfdsOut, "LICENSE.md"));

// Fonts: only the files the CSS references (the package ships 12 MB of them), keeping the
// relative paths, plus the OFL licence text of each font folder used.
const css = fs.readFileSync(path.join(dkfdsDist, "css", cssName), "utf8");
const cssDirIn = path.join(dkfdsDist, "css");
const cssDirOut = path.join(dkfdsOut, "css");
const remote = cssUrls(css).filter(isRemote);
if (remote.length) fail(`${cssName} references remote URLs: ${remote.join(", ")}`);
const fontDirs = new Set();
for (const ref of cssUrls(css)) {
  const clean = ref.split(/[?#]/)[0];
  if (!clean.startsWith("../fonts/")) continue;
  const from = path.resolve(cssDirIn, clean);
  copyFile(from, path.resolve(cssDirOut, clean));
  fontDirs.add(path.dirname(clean));
}
for (const dir of fontDirs) {
  const licence = path.resolve(cssDirIn, dir, "license.txt");
  if (fs.existsSync(licence)) copyFile(licence, path.resolve(cssDirOut, dir, "license.txt"));
}

// --- htmx 2.x ---------------------------------------------------------------------------------
const htmxOut = path.join(vendor, "htmx");
copyFile(path.join(htmx, "dist", "htmx.min.js"), path.join(htmxOut, "htmx.min.js"));
copyFile(path.join(htmx, "LICENSE"), path.join(htmxOut, "LICENSE"));

// --- manifest -----------------------------------------------------------------------------------
const manifest = path.join(vendor, "VERSIONS.txt");
fs.writeFileSync(
  manifest,
  `Generated by frontend/build.mjs - do not edit, do not commit.\ndkfds ${dkfdsVersion}\nhtmx.org ${htmxVersion}\n`,
);
copied.push(manifest);

// --- checks: every url(...) and sourceMappingURL resolves to a copied file ----------------------
const missing = [];
for (const ref of cssUrls(css)) {
  const target = path.resolve(cssDirOut, ref.split(/[?#]/)[0]);
  if (!fs.existsSync(target)) missing.push(`${cssName}: url(${ref})`);
}
for (const file of copied.filter((f) => /\.(css|js)$/.test(f))) {
  const ref = sourceMapRef(fs.readFileSync(file, "utf8").slice(-500));
  if (ref && !isRemote(ref) && !ref.startsWith("data:")) {
    if (!fs.existsSync(path.resolve(path.dirname(file), ref))) {
      missing.push(`${path.relative(vendor, file)}: sourceMappingURL=${ref}`);
    }
  }
}
if (missing.length) fail(`unresolved references:\n  ${missing.join("\n  ")}`);

// --- report -------------------------------------------------------------------------------------
let total = 0;
for (const file of copied.sort()) {
  const size = fs.statSync(file).size;
  total += size;
  // One line per file only when asked (VERBOSE=1); the summary below is always printed.
  if (process.env.VERBOSE) console.log(`copied ${path.relative(path.resolve(here, ".."), file)} (${size} bytes)`);
}
console.log(
  `build.mjs: dkfds ${dkfdsVersion}, htmx.org ${htmxVersion}: ${copied.length} files, ` +
    `${(total / 1024 / 1024).toFixed(1)} MiB in ${path.relative(path.resolve(here, ".."), vendor)}/; ` +
    `${cssUrls(css).length} url() references in ${cssName} all resolve`,
);
