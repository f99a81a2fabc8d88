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
        var typed = {};
        function keep(e) {
          var path = e.target.getAttribute && e.target.getAttribute("data-path");
          if (path) typed[path] = e.target.value;
        }
        pre.addEventListener("input", keep, true);
        pre.addEventListener("change", keep, true);
        // links and buttons act once the program is in (a moment later)
        pre.addEventListener("click", function (e) {
          if (e.target.closest && e.target.closest("a, button, summary")) e.preventDefault();
        }, true);
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
        window.selfevalPrerender = {
          // resolved once the screen above has been painted: the program is fetched and
          // started after that (downloading and compiling it meanwhile delays the paint)
          painted: painted,
          // a promise of the next task (no timer clamping): the program starts in steps
          next: function () {
            return new Promise(function (resolve) {
              var c = new MessageChannel();
              c.port1.onmessage = function () { resolve(); };
              c.port2.postMessage(0);
            });
          },
          // the program's own page is in the DOM: it replaces this one, with what was typed,
          // the focus and the scroll position
          handover: function () {
            delete window.selfevalPrerender;
            if (!pre.parentNode) return;
            var active = document.activeElement;
            var focus = active && pre.contains(active) && active.getAttribute("data-path");
            var range = null;
            try { if (focus && active.selectionStart != null) range = [active.selectionStart, active.selectionEnd, active.selectionDirection]; } catch (e) {}
            var x = window.scrollX, y = window.scrollY;
            pre.parentNode.removeChild(pre);
            var find = function (path) {
              var all = document.querySelectorAll("[data-path]");
              for (var i = 0; i < all.length; i++) if (all[i].getAttribute("data-path") === path) return all[i];
              return null;
            };
            for (var path in typed) {
              var el = find(path);
              if (!el || el.value === typed[path]) continue;
              el.value = typed[path];
              el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
            }
            if (focus) {
              var el = find(focus);
              if (el) {
                el.focus({ preventScroll: true });
                try { if (range) el.setSelectionRange(range[0], range[1], range[2]); } catch (e) {}
              }
            }
            window.scrollTo(x, y);
          },
        };
      })();
