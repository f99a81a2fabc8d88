      // A first visit sees the sample's editor at once: scripts/prerender.mjs put the build's own
      // first screen above, as HTML, and this keeps it only for a first visit (no draft or
      // setting of this app stored, the list's address). What is typed into it before the
      // program is in is kept and handed to the editor, which replaces it (src/prerender.rs).
      (function () {
        var pre = document.getElementById("prerender");
        var first = false;
        try {
          first = !window.SELFEVAL_UNSUPPORTED && /^(#\/?)?$/.test(location.hash);
          for (var i = 0; first && i < localStorage.length; i++) {
            if (String(localStorage.key(i)).indexOf("selfeval.") === 0) first = false;
          }
        } catch (e) {
          first = false; // storage refused: the program says what that means
        }
        if (!first) {
          pre.parentNode.removeChild(pre);
          return;
        }
        // a field is known by its data-path, or by its id in the program's page (data-pid)
        function key(el) {
          var path = el.getAttribute && el.getAttribute("data-path");
          if (path) return ["data-path", path];
          var id = el.getAttribute && el.getAttribute("data-pid");
          return id ? ["id", id] : null;
        }
        function find(k) {
          var all = document.querySelectorAll("[" + k[0] + "]");
          for (var i = 0; i < all.length; i++) if (all[i].getAttribute(k[0]) === k[1]) return all[i];
          return null;
        }
        var typed = []; // [key, value], in the order typed, the last value of each
        function keep(e) {
          var k = key(e.target);
          if (!k) return;
          for (var i = 0; i < typed.length; i++) {
            if (typed[i][0][0] === k[0] && typed[i][0][1] === k[1]) typed.splice(i, 1);
          }
          typed.push([k, e.target.value]);
        }
        pre.addEventListener("input", keep, true);
        pre.addEventListener("change", keep, true);
        // links, buttons and Enter (which would send the form) act once the program is in, a
        // moment later; a file dropped here would replace the page
        var wait = function (e) { e.preventDefault(); };
        pre.addEventListener("click", function (e) {
          if (e.target.closest && e.target.closest("a, button, summary")) e.preventDefault();
        }, true);
        pre.addEventListener("submit", wait, true);
        pre.addEventListener("dragover", wait, true);
        pre.addEventListener("drop", wait, true);
        // a word being put together in an input method is finished before the handover
        var composing = false, asked = false;
        pre.addEventListener("compositionstart", function () { composing = true; }, true);
        pre.addEventListener("compositionend", function () {
          composing = false;
          if (asked) setTimeout(handover, 0); // after its input event
        }, true);
        // the program did not come (a file could not be fetched, or it failed to start), or not
        // yet: say so on this screen, whose fields keep what was typed, to be copied before a
        // reload
        function say(kind, text) {
          if (!pre.parentNode) return;
          var box = document.getElementById("prerender-note");
          if (!box) {
            box = document.createElement("div");
            box.id = "prerender-note";
            box.setAttribute("role", "alert");
            box.appendChild(document.createElement("p"));
            pre.insertBefore(box, pre.firstChild);
          } else if (kind === "warn" && box.className.indexOf("error") >= 0) {
            return;
          }
          box.className = "banner " + kind;
          box.firstChild.textContent = text;
        }
        function failed(why) {
          if (/fetch|network/i.test(why)) why = "网络连接失败";
          pre.removeAttribute("aria-busy");
          say("error", "程序未能载入" + (why ? "（" + why + "）" : "") +
            "。此页上填写的内容尚未保存：请先复制，再检查网络或服务器后刷新页面。");
        }
        addEventListener("error", function (e) {
          var el = e.target;
          if (el && (el.tagName === "SCRIPT" || el.tagName === "LINK")) failed("无法获取 " + (el.src || el.href || "脚本"));
          else if (e.message) failed(String(e.message).replace(/^Uncaught /, ""));
        }, true);
        addEventListener("unhandledrejection", function (e) {
          failed(String(e.reason && e.reason.message || e.reason || ""));
        });
        setTimeout(function () {
          say("warn", "程序仍在载入…此页上填写的内容要等载入后才会保存。");
        }, 10000);
        // painted: the first contentful paint (a frame on screen, not only one produced), or
        // at once in a hidden tab, or after a second where the browser does not report paints
        var painted = new Promise(function (resolve) {
          if (document.visibilityState === "hidden") return resolve();
          try {
            new PerformanceObserver(function (list) {
              if (list.getEntriesByName("first-contentful-paint").length) resolve();
            }).observe({ type: "paint", buffered: true });
          } catch (e) {}
          setTimeout(resolve, 1000);
        });
        // a second after the handover (or 10 s after the paint, if the program does not come):
        // background work that would slow the start down waits for it (the service worker)
        var settle;
        var settled = new Promise(function (resolve) { settle = resolve; });
        painted.then(function () { setTimeout(settle, 10000); });
        // the program's page is in the DOM (hidden by the stylesheet while this one is there):
        // it replaces this one, with what was typed, the focus, the caret and the scroll
        function handover() {
          asked = true;
          if (composing || !pre.parentNode) return;
          delete window.selfevalPrerender;
          var active = document.activeElement;
          var focus = active && pre.contains(active) ? key(active) : null;
          var range = null;
          try { if (focus && active.selectionStart != null) range = [active.selectionStart, active.selectionEnd, active.selectionDirection]; } catch (e) {}
          var x = window.scrollX, y = window.scrollY;
          pre.parentNode.removeChild(pre);
          for (var i = 0; i < typed.length; i++) {
            var el = find(typed[i][0]);
            if (!el || el.value === typed[i][1]) continue;
            el.value = typed[i][1];
            el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
          }
          var at = focus && find(focus);
          if (at) {
            at.focus({ preventScroll: true });
            try { if (range) at.setSelectionRange(range[0], range[1], range[2]); } catch (e) {}
          }
          window.scrollTo(x, y);
          setTimeout(settle, 1000);
        }
        window.selfevalPrerender = {
          // resolved once the screen above has been painted: the program is fetched and
          // started after that (downloading and compiling it meanwhile delays the paint)
          painted: painted,
          settled: settled,
          // a promise of the next task (no timer clamping): the program starts in steps
          next: function () {
            return new Promise(function (resolve) {
              var c = new MessageChannel();
              c.port1.onmessage = function () { resolve(); };
              c.port2.postMessage(0);
            });
          },
          handover: handover,
        };
      })();
