"""The citation engine: CSL formatting, exports, reference-manager metadata, BibTeX import.

Pure and MkDocs-free; the plugin wires it into pages.  Modules:

* :mod:`.csl` -- a source as a CSL-JSON item; fields a scholar would miss;
* :mod:`.formatter` -- :class:`~.formatter.Bibliography`: in-text citations and
  references with citeproc-js (:mod:`.citeproc_js`, embedded V8), any CSL style and locale;
* :mod:`.exports` -- BibTeX, CSL-JSON, RIS (whole bibliography or one entry);
* :mod:`.coins` -- COinS, Highwire ``citation_*`` meta tags, schema.org JSON-LD;
* :mod:`.pages` -- page ranges ("12–15") for every format;
* :mod:`.supplied` -- supplied titles ("[Kwak 2010, cited in BAB IV]") where the text gives none;
* :mod:`.import_bib` -- .bib file to source YAML files, with a report.
"""

from .coins import coins_span, coins_title, highwire_meta, jsonld, jsonld_script
from .csl import missing_fields, to_csl_item
from .exports import entry_bibtex, entry_csl_json, entry_ris, to_bibtex, to_csl_json, to_ris
from .formatter import Bibliography
from .import_bib import ImportResult, import_bib
from .pages import first_last_page
from .supplied import SUPPLIED_NOTE, catalogue_record, supplied_title

__all__ = [
    "SUPPLIED_NOTE",
    "Bibliography",
    "ImportResult",
    "catalogue_record",
    "coins_span",
    "coins_title",
    "entry_bibtex",
    "entry_csl_json",
    "entry_ris",
    "first_last_page",
    "highwire_meta",
    "import_bib",
    "jsonld",
    "jsonld_script",
    "missing_fields",
    "supplied_title",
    "to_bibtex",
    "to_csl_item",
    "to_csl_json",
    "to_ris",
]
