/** Hostile text for rendering tests: markup, script URLs, template syntax, bidi tricks. Each sets window.__xss if it ever runs. */
const base = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">click</a>',
  '<body onload=window.__xss=1>',
  '<details open ontoggle=window.__xss=1>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '${window.__xss=1}',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<input autofocus onfocus=window.__xss=1>',
  '<video><source onerror=window.__xss=1></video>',
  '<object data="javascript:window.__xss=1"></object>',
  '<marquee onstart=window.__xss=1>',
  '<div style="background:url(javascript:window.__xss=1)">',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<base href="javascript:window.__xss=1//">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<link rel=import href="data:text/html,<script>window.__xss=1</script>">',
];
const twists = [
  (p: string) => p.toUpperCase().replace('WINDOW.__XSS', 'window.__xss'),
  (p: string) => `Dark mode ${p}`,
];

export const XSS_PAYLOADS: string[] = [
  ...base,
  ...base.map(twists[0]!),
  ...base.map(twists[1]!),
  '\u202Eexe.txt — reversed',
  '\u2066isolate\u2069 \u200Fmark',
  `Long${'W'.repeat(400)}`,
];
