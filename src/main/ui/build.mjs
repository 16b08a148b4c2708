// Builds the web UI into the server's classpath folder public/ (run by Maven in generate-resources):
//   node build.mjs [outDir]     default: ../../../target/classes/public
// 1. `npm ci` from the committed package-lock.json when node_modules is missing or the lock changed;
// 2. esbuild: widget.js (one file, CSS inside, fixed name: host pages link it), the console's script
//    and CSS under assets/ with content hashes (cached for a year), and the HTML pages;
// 3. prints the widget's gzipped size and fails when it is above the budget.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, "../../../target/classes/public"));
const WIDGET_BUDGET_BYTES = 60 * 1024;
const started = performance.now();

function ensureDependencies() {
  const lock = createHash("sha256")
    .update(readFileSync(join(here, "package.json")))
    .update(readFileSync(join(here, "package-lock.json")))
    .digest("hex");
  const stamp = join(here, "node_modules", ".switchboard-lock.sha256");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === lock) return;
  console.log("[ui] npm ci (package-lock.json changed or node_modules missing)");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit", shell: process.platform === "win32" });
  if (run.status !== 0) throw new Error(`npm ci failed in ${here} (exit ${run.status ?? run.error})`);
  writeFileSync(stamp, lock);
}

ensureDependencies();
const esbuild = await import("esbuild");

const common = {
  bundle: true, minify: true, target: "es2020", jsx: "automatic", jsxImportSource: "preact",
  legalComments: "none", logLevel: "warning", absWorkingDir: here, loader: { ".css": "css" },
};

// Clean only what this script owns: the pages it writes and assets/.
rmSync(join(out, "assets"), { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

// The widget: one IIFE; its CSS is imported as text and injected by the script itself.
const widget = await esbuild.build({
  ...common, entryPoints: ["src/widget/main.tsx"], outfile: join(out, "widget.js"), format: "iife",
  loader: { ".css": "text" }, write: true,
});
if (widget.errors.length) process.exit(1);

// The console: hashed script + CSS under assets/, referenced from console.html.
const consoleBuild = await esbuild.build({
  ...common, entryPoints: { console: "src/console/main.tsx" }, outdir: join(out, "assets"),
  entryNames: "[name]-[hash]", format: "esm", metafile: true, write: true,
});
const outputs = Object.keys(consoleBuild.metafile.outputs).map((p) => "/" + relative(out, resolve(here, p)).split("\\").join("/"));
const script = outputs.find((p) => p.endsWith(".js"));
const style = outputs.find((p) => p.endsWith(".css"));
const page = (name, replacements) => {
  let html = readFileSync(join(here, "src", name), "utf8");
  for (const [key, value] of Object.entries(replacements)) html = html.replaceAll(key, value);
  writeFileSync(join(out, name), html);
};
page("console.html", { "%CONSOLE_JS%": script, "%CONSOLE_CSS%": style });
page("demo.html", {});
writeFileSync(join(out, "favicon.svg"), readFileSync(join(here, "src", "favicon.svg")));

const widgetBytes = readFileSync(join(out, "widget.js"));
const gz = gzipSync(widgetBytes, { level: 9 }).length;
const consoleGz = readdirSync(join(out, "assets")).reduce((n, f) => n + gzipSync(readFileSync(join(out, "assets", f)), { level: 9 }).length, 0);
console.log(`[ui] widget.js ${(widgetBytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped (budget ${WIDGET_BUDGET_BYTES / 1024} KB); `
  + `console ${(consoleGz / 1024).toFixed(1)} KB gzipped; built in ${Math.round(performance.now() - started)} ms into ${out}`);
if (gz > WIDGET_BUDGET_BYTES) {
  console.error(`[ui] FAIL: widget.js is ${gz} bytes gzipped, above the ${WIDGET_BUDGET_BYTES}-byte budget (issue 5)`);
  process.exit(1);
}
