#!/usr/bin/env python3
"""Finish dist/ after trunk: put the office modules in, write the service worker, and make
dist/selfeval.html, the app in one file.

usage: dist.py <dist> <exporter dir> <reader dir> (wasm-bindgen's output of crates/office,
built with its `write` and its `read` feature)

- Each office module's two files go to dist/exporter-<hash>/ and dist/reader-<hash>/ (a new
  name when they change, so no cache serves a stale one), and index.html learns where they are
  (SELFEVAL_EXPORTER, SELFEVAL_READER).
- dist/sw.js precaches every file of this build under a cache named by the build's hash; the
  hash is also the page's SELFEVAL_BUILD, by which the app notices it was updated.
- The stylesheet is inline in index.html (one request fewer before a first visit's paint).
- dist/selfeval.html inlines the JS glue (as data: module URLs) and the three wasm modules (the
  app's, the exporter's and the reader's), gzip + base64, inflated only when needed (by
  DecompressionStream, or where that is missing by tiny-inflate from the npm registry): it works from file://, where
  a page may not fetch its neighbours. Recipe: ../shared/toolchain.md §5.
- Every wasm module is checked to declare no feature the page's browser check does not probe.
"""
import base64
import gzip
import hashlib
import json
import pathlib
import re
import subprocess
import sys

dist = pathlib.Path(sys.argv[1])
# the npm packages the build takes (terser, tiny-inflate), installed by scripts/setup
node_modules = pathlib.Path(__file__).parent.parent / "e2e/node_modules"
# (the page's setting, the folder name in dist/, wasm-bindgen's output)
office = [("SELFEVAL_EXPORTER", "exporter", pathlib.Path(sys.argv[2])),
          ("SELFEVAL_READER", "reader", pathlib.Path(sys.argv[3]))]
index = dist / "index.html"
html = index.read_text(encoding="utf-8")


def leb(b, i):
    value = shift = 0
    while True:
        byte = b[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def wasm_features(b):
    """The features a wasm module declares it uses (its target_features section)."""
    i, used = 8, set()
    while i < len(b):
        section = b[i]
        size, i = leb(b, i + 1)
        end = i + size
        if section == 0:
            n, j = leb(b, i)
            if b[j:j + n] == b"target_features":
                j += n
                count, j = leb(b, j)
                for _ in range(count):
                    prefix = b[j]
                    n, j = leb(b, j + 1)
                    if prefix == ord("+"):
                        used.add(b[j:j + n].decode())
                    j += n
        i = end
    return used


# the page's browser check probes these (index.html); bulk-memory-opt is bulk memory's
# memory.copy/fill alone, which the bulk-memory probe covers
probed = set(re.findall(r'^\s*"([a-z-]+)": (?:head\.concat|fn)\(', html, re.M)) | {"bulk-memory-opt"}
for wasm in [*dist.glob("*.wasm"), *(w for _, _, d in office for w in d.glob("*.wasm"))]:
    extra = wasm_features(wasm.read_bytes()) - probed
    if extra:
        sys.exit(f"dist.py: {wasm.name} uses wasm features the page does not check: {sorted(extra)}")


def short_imports(js, wasm):
    """The module's imports renamed a, b, … in its wasm and its glue. wasm-bindgen names each
    after its function and a 16-digit hash (`__wbg_set_nodeValue_7e9217115013d873`): some 200
    names of random digits that gzip cannot shorten, in the wasm's import section and again in
    the glue's import object (the app's: −3.0 KB of wasm, −2.7 KB of glue). The glue names each once, as a key
    of that object (`name: function(`); anything else is refused, so a new wasm-bindgen that
    writes it otherwise fails the build instead of shipping a page that cannot start."""
    def enc(n):
        out = bytearray()
        while True:
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                return bytes(out)

    def short(k):
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        name = ""
        while True:
            name, k = letters[k % 52] + name, k // 52
            if not k:
                return name

    out, i, renamed = bytearray(wasm[:8]), 8, 0
    while i < len(wasm):
        section = wasm[i]
        size, j = leb(wasm, i + 1)
        body = wasm[j:j + size]
        if section == 2:
            count, k = leb(body, 0)
            new = bytearray(enc(count))
            for _ in range(count):
                start = k
                n, k = leb(body, k)
                k += n
                module = body[start:k]
                n, k = leb(body, k)
                name = body[k:k + n].decode()
                k += n
                kind = body[k]
                _, end = leb(body, k + 1)
                if kind != 0:
                    sys.exit(f"dist.py: an import that is not a function: {name}")
                alias = short(renamed)
                key = re.compile(r"(\n\s+)" + re.escape(name) + r"(: function\()")
                js, found = key.subn(lambda m: m.group(1) + alias + m.group(2), js)
                if found != 1 or re.search(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])", js):
                    sys.exit(f"dist.py: the glue does not name the import {name} once, as a key")
                renamed += 1
                new += module + enc(len(alias)) + alias.encode() + body[k:end]
                k = end
            body = bytes(new)
        out += bytes([section]) + enc(len(body)) + body
        i = j + size
    return js, bytes(out)


def without_streams(js):
    """The glue without wasm-streams' three classes, whose exports wasm-opt removed (index.html):
    `export class IntoUnderlying… {…}`, its `Symbol.dispose` line and its finalizer."""
    js, classes = re.subn(
        r"export class (IntoUnderlying\w+) \{\n.*?\n\}\n"
        r"if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n",
        "", js, flags=re.S)
    js, registries = re.subn(
        r"const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n"
        r"[^\n]*\n[^\n]*_free\(ptr, 1\)\);\n", "", js)
    if (classes, registries) != (3, 3) or "IntoUnderlying" in js or "intounderlying" in js:
        sys.exit("dist.py: wasm-streams' classes are not in the glue as expected")
    return js


glue = next(dist.glob("selfeval-*.js"))
app_wasm = next(dist.glob("selfeval-*_bg.wasm"))
js, wasm = short_imports(without_streams(glue.read_text(encoding="utf-8")), app_wasm.read_bytes())
glue.write_text(js, encoding="utf-8")
app_wasm.write_bytes(wasm)
# minified by terser (npm): its comments, layout and local names are for people, nothing the
# browser reads (9.4 → 7.9 KB of the first load). Output no newer than ES2017, which the
# floor's engines all parse; the import object's keys (short_imports) are properties and stay.
subprocess.run([str(node_modules / ".bin/terser"), str(glue),
                "--module", "--compress", "ecma=2017", "--mangle", "--format", "ecma=2017",
                "--output", str(glue)], check=True)


def minify_css(text):
    """The stylesheet without its comments and layout: 2.5 KB of the first load. Only what
    cannot change a rule: no string in it holds a comment, a run of spaces or a space beside
    these marks, and a space before a selector's colon (a descendant's pseudo-class) stays."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ?([{};,>]) ?", r"\1", text)
    text = re.sub(r"([{;])([-a-z]+): ", r"\1\2:", text)
    return text.replace(";}", "}").strip()


# the stylesheet inline, and its file gone: a first visit paints once the page and its
# stylesheet are in, and a separate file is one more request before that
# paint (12 ms here, on a screen the same otherwise; more on a slow intranet server); nothing
# is gained by caching it apart, as the service worker serves the page itself on return visits
def inline_css(m):
    css = dist / m.group(1)
    text = css.read_text(encoding="utf-8")
    css.unlink()
    return "<style>" + minify_css(text) + "</style>"


html, n = re.subn(r'<link rel="stylesheet" href="\./([^"]+\.css)"[^>]*>', inline_css, html)
if n != 1:
    sys.exit(f"dist.py: expected trunk's one stylesheet link in index.html, found {n}")
# trunk's loader, without top-level await (older engines do not parse it), and telling the
# page (index.html's #boot) when the program could not be fetched or started
loader = re.compile(
    r'<script type="module">\s*import init, \* as bindings from (\'[^\']+\');\s*'
    r'const wasm = await init\((\{ module_or_path: \'[^\']+\' \})\);\s*'
    r'window\.wasmBindings = bindings;\s*'
    r'dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);\s*</script>'
)
html, n = loader.subn(
    lambda m: '<script type="module" onerror="selfevalBootFailed()">\n'
    f"import init, * as bindings from {m.group(1)};\n"
    f"init({m.group(2)}).then(function (wasm) {{\n"
    "  window.wasmBindings = bindings;\n"
    '  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: wasm } }));\n'
    "}, selfevalBootFailed);\n</script>",
    html,
)
if n != 1:
    sys.exit("dist.py: trunk's loader did not have the expected form")
# what trunk hashed has changed (the glue): its subresource integrity follows
html = re.sub(
    r'href="\./([^"]+)"([^>]*) integrity="sha384-[^"]*"',
    lambda m: f'href="./{m.group(1)}"{m.group(2)} integrity="sha384-'
    + base64.b64encode(hashlib.sha384((dist / m.group(1)).read_bytes()).digest()).decode() + '"',
    html,
)

def digest(*blobs):
    h = hashlib.sha256()
    for b in blobs:
        h.update(b)
    return h.hexdigest()[:16]


# the office modules, each under a name that changes with its content
modules = []  # (setting, folder, glue, wasm)
for key, name, out in office:
    js, wasm_raw = short_imports((out / "selfeval_office.js").read_text(encoding="utf-8"),
                                 (out / "selfeval_office_bg.wasm").read_bytes())
    js_raw = js.encode()
    folder = dist / f"{name}-{digest(js_raw, wasm_raw)}"
    folder.mkdir()
    (folder / "selfeval_office.js").write_bytes(js_raw)
    (folder / "selfeval_office_bg.wasm").write_bytes(wasm_raw)
    modules.append((key, folder, js_raw, wasm_raw))
where = {
    key: json.dumps({"js": f"./{folder.name}/selfeval_office.js", "wasm": f"./{folder.name}/selfeval_office_bg.wasm"})
    for key, folder, _, _ in modules
}

# the build's identity: every file trunk wrote plus the office modules, the page so far, and this
# script, which writes the rest of the page: a page changed by any of them is a new build to
# the service worker
files = sorted(p for p in dist.rglob("*") if p.is_file() and p != index)
build = digest(html.encode(), pathlib.Path(__file__).read_bytes(), *(p.name.encode() + p.read_bytes() for p in files))

SW_REGISTER = """<script>
      // offline after the first visit (not from file://, where service workers cannot run)
      if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
        // and, once a build's worker is active, look for a new one at once: it installs now and
        // runs on the next load. Not while a worker is installing (a first visit): a check
        // queued behind that install was seen (twice in some 200 runs of e2e/anywhere on a
        // loaded machine) to hold every later check back for 19 s.
        // Once the page has loaded: installing fetches every file of the build again, which
        // would share the line with the program's own start
        addEventListener("load", function () {
          navigator.serviceWorker.register("./sw.js").then(function (r) {
            if (r.active && !r.installing) return r.update();
          }).catch(function () {});
        });
      }
    </script>"""


def settings(exprs):
    """The page's settings: the build, and where each office module is (a JS expression)."""
    return (
        "<script>window.SELFEVAL_BUILD = " + json.dumps(build) + ";"
        + "".join(f" window.{key} = {expr};" for key, expr in exprs.items()) + "</script>"
    )


def without_comments(page):
    """The page without its comments, which are for people (1 KB of the first load): HTML
    comments, and the lines of its scripts that are only a `//` comment (no script has a
    string or template that runs over lines)."""
    page = re.sub(r"<!--.*?-->\s*", "", page, flags=re.S)
    return re.sub(r"(<script[^>]*>)(.*?)(</script>)",
                  lambda m: m.group(1) + re.sub(r"(?m)^[ \t]*//[^\n]*\n", "", m.group(2)) + m.group(3),
                  page, flags=re.S)


served = html.replace("</head>", settings(where) + "\n    " + SW_REGISTER + "\n  </head>", 1)
index.write_text(without_comments(served), encoding="utf-8")

# the service worker: precache this build's files, under this build's cache
urls = ["./"] + ["./" + p.relative_to(dist).as_posix() for p in sorted(dist.rglob("*")) if p.is_file()]
sw = pathlib.Path(__file__).with_name("sw.js").read_text(encoding="utf-8")
sw = sw.replace('["./"] /*__PRECACHE__*/', json.dumps(urls)).replace('"dev" /*__VERSION__*/', json.dumps(build))
(dist / "sw.js").write_text(sw, encoding="utf-8")

# the single file
def b64(data):
    return base64.b64encode(data).decode()


def inflate_expr(raw):
    """A JS expression giving the gzipped, base64'd wasm, inflated on demand (selfevalWasm)."""
    packed = gzip.compress(raw, 9, mtime=0)
    # selfevalWasm skips a bare 10-byte header: no file name, comment or extra field
    assert packed[3] == 0, "gzip header with optional fields"
    return "selfevalWasm('" + b64(packed) + "')"


# tiny-inflate (npm), as a classic script: selfevalInflate(deflated, out)
tiny = (node_modules / "tiny-inflate/index.js").read_text(encoding="utf-8")
tiny = re.sub(r"/\*.*?\*/", "", tiny, flags=re.S)
tiny = re.sub(r"(?m)^\s*//.*\n|^\s*\n", "", tiny)
INFLATE = """<script>
      // The wasm modules of this one file are gzipped: inflated by the browser where it can
      // (DecompressionStream: Chromium 80, Firefox 113, Safari 16.4), else by tiny-inflate
      // (MIT, npm) into bytes the wasm-bindgen glue instantiates the same way.
      var selfevalInflate = (function () { var module = {};
""" + tiny + """
      return module.exports; })();
      function selfevalWasm(b64) {
        var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
        if (typeof DecompressionStream === "function") {
          return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")),
            { headers: { "Content-Type": "application/wasm" } });
        }
        var n = bytes.length;
        var out = new Uint8Array((bytes[n - 4] | bytes[n - 3] << 8 | bytes[n - 2] << 16 | bytes[n - 1] << 24) >>> 0);
        selfevalInflate(bytes.subarray(10, n - 8), out);
        return out;
      }
    </script>"""


one = html
# no preloads (they point at files and carry integrity hashes)
one = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", one)
# the app's JS glue as a data: module, its wasm inflated from the page
one = re.sub(
    r"(from ')\./([^']+\.js)(')",
    lambda m: m.group(1) + "data:text/javascript;base64," + b64((dist / m.group(2)).read_bytes()) + m.group(3),
    one,
)
one = re.sub(
    r"module_or_path: '\./([^']+\.wasm)'",
    lambda m: "module_or_path: "
    + inflate_expr((dist / m.group(1)).read_bytes()),
    one,
)
if "data:text/javascript" not in one or "selfevalWasm('" not in one:
    sys.exit("dist.py: trunk's loader did not have the expected form; selfeval.html not written")
# the office modules: their glue as data: URLs, their wasm inflated only when first used
inline = {
    key: "{ js: 'data:text/javascript;base64," + b64(js_raw) + "', wasm: function () { return "
    + inflate_expr(wasm_raw) + "; } }"
    for key, _, js_raw, wasm_raw in modules
}
one = one.replace("</head>", settings(inline) + "\n    " + INFLATE + "\n  </head>", 1)
(dist / "selfeval.html").write_text(without_comments(one), encoding="utf-8")

kb = lambda p: f"{p.stat().st_size / 1024:.0f} KB"
print(f"dist: build {build}, "
      + "".join(f"{folder.name} ({kb(folder / 'selfeval_office_bg.wasm')} wasm), " for _, folder, _, _ in modules)
      + f"sw.js {len(urls)} files, selfeval.html {kb(dist / 'selfeval.html')}")
