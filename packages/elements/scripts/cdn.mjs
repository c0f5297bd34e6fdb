/**
 * Builds what a page loads from a CDN into `dist/cdn/`:
 * - `heard.js`, the loader a page's script tag loads;
 * - `chunks/core-X.js`, what every element stands on: Lit, the shared element base, the SDK's
 *   client, in one file, fetched once;
 * - a file for each element (`chunks/poll-V.js`) and one for all of them (`chunks/all-V.js`):
 *   the loader requests the core and, at once beside it, the files of the elements on the page,
 *   or the file of all of them when that is fewer bytes (files gzip apart, so one file for five
 *   elements is smaller than five), so the number of files grows with the number of elements,
 *   not with the sets of them; and chunks loaded only when used: `chunks/queue-X.js` (the
 *   SDK's delivery) when a person starts to answer, the launcher's positioning when its
 *   popover first opens, Chinese strings when an element speaks Chinese;
 * - `heard.iife.js`, one classic script with everything;
 * - `sri.json`: the Subresource Integrity hash of every file a page may load, with an
 *   import map that pins the chunks;
 * - `dist/cdn-graph.json`, which file imports which and defines which elements, for the size
 *   check.
 *
 * Everything the build needs to know it reads as data or from esbuild's metafile, never from
 * source text: the elements are `TAGS` from src/tags.ts, bundled and imported; the names the
 * core exports are those the elements and the queue import from its modules (step 1); the
 * queue is an external URL the client imports (step 2). Every file but `heard.js` is named by
 * its content. (docs/decisions/0005-what-a-page-loads.md)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minify } from 'terser';
import { minifyTemplatesPlugin } from '../../../scripts/minify-templates.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = join(here, 'dist/cdn');
const chunksDir = join(out, 'chunks');
rmSync(out, { recursive: true, force: true });
mkdirSync(chunksDir, { recursive: true });

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

/** The elements, in the loader's order: `TAGS` as src/tags.ts exports it, bundled and imported. */
const tagsModule = await build({
  entryPoints: ['src/tags.ts'],
  bundle: true,
  format: 'esm',
  write: false,
  absWorkingDir: here,
  logLevel: 'error',
});
const { TAGS } = await import(
  `data:text/javascript;base64,${Buffer.from(tagsModule.outputFiles[0].contents).toString('base64')}`
);
if (!TAGS?.length) throw new Error('src/tags.ts exports no TAGS naming the elements');
const ELEMENTS = TAGS.map((tag) => tag.slice('heard-'.length));
/** An element's module and class, by the folder every element has: `src/poll/poll.ts`, `HeardPoll`. */
const entryOf = (name) => join(here, `src/${name}/${name}.ts`);
const classOf = (name) => `Heard${name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase())}`;
/** A module exporting the classes of some elements, each under its tag: what the loader imports. */
const elementsSource = (names) =>
  names
    .map((name) => `export { ${classOf(name)} as "heard-${name}" } from ${JSON.stringify(entryOf(name))};`)
    .join('\n');

/** Entry points written here, not on disk: `heard-entry:<name>`. */
const VIRTUAL = 'heard-entry';
const virtual = (sources) => ({
  name: 'heard-entries',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^heard-entry:/ }, ({ path }) => ({
      path: path.slice(`${VIRTUAL}:`.length),
      namespace: VIRTUAL,
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: VIRTUAL }, ({ path }) => ({
      contents: sources[path],
      resolveDir: here,
      loader: 'js',
    }));
  },
});
/** Entry points for `virtual(sources)`, by name. */
const entriesOf = (sources) => Object.fromEntries(Object.keys(sources).map((name) => [name, `${VIRTUAL}:${name}`]));

const SDK = resolve(here, '../sdk/src');
const SDK_INDEX = join(SDK, 'index.ts');
const CLIENT = join(SDK, 'client.ts');
/** Lit's packages, whose imports are the core's, each by the specifier it is imported by. */
const LIT = /^(lit(\/.*)?|@lit\/[^/]+(\/.*)?)$/;
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
/**
 * What `heard.js` calls in the core it imports by URL (a property of the module it gets, which
 * no metafile records): the loader's start.
 */
const LOADER = join(here, 'src/shared/loader.ts');
const LOADER_EXPORTS = ['start'];

/** The names a module exports, from the metafile of a bundle of it. */
const exportsCache = new Map();
const exportsOf = (key) => {
  if (!exportsCache.has(key))
    exportsCache.set(
      key,
      build({
        stdin: { contents: `export * from ${JSON.stringify(key)};`, resolveDir: here, loader: 'js' },
        bundle: true,
        format: 'esm',
        conditions: ['source'],
        write: false,
        metafile: true,
        logLevel: 'error',
      }).then(({ metafile }) => Object.values(metafile.outputs)[0].exports),
    );
  return exportsCache.get(key);
};

/**
 * Leaves the core's modules out of a build: Lit (keyed by specifier), the elements' shared
 * files and what the queue takes from the core (keyed by path), and whatever the SDK's index
 * re-exports (esbuild follows `@heard/sdk` to the module that defines each name, so the core
 * exports every name once, from where it is defined). The protocol's limits are plain values:
 * the elements bundle the few they check attributes with.
 *
 * Each such import becomes a stand-in free of side effects, one for each module that imports
 * (a stand-in two chunks used would be split into a chunk of its own, which a page would find
 * only after the file importing it), whose text is `standIn(key, importer)`: re-exports from
 * externals also free of side effects, so esbuild drops those no one uses.
 */
const STAND_IN = 'heard-core';
const coreImports = (standIn) => ({
  name: 'heard-core-imports',
  setup(pluginBuild) {
    const leftOut = (key, importer) => ({
      path: key,
      namespace: STAND_IN,
      sideEffects: false,
      pluginData: { importer },
      suffix: `?${importer}`,
    });
    pluginBuild.onResolve({ filter: /.*/, namespace: 'file' }, async (args) => {
      if (args.kind !== 'import-statement' || args.pluginData?.inner) return undefined;
      if (LIT.test(args.path)) return leftOut(args.path, args.importer);
      if (!args.path.startsWith('.')) return undefined;
      const { path, errors } = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      if (errors.length) return undefined;
      const shared = args.importer === SDK_INDEX || SHARED_FILE.test(path) || QUEUE_FROM_CORE.has(path);
      return shared ? leftOut(path, args.importer) : undefined;
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: STAND_IN }, async ({ path, pluginData }) => ({
      contents: await standIn(path, pluginData.importer),
      loader: 'js',
    }));
    pluginBuild.onResolve({ filter: /.*/, namespace: STAND_IN }, ({ path }) => ({
      path,
      external: true,
      sideEffects: false,
    }));
  },
});

/** A build into `chunks/`, kept in memory: its files are named (and hashed) before written. */
const chunksBuild = (plugins, entryPoints, options = {}) =>
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
    ...options,
  });
const outputOf = (result, name) => result.outputFiles.find((file) => file.path === join(chunksDir, `${name}.js`));
const version = (...texts) => {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex').slice(0, 8).toUpperCase();
};

// esbuild bundles and names; terser, whose compressor goes further (about 3 % less gzip),
// minifies what ships. Names in files are esbuild's, from its output: the same code, the
// same name. Only safe transforms: no property mangling, no `unsafe` options.
const terse = async (text, classic = false) =>
  (
    await minify(text, {
      ...TERSER,
      module: !classic,
      // A classic script is read in the page's encoding; modules always as UTF-8.
      format: { ...TERSER.format, ascii_only: classic },
    })
  ).code;
/** What each file written holds as esbuild made it: two builds may write a shared chunk, never differently. */
const written = new Map();
/** Writes a build's files, minified, its entry points under the names given; resolves to what it wrote. */
const emit = async (result, rename = new Map()) => {
  const shipped = new Map();
  await Promise.all(
    result.outputFiles.map(async (file) => {
      const path = rename.get(file.path) ?? file.path;
      if (written.has(path) && written.get(path) !== file.text)
        throw new Error(`two builds wrote ${relative(here, path)} differently`);
      written.set(path, file.text);
      const code = await terse(file.text);
      writeFileSync(path, code);
      shipped.set(path, code);
    }),
  );
  return shipped;
};
/** Every build's metafile, and what its files were renamed to: the graph the size check reads. */
const graphed = [];

// 1. Which names the elements and the queue import from the core's modules, and which
// module imports each: every name a module exports, each in a statement of its own from an
// external naming it (`heard-name:["name","module","importer"]`), so the imports in the
// metafile's outputs are exactly the names used.
const NAME = 'heard-name:';
const eachElement = Object.fromEntries(ELEMENTS.map((name) => [name, elementsSource([name])]));
const names = await chunksBuild(
  [
    virtual(eachElement),
    coreImports(async (key, importer) =>
      (await exportsOf(key))
        .map((name) => `export { ${name} } from ${JSON.stringify(NAME + JSON.stringify([name, key, importer]))};`)
        .join('\n'),
    ),
  ],
  { ...entriesOf(eachElement), queue: QUEUE },
);
/** The names the core exports, by module. */
const wanted = new Map([[LOADER, new Set(LOADER_EXPORTS)]]);
/** The names each module imports from each of the core's modules, by `importer\0module`. */
const used = new Map();
const add = (map, key, name) => map.set(key, (map.get(key) ?? new Set()).add(name));
for (const output of Object.values(names.metafile.outputs))
  for (const { path, external } of output.imports) {
    if (!external || !path.startsWith(NAME)) continue;
    const [name, key, importer] = JSON.parse(path.slice(NAME.length));
    add(wanted, key, name);
    add(used, `${importer}\0${key}`, name);
  }

// 2. The core: exactly those names, each from the module that defines it; the queue, which
// imports the core's file. The client imports the queue lazily: that import is left to the
// browser, as a URL beside the core's own (`core-X.js` imports `./queue-X.js`). X hashes both
// files as built with a stand-in for the other's name, so neither can be cached with the
// other's old code; then both are built with their real names.
const exporter = new Map();
for (const [key, list] of wanted)
  for (const name of list) {
    if (exporter.has(name))
      throw new Error(`the core would export ${name} twice: from ${exporter.get(name)} and ${key}`);
    exporter.set(name, key);
  }
const coreSource = [...wanted]
  .map(([key, list]) => `export { ${[...list].sort().join(', ')} } from ${JSON.stringify(key)};`)
  .join('\n');
const queueBeside = (file) => ({
  name: 'heard-queue-beside-core',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/, namespace: 'file' }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.importer !== CLIENT || args.pluginData?.inner) return undefined;
      const { path } = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      return path === QUEUE ? { path: `./${file}`, external: true } : undefined;
    });
  },
});
const coreEntry = { core: coreSource };
const coreBuild = (queueFile) => chunksBuild([virtual(coreEntry), queueBeside(queueFile)], entriesOf(coreEntry));
/**
 * The core's modules imported from its file `./core-X.js` beside the importer: by each module,
 * the names it imports in one statement, as its source does. A name the core lacks fails the
 * build.
 */
const fromCoreFile = (file) =>
  coreImports((key, importer) => {
    const list = [...(used.get(`${importer}\0${key}`) ?? [])];
    return list.length ? `export { ${list.join(', ')} } from ${JSON.stringify(`./${file}`)};` : '';
  });
const queueBuild = (coreFile) => chunksBuild([fromCoreFile(coreFile)], { queue: QUEUE });
const [coreDraft, queueDraft] = await Promise.all([coreBuild('queue-X.js'), queueBuild('core-X.js')]);
const X = version(outputOf(coreDraft, 'core').text, outputOf(queueDraft, 'queue').text);
const coreName = `core-${X}.js`;
const queueName = `queue-${X}.js`;
const [core, queue] = await Promise.all([coreBuild(queueName), queueBuild(coreName)]);
const coreOutput = core.metafile.outputs[relative(here, join(chunksDir, 'core.js'))];
const missing = [...exporter.keys()].filter((name) => !coreOutput.exports.includes(name));
if (missing.length) throw new Error(`the core does not export ${missing.join(', ')}`);
if (!coreOutput.imports.some(({ path, kind }) => kind === 'dynamic-import' && path === `./${queueName}`))
  throw new Error(
    `${relative(here, CLIENT)} no longer imports ${relative(here, QUEUE)} lazily: the core would not fetch ${queueName}`,
  );
const coreFile = join(chunksDir, coreName);
const queueFile = join(chunksDir, queueName);
await emit(core, new Map([[join(chunksDir, 'core.js'), coreFile]]));
await emit(queue, new Map([[join(chunksDir, 'queue.js'), queueFile]]));
graphed.push({ result: core, renamed: { 'chunks/core.js': `chunks/${coreName}` } });
graphed.push({ result: queue, renamed: { 'chunks/queue.js': `chunks/${queueName}` } });

// 3. A file for each element and one for all of them, against the core's file: each a build
// of its own, so no code is split out of it. The chunks they load later (Chinese strings, the
// launcher's positioning) are named by their content, so they share them. V hashes them all.
const ALL = 'all';
const groups = Object.fromEntries([...ELEMENTS.map((name) => [name, [name]]), [ALL, ELEMENTS]]);
if (ELEMENTS.includes(ALL)) throw new Error(`an element named ${ALL} would share the file of all elements`);
const groupBuilds = await Promise.all(
  Object.entries(groups).map(([key, members]) => {
    const entry = { [key]: elementsSource(members) };
    return chunksBuild([virtual(entry), fromCoreFile(coreName)], entriesOf(entry));
  }),
);
const V = version(...Object.keys(groups).flatMap((key, index) => [key, outputOf(groupBuilds[index], key).text]));
/** Each file's size as a page gets it, gzipped. */
const bytes = {};
for (const [index, key] of Object.keys(groups).entries()) {
  const path = join(chunksDir, `${key}-${V}.js`);
  const shipped = await emit(groupBuilds[index], new Map([[join(chunksDir, `${key}.js`), path]]));
  bytes[key] = gzipSync(shipped.get(path), { level: 9 }).length;
  graphed.push({
    result: groupBuilds[index],
    renamed: { [`chunks/${key}.js`]: `chunks/${key}-${V}.js` },
    elements: true,
  });
}
/**
 * The loader requests the file of all elements for a page that shows at least this many
 * kinds: the fewest whose own files, at their average size, add up to more bytes. A count
 * costs the loader a comparison; each file's size would cost it about 0.05 KB on every page,
 * to gain as much on average on the few pages between.
 */
const ELEMENT_BYTES = ELEMENTS.reduce((total, name) => total + bytes[name], 0);
const ALL_FROM = Math.floor((bytes[ALL] * ELEMENTS.length) / ELEMENT_BYTES) + 1;

// 4. The loader, told the core's file, the elements' version and when to take the file of all.
// It imports nothing itself: what it needs it requests at once, by URL.
const loader = await build({
  ...common,
  entryPoints: { heard: 'src/cdn/heard.ts' },
  define: {
    HEARD_CORE: JSON.stringify(coreName),
    ELEMENTS_VERSION: JSON.stringify(V),
    ALL_FROM: JSON.stringify(ALL_FROM),
  },
  format: 'esm',
  outdir: out,
  metafile: true,
  write: false,
});
if (
  Object.values(loader.metafile.outputs).some(({ imports }) => imports.some(({ kind }) => kind === 'import-statement'))
)
  throw new Error('src/cdn/heard.ts: heard.js must not import statically (its imports would arrive one after another)');
await emit(loader);
graphed.push({ result: loader, renamed: {} });

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
  written.set(file.path, file.text);
  writeFileSync(file.path, await terse(text.replace(IIFE_START, `$1if(!${defined})(()=>{`), true));
}

const integrity = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;
const hashes = Object.fromEntries(
  [...written.keys()]
    .map((path) => [relative(out, path), integrity(readFileSync(path))])
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
// Which file imports which, now (`imports`) and when used (`later`), and which elements it
// defines (`defines`, by tag): the size check adds up what a page with given elements
// downloads, choosing files as the loader does.
const graph = {};
for (const { result, renamed, elements = false } of graphed) {
  const { metafile } = result;
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const from = relative(out, join(here, file));
    const name = renamed[from] ?? from;
    const target = (i) => {
      const path = relative(out, i.external ? resolve(dirname(join(here, file)), i.path) : join(here, i.path));
      return renamed[path] ?? path;
    };
    const of = (kind) => [...new Set(output.imports.filter((i) => i.kind === kind).map(target))];
    graph[name] = {
      imports: of('import-statement'),
      later: of('dynamic-import'),
      // An element file exports each class under its tag (in the loader's order here).
      defines:
        elements && output.entryPoint?.startsWith(`${VIRTUAL}:`)
          ? TAGS.filter((tag) => output.exports.includes(tag))
          : [],
    };
    // The file of all elements says from how many kinds on a page the loader requests it.
    if (name === renamed[`chunks/${ALL}.js`]) graph[name].from = ALL_FROM;
  }
}
writeFileSync(join(here, 'dist/cdn-graph.json'), `${JSON.stringify(graph, null, 2)}\n`);
writeFileSync(join(out, 'sri.json'), `${JSON.stringify({ files: hashes, importMap }, null, 2)}\n`);
console.log(`Wrote ${Object.keys(hashes).length} files and their SRI hashes to ${relative(here, out)}/`);
