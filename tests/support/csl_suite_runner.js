// The CSL processor test suite's fixtures run as citeproc-js's own test runner runs them
// (citeproc-test-runner): loaded into the project's V8 context after citeproc-js and the bridge.
"use strict";

function asSuiteFixture(t) {
  var byId = {};
  for (var i = 0; i < t.input.length; i++) byId[t.input[i].id] = t.input[i];
  var sys = {
    retrieveLocale: function (tag) {
      return AS.locales[("" + tag).replace("_", "-")] || false;
    },
    retrieveItem: function (id) {
      return byId[id];
    },
  };
  var engine = new CSL.Engine(sys, t.csl);
  if (!t.citations) {
    engine.updateItems(t.input.map(function (item) { return item.id; }), null, null, true);
  }
  var citationItems = t.citation_items;
  if (!citationItems && !t.citations) {
    var all = [];
    for (var r = 0; r < engine.registry.reflist.length; r++) all.push({ id: engine.registry.reflist[r].id });
    citationItems = [all];
  }
  var out = [];
  if (citationItems) {
    for (var c = 0; c < citationItems.length; c++) out.push(engine.makeCitationCluster(citationItems[c]));
  } else {
    var texts = {};
    var last = {};
    for (var k = 0; k < t.citations.length; k++) {
      var call = t.citations[k];
      var updates = engine.processCitationCluster(call[0], call[1], call[2])[1];
      if (k === t.citations.length - 1) last = {};
      for (var u = 0; u < updates.length; u++) {
        texts[updates[u][2]] = updates[u][1];
        if (k === t.citations.length - 1) last[updates[u][2]] = true;
      }
    }
    var byIndex = engine.registry.citationreg.citationByIndex;
    for (var n = 0; n < byIndex.length; n++) {
      var id = byIndex[n].citationID;
      out.push((last[id] ? ">>" : "..") + "[" + n + "] " + texts[id]);
    }
  }
  if (t.mode === "citation") return out.join("\n");
  var bib = engine.makeBibliography();
  return bib ? bib[0].bibstart + bib[1].join("") + bib[0].bibend : "";
}

// Every fixture in one call; a fixture that throws gives its error message.
function asSuite(fixtures) {
  var results = [];
  for (var i = 0; i < fixtures.length; i++) {
    try {
      results.push(asSuiteFixture(fixtures[i]));
    } catch (error) {
      results.push("ERROR: " + error);
    }
  }
  return results;
}
