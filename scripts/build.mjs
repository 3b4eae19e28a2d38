#!/usr/bin/env node
/**
 * `npm run build`: the production build in dist/ (what `npm start` runs), so nothing is
 * transpiled at run time. Two esbuild passes, about a second together:
 *
 * 1. dist/vendor/lark-sdk.js: @larksuiteoapi/node-sdk with axios, minified (whitespace and
 *    syntax only; names stay readable in stack traces). The published SDK is one 6 MB file whose
 *    comments hold Chinese text, so V8 keeps its source as a two-byte string (11 MB of heap) and
 *    Node's CJS export scanner reads all of it; minified it is 2 MB of ASCII, ESM.
 * 2. dist/main.js + chunks: src/main.ts with our code, cards/ and the generated Prisma clients
 *    bundled; other packages stay in node_modules (native addons, Prisma's wasm, pino's workers).
 *    Modules loaded with `import()` (sandbox simulator, the SDK, exporters) become their own chunks,
 *    so a bot in webhook mode never reads them.
 *
 * The build is self-contained: run it again after any change (`npm start` does).
 */
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// --outdir=<dir> (inside the project: dist/ finds node_modules and prisma/ by walking up), for tests.
const outArg = process.argv.find((a) => a.startsWith("--outdir="));
const out = outArg ? resolve(root, outArg.slice("--outdir=".length)) : join(root, "dist");
const started = performance.now();

// No wiping of dist/: a bot already running from it may still import a chunk (the SDK, the
// simulator) later. Files this build did not write are removed at the end, and only in a
// directory that is empty or one of our builds (marked), so a wrong --outdir deletes nothing.
const MARK = ".safe-campus-bot-build";
const ours = !existsSync(out) || readdirSync(out).length === 0 || existsSync(join(out, MARK)) || existsSync(join(out, "vendor", "lark-sdk.stamp"));
if (!ours) {
  process.stderr.write(`${out} is not empty and not a build of this project: refusing to write into it\n`);
  process.exit(1);
}
mkdirSync(join(out, "vendor"), { recursive: true });
writeFileSync(join(out, MARK), "written by scripts/build.mjs; files here that it did not write are removed on the next build\n");
const written = new Set();
const wrote = (r) => Object.keys(r.metafile.outputs).forEach((f) => written.add(resolve(root, f)));

const common = { bundle: true, platform: "node", target: "node20", format: "esm", logLevel: "warning", legalComments: "none", absWorkingDir: root, metafile: true };

// Pass 1: the SDK, rebuilt only when its inputs change (it is most of the build's time).
// Its CommonJS code calls require() for node built-ins and the packages left outside (ws and
// protobufjs are shared with the simulator), and reads ../package.json from __dirname for its
// User-Agent: both are given to it as they would be in node_modules.
const require = createRequire(import.meta.url);
const version = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
const sdkOut = join(out, "vendor", "lark-sdk.js");
const stamp = `${version("@larksuiteoapi/node-sdk")} axios ${version("axios")} esbuild ${version("esbuild")} ${createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex").slice(0, 16)}`;
const stampFile = join(out, "vendor", "lark-sdk.stamp");
if (!existsSync(sdkOut) || !existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
  await build({
    ...common,
    stdin: { contents: 'export * from "@larksuiteoapi/node-sdk";\n', resolveDir: root, sourcefile: "lark-sdk-entry.js" },
    outfile: sdkOut,
    // The SDK's own ES build (same code as lib/): `export *` keeps every name.
    mainFields: ["module", "main"],
    external: ["ws", "protobufjs", "protobufjs/*"],
    minifyWhitespace: true,
    minifySyntax: true,
    banner: {
      js: [
        'import { createRequire as __sdkCreateRequire } from "node:module";',
        'import { dirname as __sdkDirname } from "node:path";',
        "const require = __sdkCreateRequire(import.meta.url);",
        'const __dirname = __sdkDirname(require.resolve("@larksuiteoapi/node-sdk"));',
      ].join(" "),
    },
  });
  writeFileSync(stampFile, stamp);
}
written.add(sdkOut).add(stampFile);

// Pass 2: the bot. The SDK resolves to the vendored copy above.
const vendorSdk = {
  name: "vendor-lark-sdk",
  setup(b) {
    b.onResolve({ filter: /^@larksuiteoapi\/node-sdk$/ }, () => ({ path: "./vendor/lark-sdk.js", external: true }));
  },
};
const bot = await build({
  ...common,
  entryPoints: { main: "src/main.ts" },
  outdir: out,
  splitting: true,
  // Bundling zod and express too (300 fewer files) saved ~0.1 s of 1 s at load 8: not worth
  // the risk of packages that find their own files at run time; they stay in node_modules.
  packages: "external",
  plugins: [vendorSdk],
  sourcemap: "linked",
  sourcesContent: false,
});
wrote(bot);
if (process.env.BUILD_META) writeFileSync(process.env.BUILD_META, JSON.stringify(bot.metafile));
// The simulator's console reads ./assets/ next to its own module (main.js or a chunk, both in dist/).
cpSync(join(root, "src/sim/console/assets"), join(out, "assets"), { recursive: true });
for (const f of readdirSync(join(out, "assets"))) written.add(join(out, "assets", f));
writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module", private: true }) + "\n");
written.add(join(out, "package.json")).add(join(out, MARK));
for (const f of readdirSync(out, { recursive: true, withFileTypes: true })) {
  const path = join(f.parentPath ?? f.path, f.name);
  if (f.isFile() && !written.has(path)) rmSync(path);
}

if (!process.argv.includes("--quiet")) process.stdout.write(`dist/ built in ${Math.round(performance.now() - started)} ms\n`);
