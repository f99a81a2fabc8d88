      // The served build's wasm comes in two parts (scripts/split.mjs): what the first screen
      // runs, and the rest, fetched once the first is in and instantiated while the first
      // screen is built. The rest writes its functions into the shared table over placeholders;
      // a placeholder called before then loads the rest there and then, synchronously.
      // scripts/dist.py fills in the rest's file name.
      window.selfevalRest = (function () {
        var url = "__REST__";
        var primary = null, bytes = null, done = false;
        // Chromium before about 2025 compiles at most 4 KB synchronously on the main thread:
        // there an early call could not load the rest, so the program starts once it is in
        var sync = (function () {
          try {
            var b = new Uint8Array(5013); // a module of one 5000-byte custom section
            b.set([0, 97, 115, 109, 1, 0, 0, 0, 0, 0x8a, 0x27, 1, 120]);
            new WebAssembly.Module(b);
            return true;
          } catch (e) { return false; }
        })();
        var imports = function () { return { primary: primary }; };
        var attempt = null; // the current load: settled once the rest is in, or failed
        function now() {
          if (done) return;
          if (!bytes) {
            // not arrived yet: a synchronous request (the only kind a call that must return
            // now can wait for), its bytes as the low bytes of a "text"
            var x = new XMLHttpRequest();
            x.open("GET", url, false);
            x.overrideMimeType("text/plain; charset=x-user-defined");
            x.send();
            if (x.status !== 200 && x.status !== 0) throw new Error("无法载入程序的其余部分：" + x.status + " " + url);
            var s = x.responseText, b = new Uint8Array(s.length);
            for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
            bytes = b.buffer;
          }
          new WebAssembly.Instance(new WebAssembly.Module(bytes), imports());
          done = true;
          if (attempt) attempt.resolve();
        }
        // fetch and instantiate the rest (again, after a failure): a promise of its arrival
        function load() {
          if (done) return Promise.resolve();
          if (attempt && !attempt.failed) return attempt.promise;
          var current = { failed: false };
          current.promise = new Promise(function (resolve, reject) {
            current.resolve = resolve;
            fetch(url, { cache: attempt ? "reload" : "default" })
              .then(null, function () { throw new Error("网络连接失败"); })
              .then(function (r) {
                if (!r.ok) throw new Error("服务器答复 " + r.status);
                return r.arrayBuffer();
              })
              .then(function (b) { bytes = b; return done || WebAssembly.instantiate(b, imports()); })
              .then(function () { done = true; resolve(); }, function (e) {
                if (done) return resolve(); // loaded meanwhile, synchronously
                current.failed = true;
                console.error("selfeval: the rest of the program did not load", e);
                reject(e);
              });
          });
          attempt = current;
          return current.promise;
        }
        return {
          // a promise of the rest's arrival, rejected if it could not be loaded; load() again
          // retries
          load: load,
          placeholders: new Proxy({}, {
            get: function (_, slot) {
              var i = +slot;
              return function () {
                now();
                return primary["%table"].get(i).apply(null, arguments);
              };
            },
          }),
          // the first part is instantiated: run it (where an early call could not load the
          // rest, once that is in)
          start: function (exports) {
            primary = exports;
            // asked for after the first part, so the two do not share a slow line
            var arrival = load();
            // the program starts at once only where an early call can load the rest there and
            // then: not where the engine cannot compile it synchronously (above), nor where the
            // service worker serves the page, which never sees a synchronous request
            // (crbug.com/602051): offline such a call failed and a new tab on the list stayed
            // blank. The worker's cache gives the rest in moments
            var served = navigator.serviceWorker && navigator.serviceWorker.controller;
            if (sync && !served) {
              // a failure is the program's to show, when it asks (src/state/rest.rs)
              arrival.then(null, function () {});
              return exports.__wbindgen_start();
            }
            arrival.then(function () { exports.__wbindgen_start(); }, function (e) {
              document.body.innerHTML = '<main class="page"><div class="banner error" role="alert"><p>无法载入程序的其余部分（'
                + String(e && e.message || e).replace(/[<>&]/g, "") + '）。请检查网络或服务器后刷新页面。草稿保存在本机浏览器中，不受影响。</p></div></main>';
            });
          },
        };
      })();
