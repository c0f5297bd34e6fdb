/**
 * Builds what a page loads from a CDN into `dist/cdn/`:
 * - `heard.js`, the loader a page's script tag loads;
 * - `chunks/core-X.js`, what every element stands on: Lit, the shared element base, the SDK's
 *   client, in one file, fetched once;
 * - a file for every set of elements (`chunks/poll_nps-V.js`): a page fetches the one for the
 *   elements it shows as it loads, and the one of a single kind for a kind added later
 *   (files gzip apart, so one file for the set is smaller than one per element); and chunks
 *   loaded only when used: `chunks/queue-X.js` (the SDK's delivery) when a person starts to answer, the
 *   launcher's positioning when its popover first opens, Chinese strings when an element
 *   speaks Chinese;
 * - `heard.iife.js`, one classic script with everything;
 * - `sri.json`: the Subresource Integrity hash of every file a page may load, with an
 *   import map that pins the chunks.
 *
 * The core's exports are exactly what the loader, the elements and the queue import from it:
 * they are built once with the core's modules left out to learn which names they use, then
 * the core is built to export those, then they are built against its file name.
 * Every file but `heard.js` is named by its content.
 * (docs/decisions/0005-what-a-page-loads.md)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';
import { minifyTemplatesPlugin } from '../../../scripts/minify-templates.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = join(here, 'dist/cdn');
const chunksDir = join(out, 'chunks');
rmSync(out, { recursive: true, force: true });

/** How terser minifies modules; the classic script also escapes to ASCII. */
const TERSER = { ecma: 2022, compress: { passes: 2 }, format: { comments: false } };
const terserVersion = createRequire(import.meta.url)('terser/package.json').version;

/**
 * Lit names its Trusted Types policy `lit-html`, and a page may create a name only once: on a
 * page whose own Lit already made it, the bundled Lit would throw at load and draw nothing.
 * The Lit bundled here creates `heard` instead (pages allow it with `trusted-types lit-html
 * heard`); an app that imports Heard from npm shares its own Lit and its policy. A second copy
 * of the classic script on one page finds the name taken: it goes without a policy, and its
 * classes are never used (the first copy defined the elements).
 */
const LIT_POLICY = /([\w$]+)\.createPolicy\(\s*(["'])lit-html\2\s*,/g;
/**
 * An attribute part with one expression and no text around it never sets its own `strings`,
 * and Lit reads `this.strings` to tell the two kinds apart: on a page that put `strings` on
 * Object.prototype, every such part took the page's value for its own and threw, and no
 * element drew more than "Loading…". The bundled Lit gives each part its own `strings`.
 */
const ATTRIBUTE_PART =
  /(this\._\$AH=Array\(([\w$]+)\.length-1\)\.fill\(new String\),this\.strings=\2\)):(this\._\$AH=[\w$]+)\}/g;
const ownStrings = (path, source) => {
  if (/[\\/]development[\\/]/.test(path)) return source;
  const found = [...source.matchAll(ATTRIBUTE_PART)];
  if (found.length !== 1) throw new Error(`${path}: expected one attribute part constructor to give its own strings`);
  return source.replace(ATTRIBUTE_PART, '$1:($3,this.strings=void 0)}');
};
const bundledLit = () => ({
  name: 'heard-lit-html',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]lit-html[\\/](development[\\/])?lit-html\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const found = [...source.matchAll(LIT_POLICY)];
      if (found.length !== 1) throw new Error(`${path}: expected one createPolicy("lit-html", …) to rename`);
      const [{ index: start, 0: head, 1: factory }] = found;
      // The call's end: the parenthesis that closes `createPolicy(`.
      let end = start + head.length;
      for (let depth = 1; depth > 0; end++) {
        if (source[end] === '(') depth++;
        else if (source[end] === ')') depth--;
      }
      const options = source.slice(start + head.length, end - 1);
      const renamed = `${source.slice(0, start)}(()=>{try{return ${factory}.createPolicy("heard",${options})}catch{}})()${source.slice(end)}`;
      return { contents: ownStrings(path, renamed), loader: 'js' };
    });
  },
});

const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  conditions: ['source'],
  legalComments: 'none',
  // Module scripts are always read as UTF-8: strings in other languages need no escapes.
  charset: 'utf8',
  logLevel: 'error',
  absWorkingDir: here,
  // Lit's templates without their indentation: esbuild keeps template text as written.
  plugins: [minifyTemplatesPlugin(), bundledLit()],
  // Files are named by esbuild's output, before terser minifies it: this comment (which
  // terser drops) puts terser's version and options in every name, so a file's name still
  // says what it holds when only terser changes.
  banner: { js: `/* terser ${terserVersion} ${JSON.stringify(TERSER)} */` },
};

const SDK = resolve(here, '../sdk/src');
/**
 * Packages whose imports are the core's: Lit and the SDK's client. The protocol's limits are
 * plain values: the elements bundle the few they check attributes with.
 */
const SHARED_PACKAGE = /^(lit(\/.*)?|@lit\/[^/]+(\/.*)?|@heard\/sdk)$/;
/**
 * Files of `src/shared/`: the element base, its strings and styles. Not catalogs in other
 * languages, which load when needed, nor helpers only some elements use (the id check, proof
 * of work, the memory of what was given), which go with them.
 */
const SHARED_FILE = /[\\/]src[\\/]shared[\\/](?![^\\/]*\.zh\.)(?!id-problem|proof|gave)[^\\/]+$/;
/** The SDK's delivery queue: a chunk of its own, fetched on the first send. */
const QUEUE = join(SDK, 'queue.ts');
/**
 * What the queue takes from the core: the classes a page tells apart with `instanceof`, and
 * modules the client loads anyway. The rest it needs (the protocol's check and limits, the
 * retry rules, the lock) it bundles, so the page does not load them before anyone answers.
 */
const QUEUE_FROM_CORE = new Set(['errors.ts', 'events.ts', 'outbox.ts', 'transport.ts'].map((file) => join(SDK, file)));
const PLACEHOLDER = 'heard-core:';

/**
 * Leaves the core's modules out of the build, imported from `core` (a placeholder naming the
 * module, or the core's file): Lit, the SDK and the protocol's limits, the elements' shared
 * files, and whatever the queue imports beyond what only it uses.
 */
const coreImports = (core) => ({
  name: 'heard-core-imports',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'import-statement' || args.pluginData?.inner) return undefined;
      if (!SHARED_PACKAGE.test(args.path) && !args.path.startsWith('.')) return undefined;
      if (/^(lit|@lit)/.test(args.path)) return { path: core ?? `${PLACEHOLDER}${args.path}`, external: true };
      const { path, errors } = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      if (errors.length) return undefined;
      const shared = SHARED_PACKAGE.test(args.path) || SHARED_FILE.test(path) || QUEUE_FROM_CORE.has(path);
      return shared ? { path: core ?? `${PLACEHOLDER}${path}`, external: true } : undefined;
    });
  },
});

/** The elements, in the loader's order (`TAGS` in src/tags.ts), which names their sets. */
const ELEMENTS = [
  ...readFileSync(join(here, 'src/tags.ts'), 'utf8')
    .match(/export const TAGS = \[([^\]]*)\]/)[1]
    .matchAll(/'heard-([a-z-]+)'/g),
].map(([, name]) => name);
if (!ELEMENTS.length) throw new Error('src/tags.ts: no `export const TAGS = [...]` naming the elements');
/**
 * What `heard.js` calls in the core it imports by URL (not by an import statement the build
 * can read): the loader's start.
 */
const LOADER = join(here, 'src/shared/loader.ts');
const LOADER_EXPORTS = ['start'];
const entryOf = (name) => `src/${name}/${name}.ts`;
const classOf = (name) => `Heard${name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase())}`;

const pageBuild = (core, setsVersion, entryPoints, write) =>
  build({
    ...common,
    plugins: [...common.plugins, coreImports(core)],
    entryPoints: { heard: 'src/cdn/heard.ts', 'chunks/queue': QUEUE, ...entryPoints },
    define: {
      ELEMENT_SETS_VERSION: JSON.stringify(setsVersion),
      HEARD_CORE: JSON.stringify((core ?? './core-V.js').slice(2)),
    },
    format: 'esm',
    splitting: true,
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    write,
  });

// 1. Which names the loader, the elements and the queue import from the core's modules.
const placeholders = await pageBuild(
  undefined,
  'V',
  Object.fromEntries(ELEMENTS.map((name) => [`chunks/${name}`, entryOf(name)])),
  false,
);
const wanted = new Map();
for (const file of placeholders.outputFiles) {
  const text = file.text;
  for (const match of text.matchAll(/import\s*([^"']*?)\s*from\s*"heard-core:([^"]+)"/g)) {
    const [, clause, key] = match;
    const names = clause.match(/^\{([^}]*)\}$/);
    if (!names) throw new Error(`${relative(here, file.path)}: cannot import "${clause}" from the core (${key})`);
    const set = wanted.get(key) ?? new Set();
    for (const name of names[1].split(',').filter(Boolean)) set.add(name.trim().split(/\s+as\s+/)[0]);
    wanted.set(key, set);
  }
  if (/import\s*"heard-core:/.test(text))
    throw new Error(`${relative(here, file.path)}: a bare import of a shared module`);
}
const queuePlaceholders = placeholders.outputFiles.find((file) => file.path === join(out, 'chunks/queue.js')).text;
wanted.set(LOADER, new Set([...(wanted.get(LOADER) ?? []), ...LOADER_EXPORTS]));
// The loader itself imports nothing: what it needs it requests at once, by URL.
if (/^\s*import\s*[^(]/m.test(placeholders.outputFiles.find((file) => file.path === join(out, 'heard.js')).text))
  throw new Error('src/cdn/heard.ts: heard.js must not import statically (its imports would arrive one after another)');

// 2. The core: exactly those names, each from the module that defines it (the SDK's index
// re-exports, so its names are followed to their modules: one export per name).
const sdkIndex = join(SDK, 'index.ts');
const definedIn = new Map();
for (const [, names, from] of readFileSync(sdkIndex, 'utf8').matchAll(/export\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'/g)) {
  for (const entry of names.split(',').map((name) => name.trim())) {
    if (!entry || entry.startsWith('type ')) continue;
    const [name, as = name] = entry.split(/\s+as\s+/);
    definedIn.set(as, { name, module: resolve(SDK, from.replace(/\.js$/, '.ts')) });
  }
}
const exported = new Map();
for (const [key, names] of wanted) {
  for (const name of names) {
    const source = key === sdkIndex ? definedIn.get(name) : { name, module: key };
    if (!source) throw new Error(`@heard/sdk does not export ${name}`);
    const list = exported.get(source.module) ?? new Set();
    list.add(source.name === name ? name : `${source.name} as ${name}`);
    exported.set(source.module, list);
  }
}
const coreSource = [...exported]
  .map(([module, names]) => `export { ${[...names].sort().join(', ')} } from ${JSON.stringify(module)};`)
  .join('\n');
const coreDir = join(here, 'dist/.core');
mkdirSync(coreDir, { recursive: true });
writeFileSync(join(coreDir, 'core.ts'), `${coreSource}\n`);

// The client imports the queue beside the core, by the core's own URL: `core-X.js` fetches
// `queue-X.js`. X covers both files' code, so neither can be cached with the other's old one.
const QUEUE_IMPORT = "import('./queue.js')";
const queueBesideCore = {
  name: 'heard-queue-beside-core',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]sdk[\\/]src[\\/]client\.ts$/ }, async ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(QUEUE_IMPORT)) throw new Error(`${path} no longer holds ${QUEUE_IMPORT}`);
      return {
        contents: source.replace(
          QUEUE_IMPORT,
          "import(new URL(import.meta.url.replace(/core-(\\w+)\\.js(?=[?#]|$)/, 'queue-$1.js')).href)",
        ),
        loader: 'ts',
      };
    });
  },
};
/** A build into `chunks/`, kept in memory: its files are named (and hashed) before written. */
const chunksBuild = (plugins, entryPoints) =>
  build({
    ...common,
    plugins: [...plugins, ...common.plugins],
    entryPoints,
    format: 'esm',
    splitting: true,
    outdir: chunksDir,
    chunkNames: '[name]-[hash]',
    metafile: true,
    write: false,
  });
const coreBuild = await chunksBuild([queueBesideCore], { core: join(coreDir, 'core.ts') });
const coreOutput = coreBuild.outputFiles.find((file) => file.path === join(chunksDir, 'core.js'));
const version = createHash('sha256')
  .update(coreOutput.text)
  .update('\0')
  .update(queuePlaceholders)
  .digest('hex')
  .slice(0, 8)
  .toUpperCase();
const coreName = `core-${version}.js`;
const queueName = `queue-${version}.js`;
mkdirSync(chunksDir, { recursive: true });
for (const file of coreBuild.outputFiles)
  writeFileSync(file === coreOutput ? join(chunksDir, coreName) : file.path, file.contents);

// 3. A file for every set of elements, against the core's file: each set is a build of its
// own, so no code is split out of it. The chunks they load later (Chinese strings, the
// launcher's positioning) are named by their content, so sets share them.
const setsDir = join(coreDir, 'sets');
mkdirSync(setsDir, { recursive: true });
const sets = [];
for (let members = 1; members < 1 << ELEMENTS.length; members++) {
  const names = ELEMENTS.filter((_, index) => members & (1 << index));
  const key = names.join('_');
  const entry = join(setsDir, `${key}.js`);
  writeFileSync(
    entry,
    names
      .map(
        (name) => `export { ${classOf(name)} as "heard-${name}" } from ${JSON.stringify(join(here, entryOf(name)))};`,
      )
      .join('\n'),
  );
  sets.push({ key, entry });
}
const setBuilds = await Promise.all(
  sets.map(({ key, entry }) => chunksBuild([coreImports(`./${coreName}`)], { [key]: entry })),
);
const setsHash = createHash('sha256');
for (const [index, { key }] of sets.entries())
  setsHash.update(
    `${key}\0${setBuilds[index].outputFiles.find((file) => file.path === join(chunksDir, `${key}.js`)).text}\0`,
  );
const setsVersion = setsHash.digest('hex').slice(0, 8).toUpperCase();
const setFile = (key) => `${key}-${setsVersion}.js`;
const written = new Map();
for (const [index, { key }] of sets.entries()) {
  for (const file of setBuilds[index].outputFiles) {
    const path = file.path === join(chunksDir, `${key}.js`) ? join(chunksDir, setFile(key)) : file.path;
    if (written.has(path) && written.get(path) !== file.text) throw new Error(`two builds wrote ${path} differently`);
    written.set(path, file.text);
    writeFileSync(path, file.contents);
  }
}

// 4. The loader and the queue against the core's file. The queue, in `chunks/`, imports
// `./core-….js` beside it; the loader, one folder up, requests `./chunks/core-….js` by URL.
const { metafile } = await pageBuild(`./${coreName}`, setsVersion, {}, true);
renameSync(join(chunksDir, 'queue.js'), join(chunksDir, queueName));
if (!process.env.HEARD_KEEP_CORE) rmSync(coreDir, { recursive: true });

/**
 * esbuild's helper for module namespaces, as it minifies it: `for (var name in all)
 * __defProp(target, name, { get: all[name], enumerable: true })`. `for…in` walks what a page
 * put on Object.prototype too, and the descriptor inherits it: `Object.prototype.get = 1`
 * made the classic script throw "Getter must be a function" before any element was defined.
 * Its own keys only, and a descriptor with no prototype.
 */
const EXPORT_HELPER = /for\(var ([\w$]+) in ([\w$]+)\)([\w$]+)\(([\w$]+),\1,\{get:\2\[\1\],enumerable:!0\}\)/g;
const iife = await build({
  ...common,
  entryPoints: { 'heard.iife': 'src/cdn/heard-iife.ts' },
  format: 'iife',
  // A classic script is read in the page's encoding, which may not be UTF-8.
  charset: 'ascii',
  outdir: out,
  write: false,
});
// A second copy of the classic script on a page (a tag pasted twice) does nothing: the first
// defined every element, and a second Lit would ask Trusted Types for a policy name taken.
const IIFE_START = /^((?:\/\*[^]*?\*\/\s*)?(?:"use strict";)?)\(\(\)=>\{/;
const defined = `${JSON.stringify(ELEMENTS.map((name) => `heard-${name}`))}.every(t=>customElements.get(t))`;
for (const file of iife.outputFiles) {
  let text = file.text;
  const helpers = [...text.matchAll(EXPORT_HELPER)].length;
  if (helpers > 1 || /for\(var [\w$]+ in /.test(text.replace(EXPORT_HELPER, '')))
    throw new Error(`${relative(here, file.path)}: a for…in loop the build does not know (esbuild's helpers changed?)`);
  text = text.replace(
    EXPORT_HELPER,
    'for(var $1 of Object.keys($2))$3($4,$1,{__proto__:null,get:$2[$1],enumerable:!0})',
  );
  if (!IIFE_START.test(text)) throw new Error(`${relative(here, file.path)}: does not start as esbuild's IIFE`);
  writeFileSync(file.path, text.replace(IIFE_START, `$1if(!${defined})(()=>{`));
}

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
// esbuild bundles and names; terser, whose compressor goes further (about 3 % less gzip),
// minifies what ships. Names in files are esbuild's, from its output: the same code, the
// same name. Only safe transforms: no property mangling, no `unsafe` options.
await Promise.all(
  files(out)
    .filter((file) => file.endsWith('.js'))
    .map(async (file) => {
      const classic = file.endsWith('.iife.js');
      const { code } = await minify(readFileSync(file, 'utf8'), {
        ...TERSER,
        module: !classic,
        // A classic script is read in the page's encoding; modules always as UTF-8.
        format: { ...TERSER.format, ascii_only: classic },
      });
      writeFileSync(file, code);
    }),
);

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const hashes = Object.fromEntries(
  files(out)
    .filter((file) => file.endsWith('.js'))
    .map((file) => [relative(out, file), integrity(readFileSync(file))])
    .sort(([a], [b]) => a.localeCompare(b)),
);
// Chunks are imported by the loader, not by a tag the page writes: an import map carries
// their hashes (`<BASE>` is where dist/cdn is served from, ending in a slash).
const importMap = {
  integrity: Object.fromEntries(
    Object.entries(hashes)
      .filter(([file]) => file.startsWith('chunks/'))
      .map(([file, hash]) => [`<BASE>${file}`, hash]),
  ),
};
// Which file imports which, now (`imports`) and when used (`later`): the size check adds up
// what a page with given elements downloads.
const graph = {};
const setKeys = new Set(sets.map(({ key }) => key));
const renamed = (name) => {
  if (name === 'chunks/core.js') return `chunks/${coreName}`;
  if (name === 'chunks/queue.js') return `chunks/${queueName}`;
  const key = name.match(/^chunks\/(.+)\.js$/)?.[1];
  return setKeys.has(key) ? `chunks/${setFile(key)}` : name;
};
for (const outputs of [coreBuild.metafile.outputs, metafile.outputs, ...setBuilds.map((set) => set.metafile.outputs)]) {
  for (const [file, output] of Object.entries(outputs)) {
    const name = renamed(relative(out, join(here, file)));
    const target = (i) => (i.external ? `chunks/${coreName}` : renamed(relative(out, join(here, i.path))));
    const of = (kind) => [...new Set(output.imports.filter((i) => i.kind === kind).map(target))];
    graph[name] = {
      imports: of('import-statement'),
      // The core fetches the queue by a URL made at run time.
      later: [...of('dynamic-import'), ...(name === `chunks/${coreName}` ? [`chunks/${queueName}`] : [])],
      // The set of elements a file defines, by its key (`poll_nps`).
      set: output.entryPoint?.match(/sets\/([a-z_-]+)\.js$/)?.[1] ?? null,
    };
  }
}
writeFileSync(join(here, 'dist/cdn-graph.json'), `${JSON.stringify(graph, null, 2)}\n`);
writeFileSync(join(out, 'sri.json'), `${JSON.stringify({ files: hashes, importMap }, null, 2)}\n`);
console.log(`Wrote ${Object.keys(hashes).length} files and their SRI hashes to ${relative(here, out)}/`);
