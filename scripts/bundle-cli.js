/**
 * Builds the CLI users run (issue 17): src/cli/main.ts bundled by esbuild
 * into dist/cli/main.js, ESM, with source maps. Every `import()` in the
 * sources (each command, the simulator, SSH, the logger, the live display)
 * becomes its own chunk under dist/chunks/, loaded only by what uses it, so
 * `--version` and `validate` read a handful of files, not hundreds.
 *
 *   node scripts/bundle-cli.js [--metafile FILE]
 *
 * Plain JavaScript: it runs before anything is compiled, on Node 20 (no
 * TypeScript loader there).
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The oldest Node that `engines` admits (">=20.18" → node20.18): the bundle's syntax stays within it. */
export function nodeTarget() {
  const min = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(PKG.engines?.node ?? '');
  if (!min) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${JSON.stringify(PKG.engines?.node)}`);
  return `node${min[1]}`;
}

/**
 * Left to Node at run time: exactly the package's `dependencies`, which a
 * user's install brings; everything in devDependencies is bundled. What
 * belongs there: a package with native addons or files it finds by path at
 * run time (ssh2 and its optional crypto binding, better-sqlite3), or one
 * that require()s what a user's setup names (cosmiconfig's config loaders,
 * TypeScript's among them; it is imported only when a config file may
 * exist, src/config/config-candidates.ts).
 */
export const EXTERNAL = Object.keys(PKG.dependencies ?? {});

/**
 * zod's locale index is ~360 KB of translated messages, kept whenever
 * something holds the whole `z` namespace (zodNamespaceImport below avoids
 * that for the sources as they are, this for any import it misses).
 * jailfleet speaks English only, so the index resolves to English alone;
 * zod registers `en` itself, from locales/en.js, which stays as it is.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
    }));
  },
};

/**
 * `import { z } from 'zod'` names zod's namespace object as a value, so the
 * bundle builds it — a getter for each of zod's ~400 exports, and every
 * export kept. `import * as z from 'zod'` with `z.object(...)` calls lets
 * esbuild bind each call to its function and drop the rest (~150 KB, ~5%
 * of validate's start-up). The sources keep the named import, which the
 * tests run unbundled; this rewrites that one line as it is bundled.
 */
const zodNamespaceImport = {
  name: 'zod-namespace-import',
  setup(b) {
    const named = /^import \{ z \} from 'zod';$/m;
    const src = join(ROOT, 'src');
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(src)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return named.test(text) ? { contents: text.replace(named, "import * as z from 'zod';"), loader: 'ts' } : undefined;
    });
  },
};

/**
 * yaml's "node" build is CommonJS: bundled whole, each file behind a lazy
 * require wrapper. Its ES module build (the package's "default" export,
 * the same code but for process.emitWarning → console.warn and Buffer →
 * Uint8Array for !!binary, neither used by jailfleet) lets esbuild keep
 * only what is imported (~3% of validate's start-up).
 */
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: join(ROOT, 'node_modules', 'yaml', 'browser', 'index.js') }));
  },
};

/** esbuild's options for the CLI bundle, written to `outdir`. */
export function cliBuildOptions(outdir = OUT) {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outbase: 'src',
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: nodeTarget(),
    sourcemap: true,
    // Stack traces map back to src/ (node --enable-source-maps); the sources themselves stay out of the package.
    sourcesContent: false,
    external: EXTERNAL,
    plugins: [zodEnglishOnly, zodNamespaceImport, yamlEsm],
    // Bundled CommonJS (commander, winston) calls require() for Node's built-ins;
    // an ES module has no require unless it makes one.
    banner: { js: "import { createRequire as __jfCreateRequire } from 'node:module';\nconst require = __jfCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  };
}

export async function bundleCli({ metafile } = {}) {
  // Built beside dist/ and swapped in whole: a stale tsc build or older chunks
  // never ship beside the bundle, a failed build leaves the old one, and a
  // CLI already running (another build in this tree, a test) never finds
  // half a dist/. The chunks' source maps point at ../../src either way.
  const next = `${OUT}.next-${process.pid}`;
  const old = `${OUT}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  try {
    const result = await build({ ...cliBuildOptions(next), metafile: Boolean(metafile) });
    if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile).replaceAll(`${basename(next)}/`, 'dist/'));
    if (existsSync(OUT)) renameSync(OUT, old);
    renameSync(next, OUT);
    return result;
  } finally {
    rmSync(next, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--metafile');
  await bundleCli({ metafile: at > 0 ? process.argv[at + 1] : undefined });
}
