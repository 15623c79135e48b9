/* alliance-site: citation previews (hover, focus, tap), copy buttons, reading language, timeline and
   bibliography filters, acronyms by keyboard, landing on the paragraph a search (or a link) points to. */
(function () {
  "use strict";

  var VIEW_KEY = "alliance-site.view";

  /* ---------------------------------------------------------------- reading language */

  function applyView(view) {
    document.documentElement.setAttribute("data-as-view", view);
    document.querySelectorAll(".as-para").forEach(function (para) {
      var tr = para.querySelector('.as-tr[data-lang="' + view + '"]');
      var hasTr = tr && !tr.classList.contains("as-tr--missing");
      var orig = para.querySelector(".as-orig");
      if (orig) orig.hidden = !(view === "orig" || view === "both" || !hasTr);
    });
    document.querySelectorAll(".as-tr").forEach(function (el) {
      el.hidden = !(view === "both" || el.getAttribute("data-lang") === view);
    });
    /* A field shown inline (a timeline entry's title): its original gives way to the translation the
       view asks for, so that one reading view never shows the same field twice. */
    document.querySelectorAll(".as-orig--inline").forEach(function (el) {
      var translated = (el.getAttribute("data-tr") || "").split(" ");
      el.hidden = view !== "both" && translated.indexOf(view) !== -1;
    });
    document.querySelectorAll(".as-lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-as-view") === view));
    });
  }

  function storedView() {
    try { return window.localStorage.getItem(VIEW_KEY) || "orig"; } catch (e) { return "orig"; }
  }

  function initLanguage() {
    document.querySelectorAll(".as-lang button").forEach(function (b) {
      b.addEventListener("click", function () {
        var view = b.getAttribute("data-as-view");
        try { window.localStorage.setItem(VIEW_KEY, view); } catch (e) { /* private mode: not remembered */ }
        applyView(view);
      });
    });
    var view = storedView();
    var offered = Array.prototype.map.call(document.querySelectorAll(".as-lang button"), function (b) {
      return b.getAttribute("data-as-view");
    });
    if (offered.length && offered.indexOf(view) === -1) view = "orig"; // a language this site does not have
    applyView(view);
  }

  /* Text that the current view hides (a search hit in the translation, a page marker of the original
     while English is shown) is shown beside the other language for this visit, without changing the
     reader's stored choice. */
  function reveal(el) {
    if (el && el.closest("[hidden]") && el.closest(".as-para, .as-event, h1, h2, h3, h4, td, th")) {
      applyView("both");
    }
  }

  /* ---------------------------------------------------------------- citation previews */

  var tip = null;
  var tipOwner = null;
  var hideTimer = null;

  function referenceHtml(cite) {
    var ids = (cite.getAttribute("data-refs") || "").split(" ");
    var parts = [];
    ids.forEach(function (id) {
      var ref = id && document.getElementById(id);
      if (ref) parts.push(ref.innerHTML);
    });
    return parts.join("<br>");
  }

  function ensureTip() {
    if (tip) return tip;
    tip = document.createElement("div");
    tip.className = "as-tip";
    tip.id = "as-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    // The preview stays while the pointer moves onto it (WCAG 1.4.13: hoverable).
    tip.addEventListener("mouseenter", cancelHide);
    tip.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(tip);
    return tip;
  }

  function cancelHide() {
    if (hideTimer) window.clearTimeout(hideTimer);
    hideTimer = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hideTip, 300);
  }

  function showTip(cite) {
    var html = referenceHtml(cite);
    if (!html) return;
    cancelHide();
    if (tipOwner && tipOwner !== cite) tipOwner.removeAttribute("aria-describedby");
    ensureTip();
    tip.innerHTML = html;
    tip.querySelectorAll("a").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
    tip.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    tip.hidden = false;
    var rects = cite.getClientRects();
    var r = rects.length ? rects[rects.length - 1] : cite.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left, width - tip.offsetWidth - 8));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    cite.setAttribute("aria-describedby", "as-tip");
    tipOwner = cite;
  }

  function hideTip() {
    cancelHide();
    if (tip) tip.hidden = true;
    if (tipOwner) tipOwner.removeAttribute("aria-describedby");
    tipOwner = null;
  }

  function initCitations() {
    document.querySelectorAll("a.as-cite").forEach(function (cite) {
      cite.addEventListener("mouseenter", function () { showTip(cite); });
      cite.addEventListener("mouseleave", scheduleHide);
      cite.addEventListener("focus", function () { showTip(cite); });
      cite.addEventListener("blur", hideTip);
      // Tap: the first tap on a touch screen shows the reference, a second tap follows the link.
      cite.addEventListener("touchend", function (ev) {
        if (tipOwner !== cite || (tip && tip.hidden)) {
          ev.preventDefault();
          showTip(cite);
        }
      });
    });
  }

  function initDocumentListeners() {
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && tipOwner) hideTip();
    });
    // A tap anywhere else closes the preview.
    document.addEventListener("touchstart", function (ev) {
      if (!tipOwner) return;
      var t = ev.target;
      if (!(t instanceof Node) || (!tipOwner.contains(t) && !(tip && tip.contains(t)))) hideTip();
    }, { passive: true });
    window.addEventListener("hashchange", function () {
      document.querySelectorAll(".as-para.as-highlight").forEach(function (p) { p.classList.remove("as-highlight"); });
      showTarget();
    });
  }

  /* ---------------------------------------------------------------- copy buttons */

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function initCopy() {
    document.querySelectorAll("button.as-copy").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var id = btn.getAttribute("data-copy");
        // Material renames the id of a <pre> it mounts as a code block to "__code_" + id.
        var target = document.getElementById(id) || document.getElementById("__code_" + id);
        if (!target) return;
        var text = (target.innerText || target.textContent).trim();
        var status = document.getElementById(btn.getAttribute("data-status"));
        var done = function () {
          btn.setAttribute("data-copied", "true");
          if (status) status.textContent = btn.getAttribute("data-copied-label") || "Copied";
        };
        var fallback = function () {
          if (fallbackCopy(text)) done();
          else if (status) status.textContent = "";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  /* ---------------------------------------------------------------- filters, permalinks, acronyms */

  function initActorFilter() {
    var select = document.querySelector("select.as-actor-filter");
    if (!select) return;
    select.addEventListener("change", function () {
      var actor = select.value;
      document.querySelectorAll(".as-event").forEach(function (ev) {
        var actors = (ev.getAttribute("data-actors") || "").split("|");
        ev.hidden = actor !== "" && actors.indexOf(actor) === -1;
      });
    });
  }

  function initTypeFilter() {
    var select = document.querySelector("select.as-type-filter");
    if (!select) return;
    select.addEventListener("change", function () {
      document.querySelectorAll(".as-bibliography > li").forEach(function (li) {
        li.hidden = select.value !== "" && li.getAttribute("data-type") !== select.value;
      });
    });
  }

  /* "Cite this paragraph" shows the permalink as an absolute address: the page's own address without
     a search query (?h=…), with the paragraph's anchor. */
  function initPermalinks() {
    document.querySelectorAll("a.as-permalink-abs").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      url.search = "";
      a.textContent = url.href;
    });
  }

  /* The print edition lists where each reference's link leads (on paper a link is only its words):
     the address, made absolute here because the site may be served from anywhere. */
  function initPrintTargets() {
    document.querySelectorAll(".as-references > li > a[href], .as-bibliography > li > a[href]").forEach(function (a) {
      if (a.parentNode.querySelector(".as-print-target")) return;
      var url = new URL(a.getAttribute("href"), window.location.href);
      url.search = "";
      var target = document.createElement("span");
      target.className = "as-print-target";
      target.textContent = " <" + url.href + ">";
      a.insertAdjacentElement("afterend", target);
    });
  }

  /* Acronyms: Material shows the expansion of an <abbr> on hover; the first occurrence of each acronym
     in a block is also reachable with the keyboard, and shows it on focus. */
  function initAbbr() {
    var seen = new Map();
    document.querySelectorAll(".md-typeset abbr").forEach(function (abbr) {
      var block = abbr.closest("p, li, td, th, dd, dt, figcaption, caption, h1, h2, h3, h4") || document.body;
      var terms = seen.get(block);
      if (!terms) { terms = new Set(); seen.set(block, terms); }
      var term = abbr.textContent.trim();
      if (terms.has(term)) return;
      terms.add(term);
      if (!abbr.hasAttribute("tabindex")) abbr.setAttribute("tabindex", "0");
    });
  }

  /* ---------------------------------------------------------------- landing on a paragraph */

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function termPatterns(query) {
    return query.toLowerCase().split(/[\s\-:~^*+]+/).filter(Boolean).map(function (t) {
      return new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(t), "iu");
    });
  }

  function following(anchor, el) {
    return !anchor || anchor.contains(el) ||
      Boolean(anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  /* The first paragraph at or after `anchor` whose text (in any language) holds the query's words:
     all of them, or else any. Returns [paragraph, the text block that matched]. */
  function findParagraph(patterns, anchor) {
    var paras = Array.prototype.filter.call(document.querySelectorAll(".as-para"), function (p) {
      return following(anchor, p);
    });
    var tests = [
      function (text) { return patterns.every(function (re) { return re.test(text); }); },
      function (text) { return patterns.some(function (re) { return re.test(text); }); }
    ];
    for (var i = 0; i < tests.length; i++) {
      for (var j = 0; j < paras.length; j++) {
        var blocks = paras[j].querySelectorAll(".as-para__text > *");
        var hit = null;
        for (var k = 0; k < blocks.length; k++) {
          if (tests[i](blocks[k].textContent)) {
            if (!blocks[k].closest("[hidden]")) { hit = blocks[k]; break; }
            hit = hit || blocks[k];
          }
        }
        if (hit) return [paras[j], hit];
      }
    }
    return null;
  }

  function highlight(para) {
    document.querySelectorAll(".as-para.as-highlight").forEach(function (p) {
      if (p !== para) p.classList.remove("as-highlight");
    });
    para.classList.add("as-highlight");
  }

  function scrollToTarget(el) {
    el.scrollIntoView({ block: "start" });
    // The browser's own scroll to the address's #fragment may come later, once the page has loaded.
    if (document.readyState !== "complete") {
      window.addEventListener("load", function () { el.scrollIntoView({ block: "start" }); }, { once: true });
    }
  }

  function currentTarget() {
    if (!window.location.hash) return null;
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { id = window.location.hash.slice(1); }
    return document.getElementById(id);
  }

  /* Material's search links to a page's section with ?h=words; land on the paragraph that holds them. */
  function landOnSearchHit() {
    var query = new URLSearchParams(window.location.search).get("h");
    if (!query || !query.trim()) return false;
    var target = currentTarget();
    if (target && target.classList.contains("as-para")) {
      highlight(target);
      return true;
    }
    var found = findParagraph(termPatterns(query), target);
    if (!found && target) found = findParagraph(termPatterns(query), null);
    if (!found) return false;
    var para = found[0];
    reveal(found[1]);
    history.replaceState(history.state, "", "#" + para.id);
    highlight(para);
    scrollToTarget(para);
    return true;
  }

  /* An address whose #fragment is in text the current view hides: show it. */
  function showTarget() {
    var target = currentTarget();
    if (!target || !target.closest("[hidden]")) return;
    reveal(target);
    scrollToTarget(target);
  }

  /* ---------------------------------------------------------------- start */

  var started = false;

  function init() {
    initLanguage();
    initCitations();
    initCopy();
    initActorFilter();
    initTypeFilter();
    initPermalinks();
    initPrintTargets();
    initAbbr();
    if (!landOnSearchHit()) showTarget();
    if (!started) {
      started = true;
      initDocumentListeners();
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
