// The project's side of citeproc-js, loaded once into the V8 context after citeproc_commonjs.js.
// Python calls these functions with JSON-able values; every call does a whole batch of work, because
// one Python -> JS call costs far more than formatting one cite.
"use strict";

var AS = { engines: {}, locales: {}, next: 0 };

// Markers around each work of a cluster (sys.wrapCitationEntry), in the Unicode private-use area:
// source text never holds them (the loader replaces private-use code points in item text).
var AS_OPEN = "\uE010", AS_MID = "\uE011", AS_CLOSE = "\uE012";

function asAddLocales(locales) {
  for (var lang in locales) AS.locales[lang] = locales[lang];
  return true;
}

function asNewEngine(styleXml, lang, items, wrapWorks) {
  var byId = {};
  var ids = [];
  for (var i = 0; i < items.length; i++) {
    items[i].system_id = items[i].id;
    byId[items[i].id] = items[i];
    ids.push(items[i].id);
  }
  var sys = {
    retrieveLocale: function (tag) {
      return AS.locales[tag] || false;
    },
    retrieveItem: function (id) {
      return byId[id];
    },
  };
  if (wrapWorks) {
    sys.wrapCitationEntry = function (str, itemId) {
      return AS_OPEN + itemId + AS_MID + str + AS_CLOSE;
    };
  }
  var engine = new CSL.Engine(sys, styleXml, lang, true);
  if (wrapWorks) engine.opt.development_extensions.apply_citation_wrapper = true;
  engine.updateItems(ids);
  var handle = "e" + AS.next++;
  AS.engines[handle] = engine;
  return handle;
}

function asDropEngine(handle) {
  delete AS.engines[handle];
  return true;
}

// Every cluster in one call: each is a list of cite items ({id, locator, label, prefix, suffix,
// "suppress-author", "author-only"}). makeCitationCluster renders a cluster as a first cite without
// touching the registry, so the output does not depend on the order clusters are asked for.
function asClusters(handle, clusters) {
  var engine = AS.engines[handle];
  var out = [];
  for (var i = 0; i < clusters.length; i++) out.push(engine.makeCitationCluster(clusters[i]));
  return out;
}

// The bibliography in one makeBibliography call: [[ids...], [entries...]], in the style's order.
function asBibliography(handle) {
  var engine = AS.engines[handle];
  if (!engine.bibliography.tokens.length) return [[], []];
  var result = engine.makeBibliography();
  var ids = [];
  for (var i = 0; i < result[0].entry_ids.length; i++) ids.push("" + result[0].entry_ids[i][0]);
  return [ids, result[1]];
}

function asTerms(handle, asked) {
  var engine = AS.engines[handle];
  var out = [];
  for (var i = 0; i < asked.length; i++) {
    var term = engine.getTerm(asked[i][0], asked[i][1], asked[i][2] ? 1 : 0);
    out.push(term === undefined || term === null ? "" : "" + term);
  }
  return out;
}

function asSortsCitations(handle) {
  return AS.engines[handle].citation_sort.tokens.length > 0;
}

// The citation layout's prefix, suffix and delimiter: with the per-work wrapper on, citeproc-js
// leaves the layout's prefix and suffix to the caller.
function asLayout(handle) {
  var opt = AS.engines[handle].citation.opt;
  return [opt.layout_prefix || "", opt.layout_suffix || "", opt.layout_delimiter || ""];
}

// The year suffix citeproc-js gave each disambiguated item: {id: n} (n = 0 for "a", 1 for "b", ...).
function asYearSuffixes(handle) {
  var registry = AS.engines[handle].registry.registry;
  var out = {};
  for (var id in registry) {
    var n = registry[id].disambig.year_suffix;
    if (n !== false && n !== undefined) out[id] = parseInt(n, 10);
  }
  return out;
}
