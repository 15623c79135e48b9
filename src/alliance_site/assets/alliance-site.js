/* alliance-site: citation previews (hover, focus, tap), copy buttons, timeline filter, search landing. */
(function () {
  "use strict";

  function referenceHtml(cite) {
    var ids = (cite.getAttribute("data-refs") || "").split(" ");
    var parts = [];
    ids.forEach(function (id) {
      var ref = document.getElementById(id);
      if (ref) parts.push(ref.innerHTML);
    });
    return parts.join("<br>");
  }

  var tip = null;
  var tipOwner = null;

  function showTip(cite) {
    var html = referenceHtml(cite);
    if (!html) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "as-tip";
      tip.id = "as-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.innerHTML = html;
    tip.querySelectorAll("a").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
    tip.hidden = false;
    var r = cite.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    cite.setAttribute("aria-describedby", "as-tip");
    tipOwner = cite;
  }

  function hideTip() {
    if (tip) tip.hidden = true;
    if (tipOwner) tipOwner.removeAttribute("aria-describedby");
    tipOwner = null;
  }

  function initCitations(root) {
    root.querySelectorAll("a.as-cite").forEach(function (cite) {
      cite.addEventListener("mouseenter", function () { showTip(cite); });
      cite.addEventListener("mouseleave", hideTip);
      cite.addEventListener("focus", function () { showTip(cite); });
      cite.addEventListener("blur", hideTip);
      // Tap: the first tap on a touch screen shows the reference, the second follows the link.
      cite.addEventListener("touchend", function (ev) {
        if (tipOwner !== cite) {
          ev.preventDefault();
          showTip(cite);
        }
      });
    });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hideTip(); });
  }

  function initCopy(root) {
    root.querySelectorAll("button.as-copy").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var target = document.getElementById(btn.getAttribute("data-copy"));
        if (!target) return;
        var text = target.innerText;
        var done = function () {
          btn.setAttribute("data-copied", "true");
          var status = document.getElementById(btn.getAttribute("data-status"));
          if (status) status.textContent = btn.getAttribute("data-copied-label") || "Copied";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
        } else {
          fallbackCopy(text);
          done();
        }
      });
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to do */ }
    document.body.removeChild(area);
  }

  function initActorFilter(root) {
    var select = root.querySelector("select.as-actor-filter");
    if (!select) return;
    select.addEventListener("change", function () {
      var actor = select.value;
      root.querySelectorAll(".as-event").forEach(function (ev) {
        var actors = (ev.getAttribute("data-actors") || "").split("|");
        ev.hidden = actor !== "" && actors.indexOf(actor) === -1;
      });
    });
  }

  // Material's search links to a page with ?h=words; land on the paragraph that holds them.
  function landOnSearchHit() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("h") || window.location.hash) return;
    window.setTimeout(function () {
      var mark = document.querySelector("mark[data-md-highlight]");
      var para = mark && mark.closest(".as-para");
      if (para) {
        history.replaceState(null, "", "#" + para.id);
        para.classList.add("as-highlight");
        para.scrollIntoView({ block: "center" });
      }
    }, 50);
  }

  function init() {
    initCitations(document);
    initCopy(document);
    initActorFilter(document);
    landOnSearchHit();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Reading language: original, a translation, or both side by side; remembered across pages. */
(function () {
  "use strict";
  var KEY = "alliance-site.view";

  function apply(view) {
    document.documentElement.setAttribute("data-as-view", view);
    document.querySelectorAll(".as-para").forEach(function (para) {
      var tr = para.querySelector('.as-tr[data-lang="' + view + '"]');
      var hasTr = tr && !tr.classList.contains("as-tr--missing");
      var orig = para.querySelector(".as-orig");
      if (orig) orig.hidden = !(view === "orig" || view === "both" || !hasTr);
    });
    document.querySelectorAll(".as-tr").forEach(function (el) {
      var show = view === "both" || el.getAttribute("data-lang") === view;
      if (el.classList.contains("as-tr--missing")) show = el.getAttribute("data-lang") === view || view === "both";
      el.hidden = !show;
    });
    document.querySelectorAll(".as-lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-as-view") === view));
    });
  }

  function stored() {
    try { return window.localStorage.getItem(KEY) || "orig"; } catch (e) { return "orig"; }
  }

  function init() {
    document.querySelectorAll(".as-lang button").forEach(function (b) {
      b.addEventListener("click", function () {
        var view = b.getAttribute("data-as-view");
        try { window.localStorage.setItem(KEY, view); } catch (e) { /* private mode: not remembered */ }
        apply(view);
      });
    });
    var view = stored();
    // A search hit inside a translation that the current view hides: show both, so the hit is visible.
    var mark = document.querySelector("mark[data-md-highlight]");
    apply(view);
    if (mark && mark.closest("[hidden]")) apply("both");
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Permalinks in "cite this paragraph" shown as absolute addresses; the bibliography's type filter. */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("a.as-permalink-abs").forEach(function (a) {
      a.textContent = new URL(a.getAttribute("href"), window.location.href).href;
    });
    var select = document.querySelector("select.as-type-filter");
    if (select) {
      select.addEventListener("change", function () {
        document.querySelectorAll(".as-bibliography > li").forEach(function (li) {
          li.hidden = select.value !== "" && li.getAttribute("data-type") !== select.value;
        });
      });
    }
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
